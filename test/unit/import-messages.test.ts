// The import message catalogue: every entry has an English and a Chinese sentence, the Chinese is Chinese
// (no English sentence left in it), and every value the entry is given — a line, a code, a count, a name, a
// coordinate — appears in both, written the same way. The samples table is typed by the catalogue's keys, so
// an entry added without a sample does not compile. Then the phrases a clerk should read for the common
// refusals, written out by hand, and the polygon-validity problems, each kind.
import { describe, expect, it } from 'vitest';
import type { ValidityProblem } from '../../server/analysis/polygon-validity.js';
import { msg, validityMsg, type MessageKey, type Msg } from '../../server/import/import-messages.js';

type Sample<K extends MessageKey> = { args: Parameters<(typeof msg)[K]>; shows?: string[] };
const tol = { minM2: 500, share: 0.01 };
const bowtie: ValidityProblem = { kind: 'self-intersection', part: null, ring: 0, at: [123.1, 44.8] };

const SAMPLES: { [K in MessageKey]: Sample<K> } = {
  notUtf8ButGbk: { args: [], shows: ['GBK'] },
  notText: { args: [], shows: ['UTF-8', 'XLSX', 'CSV'] },
  xlsxUnreadable: { args: ['damaged'], shows: ['XLSX', 'CSV UTF-8'] },
  xlsOrEncrypted: { args: [], shows: ['.xls', '.xlsx'] },
  utf16: { args: [], shows: ['UTF-16', 'CSV UTF-8'] },
  emptyFile: { args: [] },
  headerOnly: { args: [] },
  missingColumnsFound: { args: [['类别/category', '时间/reported_at'], ['编号', '描述']] },
  missingColumns: { args: [['id', 'bearing'], { id: '编号', bearing: '朝向' }], shows: ['id', 'bearing'] },
  notJson: { args: ['Unexpected token o in JSON at position 1'] },
  jsonTooDeep: { args: [64], shows: ['64', 'GeoJSON'] },
  xlsxInflatesTooMuch: { args: [256], shows: ['256 MB', 'XLSX', 'CSV UTF-8'] },
  notGeoJsonObject: { args: [], shows: ['FeatureCollection'] },
  noFeaturesArray: { args: [], shows: ['"features"'] },
  notFeatureCollection: { args: ['Topology'] },
  projectedCrs: { args: ['"urn:ogc:def:crs:EPSG::4547"'] },
  badZip: { args: ['invalid zip data'] },
  noShpInZip: { args: [], shows: ['.shp', '.dbf', '.prj'] },
  badShapefile: { args: ['网格.shp', 'RangeError 42'] },
  crsUnknown: { args: ['Beijing_1954_Local'], shows: ['epsg:4490', 'epsg:4527'] },
  partlyOutsideClip: { args: [12345, 0.08, '通榆县', 0.05], shows: ['12,345', '8.0 %', '通榆县', '5 %'] },
  noJurisdiction: { args: [], shows: ['/api/import/jurisdiction'] },
  outlineCompareFailed: { args: ['通榆县', 'Unable to complete output ring'] },
  noFeatures: { args: [] },
  noRoadClassProperty: { args: [['name', 'width']] },
  orphans: { args: [12, 'grids', 'village', ['220822100201', '220822100202'], true, true], shows: ['12', '220822100201', '220822100202', '…'] },
  areasChanged: { args: [] },
  idsImportedMeanwhile: { args: [['A-1', 'A-2']] },
  tooLarge: { args: [64] },
  noFileField: { args: [], shows: ['"file"'] },
  emptyBody: { args: [], shows: ['"file"'] },
  rowsRefused: { args: [3, 97] },
  featuresRefusedReplace: { args: [5, 'grid', 120], shows: ['5', '120'] },
  featuresRefused: { args: [2, 8] },
  fieldCount: { args: [7, 4] },
  fieldCountHint: { args: [7, 4] },
  duplicateIdInFile: { args: ['X1', 2] },
  idInDatabase: { args: ['INC-2025-001'] },
  cameraInLedger: { args: ['RL00001'] },
  missingCategory: { args: [] },
  unknownCategory: { args: ['飞碟', ['盗窃', '火灾'], ['theft', 'fire']] },
  missingTime: { args: [] },
  timeNotDate: { args: ['昨天下午'] },
  timeInFuture: { args: ['2099-03-01 10:00'] },
  timeBefore2000: { args: ['1999-12-31'] },
  unknownStatus: { args: ['搁置', ['上报', '已办结']] },
  closingNotDate: { args: ['上周'] },
  closingBeforeReport: { args: [] },
  oneCoordinate: { args: ['123.08', ''] },
  coordinatesNotNumbers: { args: ['东经123', '44.81'] },
  notDegrees: { args: [500000, 4960000] },
  swappedInCounty: { args: [44.8129, 123.0881, '通榆县'] },
  swappedOutsideEither: { args: [39.9, 116.4, '通榆县'] },
  swapped: { args: [44.8129, 123.0881] },
  pointOutside: { args: [116.4, 39.9, 'gcj02', '通榆县'] },
  notGeocoded: { args: ['火星基地1号'] },
  notGeocodedOutside: { args: ['北京市朝阳区建国路88号', '朝阳区'] },
  notGeocodedAmbiguous: { args: ['新华村'] },
  notGeocodedConfidence: { args: ['通榆县某地', 'township', 0.4] },
  noLocation: { args: [] },
  inNoGrid: { args: ['123.088100', '44.812900', '通榆县'] },
  tooLong: { args: ['title', '描述', 1048576, 1000], shows: ['1048576', '1000'] },
  missingId: { args: [] },
  missingName: { args: [] },
  unknownKind: { args: ['无人机', ['公共监控', '人脸识别']] },
  numberOutOfRange: { args: ['bearing', '朝向', '400', 0, 360], shows: ['400', '0', '360'] },
  unknownCameraStatus: { args: ['维修'], shows: ['维修', '在线', '离线'] },
  installDateNotDate: { args: ['2024-02-30'] },
  duplicateOfLine: { args: [2], shows: ['2', '50'] },
  siteInDatabase: { args: ['第一中学'], shows: ['第一中学', '50'] },
  stationNameInFile: { args: ['凡河派出所', 3], shows: ['凡河派出所', '3'] },
  stationInDatabase: { args: ['凡河派出所'], shows: ['凡河派出所'] },
  stationNotPoint: { args: [] },
  notAFeature: { args: ['42'] },
  noCodeProperty: { args: [], shows: ['code'] },
  missingCode: { args: ['网格编码'] },
  codeNotDigits: { args: ['22A'] },
  codeLength: { args: ['22082210', 8, 'grid', 15], shows: ['22082210', '8', '15'] },
  codeNotInCounty: { args: ['220821100201001', '220822', '通榆县'] },
  codeNotUnderParent: { args: ['220822100201001', '220822001002'] },
  parentMissing: { args: ['village', '220822999001'], shows: ['220822999001'] },
  duplicateCode: { args: ['220822100201001', 4] },
  missingNameProperty: { args: ['网格名称'] },
  noGeometry: { args: [] },
  notPolygon: { args: ['Point'] },
  noCoordinates: { args: ['Polygon'] },
  notNested: { args: ['MultiPolygon', 4] },
  positionNotNumbers: { args: ['[123,"x"]'] },
  positionOutOfRange: { args: [200, 44] },
  swappedFirst: { args: [44.8, 123.1] },
  polygonOutside: { args: ['通榆县', 116.4, 39.9, 'wgs84'] },
  invalidPolygon: { args: [bowtie], shows: ['123.100000, 44.800000'] },
  unknownAreaKind: { args: ['工业园', ['居民', '学校']] },
  notWholeNumber: { args: ['households', '12.5'], shows: ['12.5', '0', '100000'] },
  partlyOutside: { args: [12345.4, 0.25, '通榆县', tol], shows: ['12,345', '25 %', '通榆县', '500', '1 %'] },
  overlapsSibling: { args: ['220822100201002', 3, 8000, 0.05, tol], shows: ['220822100201002', '3', '8,000', '5.0 %', '500', '1 %'] },
  missingRoadClass: { args: ['等级'] },
  unknownRoadClass: { args: ['高架桥', ['国道', '县道'], ['national', 'county']] },
  notLine: { args: ['Point'] },
  lineNoCoordinates: { args: [] },
  lineNotPositions: { args: [] },
  lineTooShort: { args: [], shows: ['2'] },
  lineOutside: { args: ['通榆县', 100, 30, 'wgs84'] },
  duplicateFeature: { args: [1] },
  roadStored: { args: ['通榆大街', '街路'] },
};

