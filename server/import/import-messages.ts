// Every reason an import gives a person — a refused row or feature, a file that cannot be read — in English
// and Chinese, in one place. The county clerk reads Chinese; logs, scripts and older clients read the English
// `reason` / `error`, which therefore keeps its wording. A call site names the reason and its values
// (`msg.unknownCategory(text, …)`); the two sentences live only here, and test/unit/import-messages.test.ts
// checks that every entry has both and that each value it was given (line, code, number, name) appears in
// both. Values are written the same way in both languages: a number, a code or a name is not translated.
import type { ValidityProblem } from '../analysis/polygon-validity.js';

/** A sentence in both languages; `key` names the catalogue entry it came from (set by `msg`). */
export interface Msg { en: string; zh: string; key?: string }

const list = (xs: readonly (string | number)[], sep: string) => xs.join(sep);
/** Areas as the import reports them: whole square metres with thousands separators. */
const m2 = (x: number) => Math.round(x).toLocaleString('en');
const pct = (x: number) => `${(x * 100).toFixed(x < 0.1 ? 1 : 0)} %`;
export interface ToleranceText { minM2: number; share: number }
const tolEn = (t: ToleranceText) => `${t.minM2} m² or ${t.share * 100} % of the smaller area`;
const tolZh = (t: ToleranceText) => `${t.minM2} 平方米或较小面积的 ${t.share * 100} %`;
const LEVEL_ZH: Record<string, string> = { township: '乡镇', village: '村/社区', grid: '网格', county: '县' };
const pos = (p: readonly number[]) => `${p[0].toFixed(6)}, ${p[1].toFixed(6)}`;

