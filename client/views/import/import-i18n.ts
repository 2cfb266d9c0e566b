// Strings of the data-import dialog: each one as [Chinese, English], side by side so the two cannot drift
// apart (a key is never missing in one language); Chinese first.
import type { Lang } from '../../i18n';
import { CAMERA_FIELDS, IMPORT_FIELDS, SITE_FIELDS, STATION_FIELDS } from '../../../shared/domain/import-fields';

type Pair = readonly [zh: string, en: string];

const STRINGS = {
  open: ['数据导入', 'Import data'],
  field: {
    id: ['编号', 'Id'],
    category: ['类别', 'Category'],
    reported_at: ['时间', 'Reported at'],
    lon: ['经度', 'Longitude'],
    lat: ['纬度', 'Latitude'],
    address: ['地址', 'Address'],
    title: ['描述', 'Description'],
    status: ['状态', 'Status'],
    closed_at: ['办结时间', 'Closed at'],
    name: ['名称', 'Name'],
    kind: ['类型', 'Kind'],
    bearing: ['朝向（度）', 'Bearing (°)'],
    fov: ['视角（度）', 'Field of view (°)'],
    range_m: ['监控距离（米）', 'Range (m)'],
    installed_on: ['安装日期', 'Installed on'],
    code: ['编码', 'Code'],
    parent: ['上级编码', 'Parent code'],
    place: ['地名', 'Place name'],
    leader: ['网格长', 'Grid leader'],
    members: ['网格员', 'Grid members'],
    households: ['户数', 'Households'],
    class: ['道路等级', 'Road class'],
    units: ['警力', 'Patrol units'],
  },
  templates: ['下载模板：', 'Templates:'],
  templateTitle: ['按此格式填写后导入（第二行为示例，可删除）', 'Fill in this layout and import it (the example row can be deleted)'],
  title: ['数据导入 · {target}', 'Import · {target}'],
  close: ['关闭', 'Close'],
  file: ['选择 CSV 或 XLSX 文件', 'Choose a CSV or XLSX file'],
  stationFile: ['选择 CSV、XLSX 或 GeoJSON 文件', 'Choose a CSV, XLSX or GeoJSON file'],
  fileHint: ['列名可用中文或英文：{fields}。', 'Headers in Chinese or English: {fields}.'],
  geocodeHint: ['只有地址的行会自动地理编码。', 'Rows with only an address are geocoded.'],
  crs: ['坐标系', 'Coordinates'],
  encoding: ['文件编码', 'Encoding'],
  partial: ['只导入合格行（不合格行另存下载）', 'Import the good rows only (download the refused ones)'],
  mapping: ['列对应', 'Columns'],
  ignored: ['（不导入）', '(not imported)'],
  preview: ['预览（前 {n} 行）', 'Preview (first {n} rows)'],
  checking: ['正在检查…', 'Checking…'],
  uploading: ['上传中 {pct}%', 'Uploading {pct}%'],
  processing: ['服务器处理中…', 'Server is processing…'],
  summary: ['合格 {valid} 行，不合格 {rejected} 行', '{valid} good rows, {rejected} refused'],
  geocoded: ['按地址定位：{list}', 'Located by address: {list}'],
  importBtn: ['导入', 'Import'],
  importPartialBtn: ['导入合格的 {n} 行', 'Import the {n} good rows'],
  done: ['已导入 {n} 条事件，地图与统计已刷新。', 'Imported {n} incidents; map and figures reloaded.'],
  doneCameras: ['已导入 {n} 个监控点位（地图上的点位在刷新页面后显示）。', 'Imported {n} cameras (the map shows them after a page reload).'],
  target: ['数据类型', 'Data'],
  targets: {
    incidents: ['事件', 'Incidents'],
    cameras: ['监控台账', 'Camera ledger'],
    sites: ['重点场所', 'Key sites'],
    stations: ['派出所', 'Police stations'],
    grid: ['网格边界', 'Grid polygons'],
    village: ['村/社区边界', 'Village polygons'],
    township: ['乡镇边界', 'Township polygons'],
    roads: ['道路', 'Roads'],
  },
  geoFile: ['选择 GeoJSON 或 Shapefile（.zip）', 'Choose a GeoJSON or zipped Shapefile'],
  geoHint: ['面要素（GeoJSON，或 Shapefile 压缩包：.shp、.dbf、.prj，坐标系 CGCS2000 经纬度或高斯-克吕格投影均可）：属性含编码、名称，可选上级编码、类型、网格长、网格员、户数。导入会整体替换该层级，并把全部事件、监控和重点场所重新落到网格。', 'Polygons (GeoJSON, or a zipped Shapefile: .shp, .dbf, .prj, in CGCS2000 degrees or Gauss-Krüger) with a code and a name; optional parent code, kind, grid leader, members, households. The file replaces the whole level, and every incident, camera and key site is re-assigned to its grid.'],
  roadHint: ['线要素（LineString/MultiLineString）：属性含道路名称与等级（国道/省道/县道/村道/街路/铁路，或 OSM highway）。', 'Lines (LineString/MultiLineString) with a name and a class (国道/省道/县道/村道/街路/铁路, national … railway, or OSM highway tags).'],
  roadMode: ['方式', 'Mode'],
  roadModes: {
    append: ['追加', 'Append'],
    replace: ['替换文件中出现的等级', 'Replace the classes in the file'],
  },
  stage: {
    queued: ['排队中', 'Queued'],
    parsing: ['读取文件', 'Reading the file'],
    checking: ['逐项检查', 'Checking'],
    writing: ['写入数据库', 'Writing'],
    reassigning: ['重新落格', 'Re-assigning points'],
    done: ['完成', 'Done'],
  },
  serverProgress: ['{stage} {done}/{total}', '{stage} {done}/{total}'],
  geoSummary: ['{features} 个要素：合格 {valid}，不合格 {rejected}', '{features} features: {valid} good, {rejected} refused'],
  geoCol: {
    feature: ['要素', 'Feature'],
    line: ['行', 'Line'],
    code: ['编码', 'Code'],
    name: ['名称', 'Name'],
    parent: ['上级', 'Parent'],
    kind: ['类型', 'Kind'],
    area: ['面积 km²', 'Area km²'],
    cls: ['等级', 'Class'],
    km: ['长度 km', 'Length km'],
    ok: ['检查', 'Check'],
    reason: ['原因', 'Reason'],
  },
  valid: ['合格', 'valid'],
  invalid: ['不合格', 'refused'],
  replaced: ['该层级原有 {before} 个，导入后 {after} 个（保留 {kept}，新增 {added}，移除 {removed}）。', 'The level had {before} units; it will have {after} ({kept} kept, {added} new, {removed} removed).'],
  reassigned: ['重新落格：事件 {ic}/{in} 条改变单元（{io} 条不在任何网格内）；监控 {cc}/{cn}（{co}）；重点场所 {sc}/{sn}（{so}）。', 'Re-assigned: {ic} of {in} incidents changed unit ({io} outside every grid); cameras {cc} of {cn} ({co}); key sites {sc} of {sn} ({so}).'],
  doneAreas: ['已导入 {n} 个{level}，地图与统计已刷新。', 'Imported {n} {level}; map and figures reloaded.'],
  doneRoads: ['已导入 {n} 段道路，巡逻路网与底图已更新。', 'Imported {n} road sections; the patrol road graph and basemap follow.'],
  roadsReplaced: ['将替换已有的 {n} 段同等级道路。', 'Replaces the {n} stored roads of the same classes.'],
  legendValid: ['合格', 'valid'],
  legendInvalid: ['不合格', 'refused'],
  mapTitle: ['文件预览', 'File preview'],
  reload: ['刷新地图以显示新数据', 'Reload the map to show the new data'],
  kinds: {
    residential: ['居民网格', 'residential'],
    school: ['学校', 'school'],
    enterprise: ['企业', 'enterprise'],
    village: ['村', 'village'],
    community: ['社区', 'community'],
    town: ['镇', 'town'],
    township: ['乡', 'township'],
    subdistrict: ['街道', 'subdistrict'],
    zone: ['开发区', 'zone'],
    farm: ['农场', 'farm'],
  },
  doneStations: ['已导入 {n} 个派出所（巡逻路线与出警响应圈从这里算起）。', 'Imported {n} police stations (patrol routes and response rings start from them).'],
  doneSites: ['已导入 {n} 个重点场所（可按名称地理编码）。', 'Imported {n} key sites (their names now geocode).'],
  camCol: {
    id: ['编号', 'Id'],
    kind: ['类型', 'Kind'],
    status: ['状态', 'Status'],
    bearing: ['朝向', 'Bearing'],
    name: ['名称', 'Name'],
  },
  refused: ['未导入：{error}', 'Nothing imported: {error}'],
  rejectedTitle: ['不合格的行', 'Refused rows'],
  download: ['下载不合格行（CSV）', 'Download refused rows (CSV)'],
  line: ['行号', 'Line'],
  reason: ['原因', 'Reason'],
  col: {
    line: ['行', 'Line'],
    category: ['类别', 'Category'],
    time: ['时间（北京时间）', 'Time (Beijing)'],
    lonlat: ['经纬度（WGS-84）', 'Lon/lat (WGS-84)'],
    grid: ['网格', 'Grid'],
    geocode: ['定位', 'Located by'],
  },
  more: ['…另有 {n} 行', '… {n} more'],
  byKind: ['按原因统计', 'By reason'],
  kindCount: ['{n} 行', '{n} rows'],
  exportLabel: ['导出当前筛选的事件：', 'Export the filtered incidents:'],
  crsAuto: ['自动识别（.prj 或坐标数值）', 'Detect (.prj or the positions)'],
  crsFrom: {
    parameter: ['手动选择', 'chosen by hand'],
    prj: ['来自 .prj', 'from the .prj'],
    geojson: ['来自 GeoJSON 的 crs', 'from the GeoJSON crs member'],
    coordinates: ['根据坐标数值推断', 'guessed from the positions'],
    default: ['GeoJSON 默认（WGS-84）', 'GeoJSON default (WGS-84)'],
  },
  crsInside: ['{pct}% 的要素落在辖区范围内', '{pct}% of the features fall inside the jurisdiction'],
  crsOutside: ['按此坐标系，大部分要素不在辖区内：请检查坐标系（带号、中央经线）。', 'In this system most features fall outside the jurisdiction: check the system (zone, central meridian).'],
  crsGuessed: ['文件未声明坐标系，此为推断结果，请确认：', 'The file declares no system; this is a guess, please confirm:'],
  crsConfirm: ['使用 {name}', 'Use {name}'],
  crsAlternatives: ['其他可能', 'Also possible'],
  encodingFrom: {
    parameter: ['手动选择', 'chosen by hand'],
    cpg: ['来自 .cpg', 'from the .cpg'],
    dbf: ['来自 .dbf 语言标记', 'from the .dbf language byte'],
    detected: ['自动识别', 'detected'],
  },
  shpLayer: ['Shapefile 图层 {layer} · 属性编码 {encoding}（{why}）', 'Shapefile layer {layer} · attributes in {encoding} ({why})'],
  shpOtherLayers: ['压缩包中另有图层 {list}（未导入）', 'the zip also holds {list} (not imported)'],
  clip: ['按辖区边界裁剪超出部分', 'Clip to the jurisdiction outline'],
  clipMax: ['最多裁剪 %', 'at most %'],
  clipped: ['已按辖区边界裁剪 {n} 个要素，共裁去 {m2} 平方米。', 'Clipped {n} features to the jurisdiction outline, {m2} m² cut off.'],
  encodingAuto: ['自动识别', 'Detect'],
  categoryValues: ['类别对应（文件中的类别 → 本辖区类别）', 'Categories (the file\'s → the jurisdiction\'s)'],
  statusValues: ['状态对应（文件中的状态 → 办理流程）', 'Statuses (the file\'s → the workflow)'],
  valueCol: {
    value: ['文件中的值', 'Value in the file'],
    rows: ['行数', 'Rows'],
    target: ['对应为', 'Maps to'],
    how: ['依据', 'Because'],
  },
  valueBy: {
    map: ['本次选择', 'chosen here'],
    vocabulary: ['名称一致', 'same name'],
    remembered: ['上次导入的对应', 'mapped in an earlier import'],
    synonym: ['常用说法', 'common wording'],
  },
  valueUnmapped: ['（未对应）', '(not mapped)'],
  suggested: ['相似度 {score}%', '{score}% alike'],
  newCategory: ['＋ 新建类别…', '+ New category…'],
  addCategory: ['添加类别', 'Add category'],
  applySuggestions: ['采用建议（{n} 项）', 'Take the suggestions ({n})'],
  valueHint: ['文件中有本辖区类别表以外的类别或状态：请逐项对应，或新建类别。', 'The file has categories or statuses outside the jurisdiction\'s list: map each one, or add it as a new category.'],
} as const satisfies Record<string, Pair | Record<string, Pair>>;