/** The values an entry was given, as they should read in the text: strings and whole numbers as they are,
 * the items of lists; other numbers, flags and objects only through `shows`. */
function shown<K extends MessageKey>(s: Sample<K>): string[] {
  if (s.shows) return s.shows;
  const out: string[] = [];
  for (const a of s.args as unknown[]) {
    if (typeof a === 'string' && a) out.push(a);
    else if (typeof a === 'number' && Number.isFinite(a)) out.push(String(a));
    else if (Array.isArray(a)) out.push(...a.map(String));
  }
  return out;
}

const HAN = /[\u4e00-\u9fff]/;
// English sentence words that must not be left in a Chinese sentence (ids such as "theft" are not words here).
const ENGLISH_WORDS = /\b(the|is|are|not|of|and|or|with|from|missing|unknown|line|use)\b/;

function checkPair(m: Msg, values: string[], label: string) {
  expect(typeof m.en, label).toBe('string');
  expect(typeof m.zh, label).toBe('string');
  expect(m.en.trim().length, label).toBeGreaterThan(0);
  expect(m.zh.trim().length, label).toBeGreaterThan(0);
  expect(m.zh, label).toMatch(HAN);
  expect(m.zh, label).not.toMatch(ENGLISH_WORDS);
  expect(m.zh, label).not.toBe(m.en);
  for (const v of values) {
    expect(m.en, `${label}: English lacks ${v}`).toContain(v);
    expect(m.zh, `${label}: Chinese lacks ${v}`).toContain(v);
  }
}

