// The three files a county brings on its first day, made from an empty (DEMO=none) jurisdiction's own
// villages: a grid Shapefile (one grid per village, its placeholder polygon, in CGCS2000 3-degree
// Gauss-Krüger zone 41 with the zone prefix, EPSG:4529, with the ESRI .prj, attributes in GBK under the
// 综治 platform's pinyin-initial field names WGBM/WGMC), a camera ledger as an Excel workbook (positions
// drawn inside the grids, seeded), and an incident CSV in the county's own category and status words.
// Each point is drawn inside its grid and inside the jurisdiction's outline, so every row is valid: a refusal
// in the walkthrough is a defect.
import { readFileSync } from 'node:fs';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { fromWgs84 } from '../../server/analysis/epsg.js';
import type { Database } from '../../server/db/database.js';
import { pointInGeometry } from '../../shared/geo/point-in-polygon.js';
import { zipShapefile } from './shapefile-writer.js';
import { writeXlsx } from './xlsx-writer.js';
import { seeded } from '../bench/stats.js';

type Geom = Polygon | MultiPolygon;
const prjs = JSON.parse(readFileSync(new URL('../fixtures/crs/esri-prj.json', import.meta.url), 'utf8')) as Record<string, string>;


const bboxOf = (g: Geom): [number, number, number, number] => {
  const pts = g.type === 'Polygon' ? g.coordinates.flat() : g.coordinates.flat(2);
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const [x, y] of pts) { x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y); }
  return [x0, y0, x1, y1];
};

export interface WalkthroughGrid { code: string; name: string; villageCode: string; geometry: Geom }
export interface WalkthroughPoint { id: string; lon: number; lat: number; gridCode: string }

export interface WalkthroughFiles {
  grids: WalkthroughGrid[];
  shapefile: Uint8Array;
  cameras: WalkthroughPoint[];
  camerasXlsx: Buffer;
  incidents: (WalkthroughPoint & { word: string; status: string; day: string })[];
  incidentsCsv: string;
  /** the county's category words and how many rows carry each */
  words: Record<string, number>;
}

/** A point drawn uniformly in the grid (rejection sampling in its box), inside the outline too. */
function pointIn(g: Geom, outline: Geom, rand: () => number): [number, number] {
  const [x0, y0, x1, y1] = bboxOf(g);
  for (let i = 0; i < 10_000; i++) {
    const lon = x0 + (x1 - x0) * rand(), lat = y0 + (y1 - y0) * rand();
    if (pointInGeometry(lon, lat, g) && pointInGeometry(lon, lat, outline)) return [+lon.toFixed(6), +lat.toFixed(6)];
  }
  throw new Error('no point found inside the grid');
}

/** `days`: the incident dates (YYYY-MM-DD, the county's days), spread over the rows. */
export async function walkthroughFiles(db: Database, o: { cameras: number; incidents: number; days: string[]; seed?: number }): Promise<WalkthroughFiles> {
  const rand = seeded(o.seed ?? 211221);
  const [county] = await db.query<{ geojson: string }>('SELECT geojson FROM county');
  const outline = JSON.parse(county.geojson) as Geom;
  const villages = await db.query<{ code: string; name: string; geojson: string }>('SELECT code, name, geojson FROM villages ORDER BY code');
  const grids: WalkthroughGrid[] = villages.map((v) => ({ code: `${v.code}001`, name: `${v.name}第一网格`, villageCode: v.code, geometry: JSON.parse(v.geojson) as Geom }));
  const project = (g: Geom): Geom => {
    const f = (p: number[]) => fromWgs84(4529, p[0], p[1]);
    return g.type === 'Polygon' ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) } : { type: 'MultiPolygon', coordinates: g.coordinates.map((q) => q.map((r) => r.map(f))) };
  };
  const shapefile = await zipShapefile({
    type: 'FeatureCollection',
    features: grids.map((g): Feature<Geom> => ({ type: 'Feature', properties: { WGBM: g.code, WGMC: g.name }, geometry: project(g.geometry) })),
  }, { name: '铁岭县综治网格', prj: prjs['4529'], encoding: 'gbk' });

  const pick = () => grids[Math.floor(rand() * grids.length)];
  const cameras: WalkthroughPoint[] = [];
  for (let i = 0; i < o.cameras; i++) {
    const g = pick();
    const [lon, lat] = pointIn(g.geometry, outline, rand);
    cameras.push({ id: `TL-CAM-${String(i + 1).padStart(4, '0')}`, lon, lat, gridCode: g.code });
  }
  const kinds = ['公共监控', '高清卡口', '人脸识别', '社会监控'];
  const camerasXlsx = writeXlsx([
    ['设备编号', '设备名称', '类型', '经度', '纬度', '朝向', '视角', '监控距离', '状态', '安装日期'],
    ...cameras.map((c, i) => [c.id, `铁岭县${i + 1}号监控`, kinds[i % kinds.length], c.lon, c.lat, Math.round(rand() * 359), 60, 80, i % 10 === 9 ? '离线' : '在线', '2025-06-01']),
  ]);

  const wordList = ['邻里纠纷', '盗窃电动车', '酒后滋事', '电信诈骗'];
  const statusList = ['待处理', '办理中', '已办结'];
  const incidents: WalkthroughFiles['incidents'] = [];
  const words: Record<string, number> = {};
  for (let i = 0; i < o.incidents; i++) {
    const g = pick();
    const [lon, lat] = pointIn(g.geometry, outline, rand);
    const word = wordList[i % wordList.length];
    words[word] = (words[word] ?? 0) + 1;
    incidents.push({ id: `TL-EV-${String(i + 1).padStart(4, '0')}`, lon, lat, gridCode: g.code, word, status: statusList[i % statusList.length], day: o.days[i % o.days.length] });
  }
  const hour = (i: number) => String(8 + (i % 14)).padStart(2, '0');
  const incidentsCsv = ['事件编号,事件类别,发生时间,经度,纬度,事件描述,处置状态', ...incidents.map((e, i) => `${e.id},${e.word},${e.day} ${hour(i)}:15,${e.lon},${e.lat},群众报称${e.word},${e.status}`)].join('\n');
  return { grids, shapefile, cameras, camerasXlsx, incidents, incidentsCsv, words };
}