type Strings = { [K in keyof typeof STRINGS]: (typeof STRINGS)[K] extends Pair ? string : { [C in keyof (typeof STRINGS)[K]]: string } };

const isPair = (v: unknown): v is Pair => Array.isArray(v);

function pick(lang: Lang): Strings {
  const i = lang === 'zh' ? 0 : 1;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(STRINGS)) out[k] = isPair(v) ? v[i] : Object.fromEntries(Object.entries(v as Record<string, Pair>).map(([kk, p]) => [kk, p[i]]));
  return out as Strings;
}

const BY_LANG: Record<Lang, Strings> = { zh: pick('zh'), en: pick('en') };

export const importStrings = (lang: Lang): Strings => BY_LANG[lang];
export const fill = (s: string, vars: Record<string, string | number>) => s.replace(/\{(\w+)\}/g, (_, k) => String(vars[k] ?? ''));

/** The columns each table import reads (the server's own lists): the hint names these and no others. */
const TABLE_FIELDS = { incidents: IMPORT_FIELDS, cameras: CAMERA_FIELDS, sites: SITE_FIELDS, stations: STATION_FIELDS } as const;

/** The hint under a table file's picker, from the target's own fields: Chinese column names without their unit
 * (朝向, not 朝向（度）, as the reader matches them), or the English field names. */
export function tableHint(lang: Lang, target: keyof typeof TABLE_FIELDS): string {
  const s = BY_LANG[lang];
  const names = TABLE_FIELDS[target].map((f) => (lang === 'zh' ? s.field[f].replace(/（[^）]*）$/, '') : f));
  const text = fill(s.fileHint, { fields: names.join(lang === 'zh' ? '、' : ', ') });
  return target === 'incidents' ? `${text}${lang === 'zh' ? '' : ' '}${s.geocodeHint}` : text;
}