const catalogue = {
  // ---- Files: encoding, format, header ----
  notUtf8ButGbk: (): Msg => ({
    en: 'The file is not UTF-8: its bytes read as GBK/GB18030 (Excel\'s default for Chinese CSV). Save it as "CSV UTF-8", or import with encoding=gbk.',
    zh: '文件不是 UTF-8 编码：按 GBK/GB18030（Excel 中文 CSV 的默认编码）可以读出。请另存为“CSV UTF-8”，或把文件编码选为 GBK。',
  }),
  notText: (): Msg => ({
    en: 'The file is not valid UTF-8 text (nor GBK), nor an XLSX workbook; is it a CSV file?',
    zh: '文件既不是有效的 UTF-8（或 GBK）文本，也不是 XLSX 工作簿；请确认它是 CSV 文件。',
  }),
  /** An XLSX workbook that cannot be read, said in words: damaged (cannot be unzipped), or a zip that is not a workbook. */
  xlsxUnreadable: (problem: 'damaged' | 'notWorkbook' | 'noSheet'): Msg => ({
    damaged: {
      en: 'The file looks like an XLSX workbook but is damaged or incomplete (it cannot be unzipped): save it again from Excel, or as CSV UTF-8.',
      zh: '文件看似 XLSX 工作簿，但已损坏或不完整（无法解压）：请用 Excel 重新保存，或另存为 CSV UTF-8。',
    },
    notWorkbook: {
      en: 'The file is a zip archive but not an Excel workbook (no worksheet inside; a Word file or another archive?): upload the .xlsx workbook or a CSV file.',
      zh: '文件是 zip 压缩包，但不是 Excel 工作簿（里面没有工作表；是 Word 文件或其他压缩包？）：请上传 .xlsx 工作簿或 CSV 文件。',
    },
    noSheet: {
      en: 'The workbook has no worksheet with data: put the table on the first sheet, or save it as CSV UTF-8.',
      zh: '工作簿中没有含数据的工作表：请把表格放在第一个工作表，或另存为 CSV UTF-8。',
    },
  })[problem],
  xlsOrEncrypted: (): Msg => ({
    en: 'The file is an old Excel 97–2003 workbook (.xls) or a password-protected one: save it as .xlsx without a password, or as CSV UTF-8.',
    zh: '文件是旧版 Excel 97–2003 工作簿（.xls）或设置了密码的工作簿：请另存为无密码的 .xlsx，或另存为 CSV UTF-8。',
  }),
  utf16: (): Msg => ({
    en: 'The file is UTF-16 text (Excel\'s "Unicode text"): save it as "CSV UTF-8" and import it again.',
    zh: '文件是 UTF-16 编码（Excel 的“Unicode 文本”）：请另存为“CSV UTF-8”后重新导入。',
  }),
  emptyFile: (): Msg => ({ en: 'The file is empty: expected a header line and at least one row.', zh: '文件为空：需要一行表头和至少一行数据。' }),
  headerOnly: (): Msg => ({ en: 'The file has a header but no rows.', zh: '文件只有表头，没有数据行。' }),
  /** Incident files: each missing column is named bilingually already (类别/category). */
  missingColumnsFound: (missing: readonly string[], found: readonly string[]): Msg => ({
    en: `Line 1 (header): missing column(s) ${list(missing, '; ')}. Found: ${list(found, ', ') || '(nothing)'}`,
    zh: `第 1 行（表头）缺少列：${list(missing, '；')}。文件中的列：${list(found, '、') || '（无）'}`,
  }),
  /** Ledger and site files: field ids, with their Chinese column names in the Chinese sentence. */
  missingColumns: (fields: readonly string[], zhNames: Readonly<Record<string, string>>): Msg => ({
    en: `Line 1 (header): missing column(s) ${list(fields, ', ')}`,
    zh: `第 1 行（表头）缺少列：${fields.map((f) => (zhNames[f] ? `${zhNames[f]}（${f}）` : f)).join('、')}`,
  }),
  jsonTooDeep: (max: number): Msg => ({ en: `The file's JSON is nested more than ${max} levels deep; GeoJSON needs at most 6: it is not a GeoJSON file.`, zh: `文件的 JSON 嵌套超过 ${max} 层（GeoJSON 最多 6 层），不是 GeoJSON 文件。` }),
  xlsxInflatesTooMuch: (mb: number): Msg => ({
    en: `The workbook unpacks to more than ${mb} MB (an XLSX is a zip archive); it is refused so the server keeps working: split it into smaller files, or save it as CSV UTF-8.`,
    zh: `该工作簿解压后超过 ${mb} MB（XLSX 是压缩包），为保护服务器已拒绝：请拆分为较小的文件，或另存为 CSV UTF-8。`,
  }),
  notJson: (detail: string): Msg => ({ en: `The file is not valid JSON: ${detail}`, zh: `文件不是有效的 JSON：${detail}` }),
  notGeoJsonObject: (): Msg => ({
    en: 'The file is not a GeoJSON object: expected {"type": "FeatureCollection", "features": [...]}.',
    zh: '文件不是 GeoJSON 对象：应为 {"type": "FeatureCollection", "features": [...]}。',
  }),
  noFeaturesArray: (): Msg => ({ en: 'The FeatureCollection has no "features" array.', zh: 'FeatureCollection 中没有 "features" 数组。' }),
  notFeatureCollection: (type: string): Msg => ({ en: `GeoJSON type "${type}" is not a FeatureCollection.`, zh: `GeoJSON 类型「${type}」不是 FeatureCollection。` }),
  projectedCrs: (name: string): Msg => ({
    en: `The file declares a projected coordinate system (${name}); export it as longitude/latitude (WGS-84, GCJ-02 or BD-09).`,
    zh: `文件声明的是投影坐标系（${name}）；请导出为经纬度（WGS-84、GCJ-02 或 BD-09）。`,
  }),
  // ---- Shapefiles and coordinate systems (import/shapefile-file.ts, import/area-file.ts) ----
  badZip: (detail: string): Msg => ({ en: `The file looks like a zip archive but could not be opened (${detail}).`, zh: `文件看似 zip 压缩包，但无法打开（${detail}）。` }),
  noShpInZip: (): Msg => ({
    en: 'The zip holds no .shp file: a zipped Shapefile needs at least the .shp and .dbf (and the .prj to know its coordinate system).',
    zh: '压缩包中没有 .shp 文件：Shapefile 压缩包至少需要 .shp 和 .dbf（以及说明坐标系的 .prj）。',
  }),
  badShapefile: (name: string, detail: string): Msg => ({ en: `${name} could not be read as a Shapefile (${detail}).`, zh: `${name} 无法按 Shapefile 读取（${detail}）。` }),
  crsUnknown: (declared: string): Msg => ({
    en: `The coordinate system could not be recognised (${declared}): choose it in the dialog (crs=epsg:NNNN, e.g. epsg:4490 CGCS2000 or epsg:4527 CGCS2000 3-degree Gauss-Kruger zone 39).`,
    zh: `无法识别坐标系（${declared}）：请在对话框中选择（crs=epsg:NNNN，例如 epsg:4490 CGCS2000 经纬度，或 epsg:4527 CGCS2000 3 度带高斯-克吕格第 39 带）。`,
  }),
  partlyOutsideClip: (areaM2: number, share: number, county: string, clipShare: number): Msg => ({
    en: `${m2(areaM2)} m² (${pct(share)}) of the polygon lies outside ${county}, more than the ${clipShare * 100} % that clipping to the outline cuts off`,
    zh: `多边形有 ${m2(areaM2)} 平方米（${pct(share)}）超出${county}辖区范围，超过按辖区边界裁剪所允许的 ${clipShare * 100} %`,
  }),
  noJurisdiction: (): Msg => ({
    en: 'The database has no jurisdiction yet: import its outline first (POST /api/import/jurisdiction).',
    zh: '数据库中还没有辖区：请先导入辖区边界（POST /api/import/jurisdiction）。',
  }),
  outlineCompareFailed: (county: string, detail: string): Msg => ({
    en: `the polygon could not be compared with the outline of ${county} (${detail}); check its edges along the border`,
    zh: `多边形无法与${county}辖区边界比对（${detail}）；请检查其沿边界的边`,
  }),
  noFeatures: (): Msg => ({ en: 'The FeatureCollection has no features.', zh: 'FeatureCollection 中没有任何要素。' }),
  noRoadClassProperty: (properties: readonly string[]): Msg => ({
    en: `No road class property among ${list(properties, ', ') || '(none)'}: map one to "class" (values 国道/省道/县道/村道/街路/铁路 or national … railway).`,
    zh: `属性 ${list(properties, '、') || '（无）'} 中没有道路等级：请把其中一个对应到“class”（取值 国道/省道/县道/村道/街路/铁路，或 national … railway）。`,
  }),
  orphans: (n: number, what: 'grids' | 'villages/grids', level: string, parents: readonly string[], more: boolean, someRefused: boolean): Msg => ({
    en: `${n} stored ${what} would lose their ${level} (${list(parents, ', ')}${more ? ' …' : ''}): the file replaces every ${level}, so it must include these codes${someRefused ? ' (some are among the refused features)' : ''}.`,
    zh: `已有的 ${n} 个${what === 'grids' ? '网格' : '村/网格'}将失去所属${LEVEL_ZH[level] ?? level}（${list(parents, '、')}${more ? ' …' : ''}）：导入会替换全部${LEVEL_ZH[level] ?? level}，文件必须包含这些编码${someRefused ? '（其中有的在不合格要素里）' : ''}。`,
  }),
  areasChanged: (): Msg => ({
    en: 'The grid polygons were replaced while this file was being checked: import it again so its rows are located in the new grids.',
    zh: '检查此文件期间网格边界已被替换：请重新导入，使各行落到新的网格中。',
  }),
  idsImportedMeanwhile: (ids: readonly string[]): Msg => ({
    en: `ids imported by someone else meanwhile: ${list(ids, ', ')}`,
    zh: `这些编号在此期间已由他人导入：${list(ids, '、')}`,
  }),

  // ---- Upload and outcome (the routes) ----
  tooLarge: (mb: number): Msg => ({ en: `The file is larger than ${mb} MB; split it into parts.`, zh: `文件超过 ${mb} MB；请拆分成几个文件。` }),
  noFileField: (): Msg => ({ en: 'Multipart upload without a "file" field.', zh: '上传内容中没有 "file" 字段。' }),
  emptyBody: (): Msg => ({ en: 'Empty body: send the CSV as multipart field "file" or as a text/csv body.', zh: '上传内容为空：请以 "file" 字段或 text/csv 正文发送文件。' }),
  rowsRefused: (n: number, valid: number): Msg => ({
    en: `${n} row(s) refused, nothing imported: fix them, or import with partial=true to keep the ${valid} good row(s).`,
    zh: `${n} 行不合格，未导入任何数据：请修正这些行，或勾选“只导入合格行”导入其余 ${valid} 行。`,
  }),
  featuresRefusedReplace: (n: number, level: string, valid: number): Msg => ({
    en: `${n} feature(s) refused, nothing imported: fix them, or import with partial=true to replace the ${level}s with the ${valid} good one(s).`,
    zh: `${n} 个要素不合格，未导入任何数据：请修正，或勾选“只导入合格行”，用其余 ${valid} 个合格要素替换全部${LEVEL_ZH[level] ?? level}。`,
  }),
  featuresRefused: (n: number, valid: number): Msg => ({
    en: `${n} feature(s) refused, nothing imported: fix them, or import with partial=true to keep the ${valid} good one(s).`,
    zh: `${n} 个要素不合格，未导入任何数据：请修正，或勾选“只导入合格行”导入其余 ${valid} 个。`,
  }),

  // ---- Rows of CSV / XLSX files ----
  fieldCount: (expected: number, found: number): Msg => ({
    en: `expected ${expected} fields, found ${found}`,
    zh: `应有 ${expected} 列，实有 ${found} 列`,
  }),
  fieldCountHint: (expected: number, found: number): Msg => ({
    en: `expected ${expected} fields, found ${found} (a stray comma or quote?)`,
    zh: `应有 ${expected} 列，实有 ${found} 列（多了逗号或引号？）`,
  }),
  duplicateIdInFile: (id: string, firstLine: number): Msg => ({ en: `duplicate id ${id} (first on line ${firstLine})`, zh: `编号 ${id} 重复（首次出现在第 ${firstLine} 行）` }),
  idInDatabase: (id: string): Msg => ({ en: `id ${id} is already in the database`, zh: `编号 ${id} 已存在于数据库中` }),
  cameraInLedger: (id: string): Msg => ({ en: `camera ${id} is already in the ledger`, zh: `监控点位 ${id} 已在台账中` }),
  missingCategory: (): Msg => ({ en: 'missing category (类别)', zh: '缺少类别' }),
  unknownCategory: (text: string, zhNames: readonly string[], ids: readonly string[]): Msg => ({
    en: `unknown category "${text}"; use one of ${list(zhNames, '、')} (or ${list(ids, ', ')})`,
    zh: `未知类别「${text}」；请使用 ${list(zhNames, '、')}（或 ${list(ids, ', ')}）`,
  }),
  missingTime: (): Msg => ({ en: 'missing time (时间)', zh: '缺少时间' }),
  timeNotDate: (text: string): Msg => ({
    en: `time "${text}" is not a date-time (use 2025-03-01 14:30, Asia/Shanghai unless a zone is given)`,
    zh: `时间「${text}」不是有效的日期时间（请写成 2025-03-01 14:30，未注明时区按北京时间）`,
  }),
  timeInFuture: (text: string): Msg => ({ en: `time "${text}" is in the future`, zh: `时间「${text}」晚于当前时间` }),
  timeBefore2000: (text: string): Msg => ({ en: `time "${text}" is before 2000`, zh: `时间「${text}」早于 2000 年` }),
  unknownStatus: (text: string, zhNames: readonly string[]): Msg => ({ en: `unknown status "${text}"; use ${list(zhNames, '、')}`, zh: `未知状态「${text}」；请使用 ${list(zhNames, '、')}` }),
  closingNotDate: (text: string): Msg => ({ en: `closing time "${text}" is not a date-time`, zh: `办结时间「${text}」不是有效的日期时间` }),
  closingBeforeReport: (): Msg => ({ en: 'closing time is before the report time', zh: '办结时间早于上报时间' }),
  oneCoordinate: (lonText: string, latText: string): Msg => ({
    en: `only one coordinate given (经度 "${lonText}", 纬度 "${latText}")`,
    zh: `只填了一个坐标（经度「${lonText}」，纬度「${latText}」）`,
  }),
  coordinatesNotNumbers: (lonText: string, latText: string): Msg => ({ en: `coordinates "${lonText}", "${latText}" are not numbers`, zh: `坐标「${lonText}」「${latText}」不是数字` }),
  notDegrees: (x: number, y: number): Msg => ({
    en: `coordinates ${x}, ${y} are not longitude/latitude degrees (projected metres?)`,
    zh: `坐标 ${x}, ${y} 不是经纬度（是投影坐标的米数？）`,
  }),
  /** Incident rows: the long form, which says how to fix it. */
  swappedInCounty: (x: number, y: number, county: string): Msg => ({
    en: `latitude and longitude look swapped: ${x}, ${y} read as ${y}, ${x} falls inside ${county}; swap the 经度 (longitude) and 纬度 (latitude) columns`,
    zh: `经纬度疑似颠倒：${x}, ${y} 按 ${y}, ${x} 读取时落在${county}内；请互换经度列和纬度列`,
  }),
  swappedOutsideEither: (x: number, y: number, county: string): Msg => ({
    en: `coordinates ${x}, ${y} look swapped (latitude first) and are outside ${county} either way`,
    zh: `坐标 ${x}, ${y} 疑似纬度在前，且无论怎样读都在${county}之外`,
  }),
  swapped: (x: number, y: number): Msg => ({ en: `latitude and longitude look swapped (${x}, ${y})`, zh: `经纬度疑似颠倒（${x}, ${y}）` }),
  pointOutside: (x: number, y: number, crs: string, county: string): Msg => ({ en: `point ${x}, ${y} (${crs}) is outside ${county}`, zh: `点 ${x}, ${y}（${crs}）超出${county}辖区范围` }),
  notGeocoded: (address: string): Msg => ({ en: `address "${address}" could not be geocoded`, zh: `地址「${address}」无法定位` }),
  notGeocodedOutside: (address: string, unit: string): Msg => ({
    en: `address "${address}" is outside this jurisdiction (it names ${unit})`,
    zh: `地址「${address}」不在本辖区（${unit}）`,
  }),
  notGeocodedAmbiguous: (address: string): Msg => ({
    en: `address "${address}" could not be geocoded (the name is shared by several places; add the township or village)`,
    zh: `地址「${address}」无法定位（该地名有多处重名；请加上乡镇或村名）`,
  }),
  notGeocodedConfidence: (address: string, level: string, confidence: number): Msg => ({
    en: `address "${address}" could not be geocoded with enough confidence (best: ${level}, confidence ${confidence})`,
    zh: `地址「${address}」定位可信度不足（最佳匹配：${level}，可信度 ${confidence}）`,
  }),
  noLocation: (): Msg => ({ en: 'no location: give 经度/纬度 (lon/lat) or 地址 (address)', zh: '没有位置：请填写经度/纬度或地址' }),
  inNoGrid: (lon: string, lat: string, county: string): Msg => ({ en: `point ${lon}, ${lat} is inside ${county} but in no grid`, zh: `点 ${lon}, ${lat} 在${county}内，但不在任何网格中` }),
  tooLong: (field: string, fieldZh: string, length: number, max: number): Msg => ({
    en: `${field} has ${length} characters; at most ${max} are kept — shorten it`,
    zh: `${fieldZh}有 ${length} 个字符，最多 ${max} 个；请缩短`,
  }),
  missingId: (): Msg => ({ en: 'missing id (编号)', zh: '缺少编号' }),
  missingName: (): Msg => ({ en: 'missing name (名称)', zh: '缺少名称' }),
  unknownKind: (text: string, zhNames: readonly string[]): Msg => ({ en: `unknown kind "${text}"; use ${list(zhNames, '、')}`, zh: `未知类型「${text}」；请使用 ${list(zhNames, '、')}` }),
  numberOutOfRange: (field: string, fieldZh: string, text: string, lo: number, hi: number): Msg => ({
    en: `${field} "${text}" must be a number from ${lo} to ${hi}`,
    zh: `${fieldZh}「${text}」须为 ${lo} 到 ${hi} 之间的数字`,
  }),
  unknownCameraStatus: (text: string): Msg => ({ en: `unknown status "${text}"; use 在线 or 离线`, zh: `未知状态「${text}」；请使用 在线 或 离线` }),
  installDateNotDate: (text: string): Msg => ({ en: `install date "${text}" is not a date`, zh: `安装日期「${text}」不是有效日期` }),
  duplicateOfLine: (line: number): Msg => ({ en: `duplicate of line ${line} (same name and kind within 50 m)`, zh: `与第 ${line} 行重复（名称、类型相同且相距不到 50 米）` }),
  siteInDatabase: (name: string): Msg => ({ en: `${name} is already in the database (same kind within 50 m)`, zh: `${name} 已存在于数据库中（类型相同且相距不到 50 米）` }),

  stationNameInFile: (name: string, line: number): Msg => ({ en: `station "${name}" is already on line ${line} of the file`, zh: `派出所「${name}」与文件第 ${line} 行重名` }),
  stationInDatabase: (name: string): Msg => ({ en: `station "${name}" is already stored (import with mode=replace to replace the list)`, zh: `派出所「${name}」已存在（整表替换请选“替换”）` }),
  stationNotPoint: (): Msg => ({ en: 'the feature is not a Point (a station is one position)', zh: '该要素不是点（派出所应为一个点位）' }),

  // ---- Features of GeoJSON files (polygons and roads) ----
  notAFeature: (snippet: string): Msg => ({ en: `feature is not a GeoJSON Feature (${snippet})`, zh: `该要素不是 GeoJSON Feature（${snippet}）` }),
  noCodeProperty: (): Msg => ({ en: 'no code property (map one of the properties to "code")', zh: '没有编码属性（请把其中一个属性对应到“code”）' }),
  missingCode: (property: string): Msg => ({ en: `missing code (property "${property}")`, zh: `缺少编码（属性「${property}」）` }),
  codeNotDigits: (code: string): Msg => ({ en: `code "${code}" is not all digits`, zh: `编码「${code}」不全是数字` }),
  codeLength: (code: string, digits: number, level: string, len: number): Msg => ({
    en: `code ${code} has ${digits} digits; a ${level} code has ${len}`,
    zh: `编码 ${code} 为 ${digits} 位；${LEVEL_ZH[level] ?? level}编码应为 ${len} 位`,
  }),
  codeNotInCounty: (code: string, countyCode: string, county: string): Msg => ({
    en: `code ${code} does not start with the county code ${countyCode} (${county})`,
    zh: `编码 ${code} 不以辖区代码 ${countyCode}（${county}）开头`,
  }),
  codeNotUnderParent: (code: string, parent: string): Msg => ({ en: `code ${code} does not extend its parent's code ${parent}`, zh: `编码 ${code} 与上级编码 ${parent} 不符（应以上级编码开头）` }),
  parentMissing: (parentLevel: 'county' | 'township' | 'village', parent: string): Msg => ({
    en: `parent ${parentLevel} ${parent} is not in the database (import the ${parentLevel === 'village' ? 'villages' : 'townships'} first)`,
    zh: `上级编码不存在：数据库中没有${LEVEL_ZH[parentLevel]} ${parent}（请先导入${parentLevel === 'village' ? '村/社区' : '乡镇'}）`,
  }),
  duplicateCode: (code: string, feature: number): Msg => ({ en: `duplicate code ${code} (also feature ${feature})`, zh: `编码 ${code} 重复（与要素 ${feature} 相同）` }),
  missingNameProperty: (property: string | null): Msg => ({
    en: `missing name${property ? ` (property "${property}")` : ' (map one of the properties to "name")'}`,
    zh: `缺少名称${property ? `（属性「${property}」）` : '（请把其中一个属性对应到“name”）'}`,
  }),
  noGeometry: (): Msg => ({ en: 'the feature has no geometry', zh: '该要素没有几何' }),
  notPolygon: (type: string): Msg => ({ en: `geometry type ${type} is not a Polygon or MultiPolygon`, zh: `几何类型 ${type} 不是 Polygon 或 MultiPolygon` }),
  noCoordinates: (type: string): Msg => ({ en: `the ${type} has no coordinates`, zh: `${type} 没有坐标` }),
  notNested: (type: string, levels: number): Msg => ({ en: `the ${type}'s coordinates are not nested ${levels} levels deep`, zh: `${type} 的坐标数组不是 ${levels} 层嵌套` }),
  positionNotNumbers: (snippet: string): Msg => ({ en: `position ${snippet} is not two finite numbers`, zh: `坐标点 ${snippet} 不是两个有效数字` }),
  positionOutOfRange: (x: number, y: number): Msg => ({
    en: `position ${x}, ${y} is out of range (longitude −180…180, latitude −90…90)`,
    zh: `坐标点 ${x}, ${y} 超出取值范围（经度 −180…180，纬度 −90…90）`,
  }),
  swappedFirst: (x: number, y: number): Msg => ({ en: `latitude and longitude look swapped (first position ${x}, ${y})`, zh: `经纬度疑似颠倒（第一个坐标点 ${x}, ${y}）` }),
  polygonOutside: (county: string, x: number, y: number, crs: string): Msg => ({
    en: `the polygon is outside ${county} (first position ${x}, ${y}, ${crs})`,
    zh: `多边形超出${county}辖区范围（第一个坐标点 ${x}, ${y}，${crs}）`,
  }),
  invalidPolygon: (problem: ValidityProblem): Msg => {
    const v = validityMsg(problem);
    return { en: `invalid polygon: ${v.en}`, zh: v.zh };
  },
  unknownAreaKind: (text: string, zhNames: readonly string[]): Msg => ({ en: `unknown kind "${text}"; use ${list(zhNames, '、')}`, zh: `未知类型「${text}」；请使用 ${list(zhNames, '、')}` }),
  notWholeNumber: (field: 'members' | 'households', text: string): Msg => ({
    en: `${field} "${text}" is not a whole number from 0 to 100000`,
    zh: `${field === 'members' ? '网格员人数' : '户数'}「${text}」不是 0 到 100000 之间的整数`,
  }),
  partlyOutside: (areaM2: number, share: number, county: string, tol: ToleranceText): Msg => ({
    en: `${m2(areaM2)} m² (${pct(share)}) of the polygon lies outside ${county}; the tolerance is ${tolEn(tol)}`,
    zh: `多边形有 ${m2(areaM2)} 平方米（${pct(share)}）超出${county}辖区范围；允许误差为 ${tolZh(tol)}`,
  }),
  overlapsSibling: (code: string, feature: number, areaM2: number, shareOfSmaller: number, tol: ToleranceText): Msg => ({
    en: `overlaps ${code} (feature ${feature}) by ${m2(areaM2)} m² (${pct(shareOfSmaller)} of the smaller); the tolerance is ${tolEn(tol)}`,
    zh: `与同级单元 ${code}（要素 ${feature}）重叠 ${m2(areaM2)} 平方米（占较小者的 ${pct(shareOfSmaller)}）；允许误差为 ${tolZh(tol)}`,
  }),
  missingRoadClass: (property: string): Msg => ({ en: `missing road class (property "${property}")`, zh: `缺少道路等级（属性「${property}」）` }),
  unknownRoadClass: (text: string, zhNames: readonly string[], ids: readonly string[]): Msg => ({
    en: `unknown road class "${text}"; use ${list(zhNames, '、')} (or ${list(ids, ', ')})`,
    zh: `未知道路等级「${text}」；请使用 ${list(zhNames, '、')}（或 ${list(ids, ', ')}）`,
  }),
  notLine: (type: string): Msg => ({ en: `geometry type ${type} is not a LineString or MultiLineString`, zh: `几何类型 ${type} 不是 LineString 或 MultiLineString` }),
  lineNoCoordinates: (): Msg => ({ en: 'the line has no coordinates', zh: '线没有坐标' }),
  lineNotPositions: (): Msg => ({ en: 'the coordinates are not an array of positions', zh: '坐标不是坐标点数组' }),
  lineTooShort: (): Msg => ({ en: 'a line needs at least 2 distinct positions', zh: '线至少需要 2 个不同的坐标点' }),
  lineOutside: (county: string, x: number, y: number, crs: string): Msg => ({
    en: `no part of the line is inside ${county} (first position ${x}, ${y}, ${crs})`,
    zh: `线的任何部分都不在${county}辖区范围内（第一个坐标点 ${x}, ${y}，${crs}）`,
  }),
  duplicateFeature: (feature: number): Msg => ({ en: `duplicate of feature ${feature} (same name, class and line)`, zh: `与要素 ${feature} 重复（名称、等级和线形相同）` }),
  roadStored: (name: string | null, classZh: string): Msg => ({
    en: `${name || 'this road'} (${classZh}) is already stored with the same line`,
    zh: `${name || '该道路'}（${classZh}）已存在相同线形的记录`,
  }),
} satisfies Record<string, (...args: never[]) => Msg>;

