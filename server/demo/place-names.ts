// The names the demo generator gives to what the real sources do not name (trunk roads, the railway, seat
// sites, enterprises, planted hotspots), derived from the jurisdiction: its short name (通榆县 → 通榆), its seat
// town, its neighbours. The default county (通榆县 220822) keeps the local flavour of the seed documents;
// any other county gets the same patterns with its own names.
import type { SiteKind } from '../../shared/domain/sites.js';
import type { Neighbour } from './inputs.js';

export interface TrunkName { name: string; roadClass: 'national' | 'provincial'; toward: string }
export interface PlaceNames {
  /** 通榆县 → 通榆, 喀喇沁左翼蒙古族自治县 → 喀喇沁左翼, 铁岭县 → 铁岭. */
  countyShort: string;
  /** What the county is called after its short name: 县 (通榆县, 喀喇沁左翼蒙古族自治县), 市, 区 or 旗. */
  countyWord: string;
  /** The seat town's short name (开通镇 → 开通), used for streets, exits and key intersections. */
  seatShort: string;
  /** The county's nickname in shop and hotel names (通榆: 鹤乡, the crane's home); else the short name. */
  nickname: string;
  /** The county seat's public places by kind (hospitals, banks, markets, hotels, government). */
  seatSites: [SiteKind, string[]][];
  trunks: TrunkName[];
  railway: { name: string; south: string | null; north: string | null };
  enterprises: string[];
  /** Where the demo plants its emerging hotspot, its border-theft checkpoint road and its grassland dispute. */
  hotspotTown: string | null;
  checkpointRoad: string | null;
  grasslandTownship: string | null;
}

/** The 55 minority nationalities' names as they appear in autonomous units' names (蒙古族自治县, 满族自治县…; 各族: 龙胜各族自治县). */
const NATIONALITIES = '各|蒙古|回|藏|维吾尔|苗|彝|壮|布依|朝鲜|满|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|畲|高山|拉祜|水|东乡|纳西|景颇|柯尔克孜|土|达斡尔|仫佬|羌|布朗|撒拉|毛南|仡佬|锡伯|阿昌|普米|塔吉克|怒|乌孜别克|俄罗斯|鄂温克|德昂|保安|裕固|京|塔塔尔|独龙|鄂伦春|赫哲|门巴|珞巴|基诺';
const AUTONOMOUS = new RegExp(`(?:(?:${NATIONALITIES})族)+自治(?:县|旗)$`);
/** A county's name without its kind (县/市/区/旗) and, for an autonomous one, without the nationalities:
 * 喀喇沁左翼蒙古族自治县 → 喀喇沁左翼, 长阳土家族自治县 → 长阳, 鄂温克族自治旗 → 鄂温克, 通榆县 → 通榆. */
export const shortCountyName = (name: string): string =>
  // A unit named after its nationality alone (鄂温克族自治旗) keeps that name (鄂温克).
  (name.replace(AUTONOMOUS, '') || name.replace(/族自治(?:县|旗)$/, '')).replace(/(县|市|区|旗)$/, '') || name;
export const shortTownName = (name: string): string => name.replace(/蒙古族乡|镇|乡$/, '');

