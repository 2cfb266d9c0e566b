// Strings of the first-run screen (a database with no jurisdiction yet): each one as [Chinese, English], side
// by side so the two cannot drift apart; Chinese first.
import type { Lang } from '../../i18n';

type Pair = readonly [zh: string, en: string];

const STRINGS = {
  title: ['平安一张图 · 设置辖区', 'Pingan map · set up the jurisdiction'],
  heading: ['设置辖区', 'Set up the jurisdiction'],
  intro: ['数据库尚无辖区。上传辖区边界（GeoJSON，或 Shapefile 压缩包 .zip），填写区划代码、名称和驻地；先检查，确认无误后创建辖区，再依次导入乡镇、村/社区和网格边界。',
    'The database has no jurisdiction yet. Upload its outline (GeoJSON, or a zipped Shapefile), give its division code, name and seat; check it, create the jurisdiction, then import its townships, villages/communities and grids.'],
  nationalHint: ['全国行政区划名录中的县、区、市无需上传：以 COUNTY=区划代码 启动即可（如 COUNTY=211221 铁岭县）。', 'A county-level unit of the national list needs no upload: start the server with COUNTY=<code> (e.g. COUNTY=211221 Tieling county).'],
  file: ['辖区边界文件', 'Outline file'],
  fileHint: ['GeoJSON（.geojson/.json）或 Shapefile 压缩包（.zip，含 .shp .dbf .prj）；多个面要素合并为一个辖区。', 'GeoJSON (.geojson/.json) or a zipped Shapefile (.zip with .shp, .dbf, .prj); several polygons are merged into one outline.'],
  code: ['区划代码（6 位）', 'Division code (6 digits)'],
  codeHint: ['如开发区 220899；乡镇编码在其后加 3 位', 'e.g. a development zone 220899; township codes extend it by 3 digits'],
  name: ['辖区名称', 'Name'],
  namePlaceholder: ['留空则取文件中的名称', 'empty: the name in the file'],
  seat: ['驻地（经度, 纬度）', 'Seat (longitude, latitude)'],
  seatHint: ['留空则取边界内一点；也可在下方地图上点击选定', 'empty: a point inside the outline; or click on the map below'],
  seatLon: ['经度', 'Longitude'],
  seatLat: ['纬度', 'Latitude'],
  crs: ['坐标系', 'Coordinate system'],
  encoding: ['属性编码', 'Attribute encoding'],
  encodingAuto: ['自动识别', 'Detect'],
  check: ['检查', 'Check'],
  checking: ['正在检查…', 'Checking…'],
  create: ['确认创建辖区', 'Create the jurisdiction'],
  creating: ['正在创建…', 'Creating…'],
  chooseFile: ['请选择辖区边界文件。', 'Choose the outline file.'],
  refused: ['未通过检查：{error}', 'Refused: {error}'],
  ready: ['检查通过：确认下列信息后创建辖区。', 'Checked: confirm what follows, then create the jurisdiction.'],
  mapTitle: ['辖区边界预览（灰色为周边县级行政区）', 'Outline preview (grey: the county-level units around it)'],
  mapLegendOutline: ['本辖区', 'This jurisdiction'],
  mapLegendAround: ['周边县级行政区', 'Units around it'],
  mapLegendSeat: ['驻地', 'Seat'],
  facts: {
    name: ['名称', 'Name'],
    code: ['区划代码', 'Code'],
    within: ['所属', 'Within'],
    area: ['面积', 'Area'],
    parts: ['组成部分', 'Parts'],
    seat: ['驻地', 'Seat'],
    extent: ['范围', 'Extent'],
    crs: ['坐标系', 'Coordinate system'],
  },
  km2: ['{n} 平方千米', '{n} km²'],
  partsN: ['{n} 块', '{n} part(s)'],
  seatComputed: ['（边界内一点，可修改）', '(a point inside; can be changed)'],
  warnings: ['提示', 'Notes'],
  done: ['辖区已创建：{name}（{code}），面积 {area} 平方千米。', 'Jurisdiction created: {name} ({code}), {area} km².'],
  nextHeading: ['下一步：导入辖区的区划边界', 'Next: import the jurisdiction\'s divisions'],
  nextIntro: ['依次导入乡镇、村/社区、网格的面数据（编码须以辖区代码开头）；网格导入后即可导入事件、监控点位等数据。', 'Import the township, village/community and grid polygons in turn (their codes start with the jurisdiction\'s); once grids are in, incidents, cameras and the rest can follow.'],
  step: {
    township: ['① 导入乡镇边界', '① Import townships'],
    village: ['② 导入村/社区边界', '② Import villages / communities'],
    grid: ['③ 导入网格边界', '③ Import grids'],
  },
  enter: ['进入平安一张图', 'Open the dashboard'],
  noJurisdiction: ['尚未设置辖区 — 请联系管理员', 'No jurisdiction set up yet — please contact the administrator'],
  noJurisdictionWhy: ['管理员以 admin 登录后，在此页面上传辖区边界即可开始使用。', 'Once the administrator signs in as admin and uploads the jurisdiction\'s outline on this page, the dashboard opens.'],
  lang: ['EN', '中文'],
} as const;

type Tree<T> = { [K in keyof T]: T[K] extends Pair ? string : Tree<T[K]> };

function pick<T>(node: T, i: 0 | 1): Tree<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) out[k] = Array.isArray(v) ? v[i] : pick(v, i);
  return out as Tree<T>;
}
const BY_LANG = { zh: pick(STRINGS, 0), en: pick(STRINGS, 1) };

export const firstRunStrings = (lang: Lang) => BY_LANG[lang];

export const fill = (text: string, values: Record<string, string | number>): string => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