describe('import message catalogue', () => {
  it('has a sample for every entry', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual(Object.keys(msg).sort());
  });

  for (const key of Object.keys(msg) as MessageKey[])
    it(`${key}: English and Chinese, with the same values`, () => {
      const s = SAMPLES[key] as Sample<typeof key>;
      const m = (msg[key] as (...a: unknown[]) => Msg)(...(s.args as unknown[]));
      checkPair(m, shown(s), key);
    });

  it('reads as a clerk expects for the common refusals (hand-written Chinese)', () => {
    expect(msg.swappedInCounty(44.8129, 123.0881, '通榆县').zh).toBe('经纬度疑似颠倒：44.8129, 123.0881 按 123.0881, 44.8129 读取时落在通榆县内；请互换经度列和纬度列');
    expect(msg.unknownCategory('飞碟', ['盗窃', '火灾'], ['theft', 'fire']).zh).toBe('未知类别「飞碟」；请使用 盗窃、火灾（或 theft, fire）');
    expect(msg.missingColumns(['id', 'bearing'], { id: '编号', bearing: '朝向' }).zh).toBe('第 1 行（表头）缺少列：编号（id）、朝向（bearing）');
    expect(msg.idInDatabase('X1').zh).toBe('编号 X1 已存在于数据库中');
    expect(msg.invalidPolygon(bowtie).zh).toBe('多边形自相交：外环在 123.100000, 44.800000 处与自身相交');
    expect(msg.overlapsSibling('220822100201002', 3, 8000, 0.05, tol).zh).toBe('与同级单元 220822100201002（要素 3）重叠 8,000 平方米（占较小者的 5.0 %）；允许误差为 500 平方米或较小面积的 1 %');
    expect(msg.parentMissing('township', '220822999').zh).toBe('上级编码不存在：数据库中没有乡镇 220822999（请先导入乡镇）');
    expect(msg.pointOutside(116.4, 39.9, 'wgs84', '通榆县').zh).toBe('点 116.4, 39.9（wgs84）超出通榆县辖区范围');
    // The English wording is what logs and older clients already match on: unchanged.
    expect(msg.swappedInCounty(44.8129, 123.0881, '通榆县').en).toBe('latitude and longitude look swapped: 44.8129, 123.0881 read as 123.0881, 44.8129 falls inside 通榆县; swap the 经度 (longitude) and 纬度 (latitude) columns');
    expect(msg.overlapsSibling('220822100201002', 3, 8000, 0.05, tol).en).toBe('overlaps 220822100201002 (feature 3) by 8,000 m² (5.0 % of the smaller); the tolerance is 500 m² or 1 % of the smaller area');
  });
});

describe('polygon validity problems', () => {
  const at: [number, number] = [123.5, 44.25];
  const cases: [ValidityProblem, string[]][] = [
    [{ kind: 'no-geometry' }, []],
    [{ kind: 'no-parts' }, ['MultiPolygon']],
    [{ kind: 'bad-type', type: 'LineString' }, ['LineString']],
    [{ kind: 'no-rings', part: 2 }, ['2']],
    [{ kind: 'not-array', part: null, ring: 1 }, ['1']],
    [{ kind: 'bad-position', part: null, ring: 0, snippet: '[1,"2"]' }, ['[1,"2"]']],
    [{ kind: 'too-few-positions', part: null, ring: 0, count: 3 }, ['3', '4']],
    [{ kind: 'not-closed', part: 3, ring: 0 }, ['3']],
    [{ kind: 'few-distinct', part: null, ring: 2 }, ['2', '3']],
    [{ kind: 'spike', part: null, ring: 0, at }, ['123.500000, 44.250000']],
    [{ kind: 'self-intersection', part: 2, ring: 1, at }, ['2', '1', '123.500000, 44.250000']],
    [{ kind: 'rings-share', part: null, rings: [0, 1], at }, ['0', '1', '123.500000, 44.250000']],
    [{ kind: 'rings-cross', part: 1, rings: [1, 2], at }, ['1', '2', '123.500000, 44.250000']],
    [{ kind: 'hole-outside', part: null, hole: 2 }, ['2']],
  ];
  it('covers every kind', () => {
    const kinds = new Set(cases.map(([p]) => p.kind));
    expect(kinds.size).toBe(14);
  });
  for (const [p, values] of cases)
    it(`${p.kind}: English and Chinese, with the same values`, () => checkPair(validityMsg(p), values, p.kind));

  it('names rings and parts the same way as before in English, and in Chinese', () => {
    expect(validityMsg({ kind: 'self-intersection', part: 2, ring: 1, at }).en).toBe("part 2's hole 1 intersects itself at 123.500000, 44.250000");
    expect(validityMsg({ kind: 'self-intersection', part: 2, ring: 1, at }).zh).toBe('多边形自相交：第 2 部分的第 1 个内环在 123.500000, 44.250000 处与自身相交');
    expect(validityMsg({ kind: 'not-closed', part: null, ring: 0 }).zh).toBe('多边形无效：外环未闭合（首尾坐标点不同）');
  });
});