/** The seed documents' county: the names the demo has always used. */
const DEFAULT_COUNTY: Omit<PlaceNames, 'countyShort' | 'seatShort' | 'countyWord'> & { code: string } = {
  code: '220822',
  nickname: '鹤乡',
  seatSites: [
    ['hospital', ['通榆县医院', '通榆县中医院', '通榆县妇幼保健院']],
    ['bank', ['中国工商银行通榆支行', '中国农业银行通榆支行', '中国银行通榆支行', '中国建设银行通榆支行', '吉林银行通榆支行', '通榆农商银行营业部', '邮储银行通榆支行', '农商银行开通支行', '农商银行树满分理处', '农商银行迎新分理处']],
    ['market', ['通榆大市场', '鹤乡农贸市场', '通榆百货大楼', '兴隆超市', '新世纪购物中心', '开通早市']],
    ['hotel', ['通榆宾馆', '鹤乡大酒店', '向海宾馆', '站前旅社', '瑞丰商务酒店', '开通大酒店']],
    ['government', ['通榆县委县政府', '通榆县政法委', '通榆县人民法院']],
  ],
  trunks: [
    { name: '通洮公路', roadClass: 'national', toward: '洮南市' },
    { name: '通长公路', roadClass: 'national', toward: '长岭县' },
    { name: '通乾公路', roadClass: 'provincial', toward: '乾安县' },
    { name: '通大公路', roadClass: 'provincial', toward: '大安市' },
    { name: '通科公路', roadClass: 'provincial', toward: '科尔沁右翼中旗' },
    { name: '通舍公路', roadClass: 'provincial', toward: '科尔沁左翼中旗' },
  ],
  railway: { name: '平齐铁路', south: '科尔沁左翼中旗', north: '洮南市' },
  enterprises: ['通榆风电有限公司', '通榆粮食储备库', '鹤乡米业有限公司', '通榆建材有限公司', '吉运物流园', '向海酒业有限公司', '通榆肉牛加工厂', '通榆光伏电站', '天然气门站', '通榆热电厂', '杂粮加工园', '农机合作社', '饲料有限公司', '葵花籽加工厂'],
  hotspotTown: '瞻榆镇',
  checkpointRoad: '通科公路',
  grasslandTownship: '向海蒙古族乡',
};

export function placeNames(county: { code: string; name: string }, seatTown: string, neighbours: Neighbour[]): PlaceNames {
  const countyShort = shortCountyName(county.name);
  const seatShort = shortTownName(seatTown);
  const countyWord = /旗$/.test(county.name) ? '旗' : /市$/.test(county.name) ? '市' : /区$/.test(county.name) ? '区' : '县';
  if (county.code === DEFAULT_COUNTY.code) return { ...DEFAULT_COUNTY, countyShort, seatShort, countyWord };
  // Trunks toward up to six neighbours, named in the local 起讫点 style from the two places' first characters
  // (通 + 洮 → 通洮公路); the two toward the largest neighbours' codes first are national roads.
  const first = countyShort.slice(0, 1);
  const c = countyShort;
  const s = seatShort;
  const w = countyWord;
  const toward = neighbours.slice(0, 6);
  const trunks = toward.map((n, i) => ({ name: `${first}${shortCountyName(n.name).slice(0, 1)}公路`, roadClass: (i < 2 ? 'national' : 'provincial') as TrunkName['roadClass'], toward: n.name }));
  const south = neighbours[0]?.name ?? null;
  const north = neighbours[neighbours.length - 1]?.name ?? null;
  return {
    countyShort,
    countyWord,
    seatShort,
    nickname: countyShort,
    seatSites: [
      ['hospital', [`${c}${w}医院`, `${c}${w}中医院`, `${c}${w}妇幼保健院`]],
      ['bank', [`中国工商银行${c}支行`, `中国农业银行${c}支行`, `中国银行${c}支行`, `中国建设银行${c}支行`, `${c}村镇银行`, `${c}农商银行营业部`, `邮储银行${c}支行`, `农商银行${s}支行`, `农商银行${c}城东分理处`, `农商银行${c}城西分理处`]],
      ['market', [`${c}大市场`, `${c}农贸市场`, `${c}百货大楼`, '兴隆超市', '新世纪购物中心', `${s}早市`]],
      ['hotel', [`${c}宾馆`, `${c}大酒店`, `${c}商务宾馆`, '站前旅社', '瑞丰商务酒店', `${s}大酒店`]],
      ['government', [`${c}${w}委县政府`, `${c}${w}政法委`, `${c}${w}人民法院`]],
    ],
    trunks,
    railway: { name: `${first}${shortCountyName(north ?? countyShort).slice(0, 1)}铁路`, south, north },
    enterprises: [`${countyShort}风电有限公司`, `${countyShort}粮食储备库`, `${countyShort}米业有限公司`, `${countyShort}建材有限公司`, `${countyShort}物流园`, `${countyShort}酒业有限公司`, `${countyShort}肉牛加工厂`, `${countyShort}光伏电站`, '天然气门站', `${countyShort}热电厂`, '杂粮加工园', '农机合作社', '饲料有限公司', '农产品加工厂'],
    hotspotTown: null,
    checkpointRoad: null,
    grasslandTownship: null,
  };
}