/** A value from a file shown in a sentence: at most this many characters (a 1 MB cell or header line is
 * not echoed whole; the rejected-rows CSV keeps the raw row). */
export const MAX_VALUE_CHARS = 120;
/** Lists of values from a file (the headers found): at most this many items. */
export const MAX_LIST_ITEMS = 30;
export const clipValue = (s: string): string => (s.length > MAX_VALUE_CHARS ? `${s.slice(0, MAX_VALUE_CHARS)}…（${s.length}）` : s);
const clipArg = (a: unknown): unknown =>
  typeof a === 'string' ? clipValue(a) : Array.isArray(a) ? [...a.slice(0, MAX_LIST_ITEMS).map(clipArg), ...(a.length > MAX_LIST_ITEMS ? [`… +${a.length - MAX_LIST_ITEMS}`] : [])] : a;

/** The catalogue as call sites use it: every message carries its key (reports count refusals by it), and every
 * string or list it is given is clipped first (clipValue). */
export const msg = Object.fromEntries(
  Object.entries(catalogue).map(([key, f]) => [key, (...args: unknown[]) => ({ ...(f as (...a: unknown[]) => Msg)(...args.map(clipArg)), key })]),
) as unknown as typeof catalogue;

export type MessageKey = keyof typeof catalogue;

/** A ring of a polygon as the validity check names it: "polygon's outer ring", "part 2's hole 1". */
function ringName(part: number | null, ring: number): Msg {
  const owner = part === null ? 'polygon' : `part ${part}`;
  return {
    en: `${owner}'s ${ring === 0 ? 'outer ring' : `hole ${ring}`}`,
    zh: `${part === null ? '' : `第 ${part} 部分的`}${ring === 0 ? '外环' : `第 ${ring} 个内环`}`,
  };
}
const ownerName = (part: number | null): Msg => (part === null ? { en: 'polygon', zh: '多边形' } : { en: `part ${part}`, zh: `第 ${part} 部分` });

/** The sentence for a polygon-validity problem (analysis/polygon-validity.ts returns the problem as data).
 * The Chinese is a whole sentence starting 多边形无效 / 多边形自相交, as the clerk reads it in the list. */
export function validityMsg(p: ValidityProblem): Msg {
  const bad = (en: string, zh: string): Msg => ({ en, zh: `多边形无效：${zh}` });
  switch (p.kind) {
    case 'no-geometry': return msg.noGeometry();
    case 'no-parts': return bad('the MultiPolygon has no parts', 'MultiPolygon 没有任何部分');
    case 'bad-type': return msg.notPolygon(p.type);
    case 'no-rings': { const o = ownerName(p.part); return bad(`${o.en} has no rings`, `${o.zh}没有任何环`); }
    case 'rings-share': { const o = ownerName(p.part); return bad(`${o.en}'s rings ${p.rings[0]} and ${p.rings[1]} share a boundary stretch near ${pos(p.at)}`, `${o.zh}的环 ${p.rings[0]} 与环 ${p.rings[1]} 有一段边界重合，位置约 ${pos(p.at)}`); }
    case 'rings-cross': { const o = ownerName(p.part); return bad(`${o.en}'s rings ${p.rings[0]} and ${p.rings[1]} cross at ${pos(p.at)}`, `${o.zh}的环 ${p.rings[0]} 与环 ${p.rings[1]} 在 ${pos(p.at)} 处交叉`); }
    case 'hole-outside': { const o = ownerName(p.part); return bad(`${o.en}'s hole ${p.hole} lies outside its outer ring`, `${o.zh}的第 ${p.hole} 个内环位于外环之外`); }
    default: break;
  }
  const r = ringName(p.part, p.ring);
  switch (p.kind) {
    case 'not-array': return bad(`${r.en} is not an array of positions`, `${r.zh}不是坐标点数组`);
    case 'bad-position': return bad(`${r.en} has a position that is not two finite numbers (${p.snippet})`, `${r.zh}有坐标点不是两个有效数字（${p.snippet}）`);
    case 'too-few-positions': return bad(`${r.en} has ${p.count} positions; a ring needs at least 4 (a triangle and the closing point)`, `${r.zh}只有 ${p.count} 个坐标点；一个环至少需要 4 个（三角形加闭合点）`);
    case 'not-closed': return bad(`${r.en} is not closed (its first and last positions differ)`, `${r.zh}未闭合（首尾坐标点不同）`);
    case 'few-distinct': return bad(`${r.en} has fewer than 3 distinct vertices`, `${r.zh}不同顶点少于 3 个`);
    case 'spike': return bad(`${r.en} folds back on itself (a spike) near ${pos(p.at)}`, `${r.zh}折返重叠（尖刺），位置约 ${pos(p.at)}`);
    case 'self-intersection': return { en: `${r.en} intersects itself at ${pos(p.at)}`, zh: `多边形自相交：${r.zh}在 ${pos(p.at)} 处与自身相交` };
  }
}

/** A refused CSV row with its reason in both languages. */
export interface RowRefusal { line: number; reasons: { reason: string; reasonZh: string; kind?: string }[]; reason: string; reasonZh: string; raw: string }
/** A refused CSV row with every one of its problems in both languages; `reason`/`reasonZh` join them. */
export const rowRefusal = (line: number, m: Msg | readonly Msg[], raw: string): RowRefusal => {
  const ms = 'en' in m ? [m as Msg] : (m as readonly Msg[]);
  const reasons = ms.map((x) => ({ reason: x.en, reasonZh: x.zh, ...(x.key ? { kind: x.key } : {}) }));
  return { line, reasons, ...joinedReasons(reasons), raw };
};
/** One more problem of an already refused row (an id found stored after the row checks). */
export function addReason(r: RowRefusal, m: Msg): void {
  r.reasons.push({ reason: m.en, reasonZh: m.zh, ...(m.key ? { kind: m.key } : {}) });
  Object.assign(r, joinedReasons(r.reasons));
}
const joinedReasons = (rs: { reason: string; reasonZh: string }[]) => ({ reason: rs.map((x) => x.reason).join('; '), reasonZh: rs.map((x) => x.reasonZh).join('；') });
/** A refused GeoJSON feature with its reason in both languages. */
export const featureRefusal = (feature: number, line: number | null, code: string | null, m: Msg) => ({ feature, line, code, reason: m.en, reasonZh: m.zh });
/** A whole-file problem as report fields. */
export const fileErrorOf = (m: Msg) => ({ fileError: m.en, fileErrorZh: m.zh });
