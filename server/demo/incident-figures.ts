// How many incidents of each category the demo county has per year, and when in the day, week and season
// they happen. Yearly totals follow the seed documents for Tongyu (004: Jan–Nov 2022, 408 criminal cases
// solved (+3.1% yoy), 670 public-order cases (+8.5%), 2185 disputes handled; 000: ~500–600 service events)
// scaled to a whole county's caseload. 2026 runs from 1 January to the demo's data end (20 November).
import type { IncidentCategory } from '../../shared/domain/categories.js';

export const DEMO_YEARS = [2024, 2025, 2026] as const;
/** Last day of demo data (Asia/Shanghai). Fixed so the demo is deterministic whatever today is. */
export const DEMO_DATA_END = '2026-11-20';

export const YEARLY_COUNTS: Record<IncidentCategory, [number, number, number]> = {
  theft: [300, 276, 232],
  criminal: [150, 158, 142],
  public_order: [650, 702, 640],
  fraud: [180, 226, 238],
  dispute: [2240, 2185, 1990],
  petition: [340, 310, 262],
  hazard: [820, 880, 810],
  livelihood: [1150, 1230, 1160],
  traffic: [360, 372, 330],
  fire: [96, 88, 70],
  emergency: [14, 11, 9],
};

/** Where incidents of a category happen: county seat streets, town streets, village centres, hamlets, roads. */
export const PLACE_MIX: Record<IncidentCategory, [seat: number, town: number, village: number, hamlet: number, road: number]> = {
  theft: [0.45, 0.2, 0.12, 0.13, 0.1],
  criminal: [0.45, 0.2, 0.15, 0.15, 0.05],
  public_order: [0.55, 0.25, 0.1, 0.05, 0.05],
  fraud: [0.55, 0.2, 0.1, 0.15, 0],
  dispute: [0.3, 0.2, 0.25, 0.25, 0],
  petition: [0.4, 0.2, 0.2, 0.2, 0],
  hazard: [0.3, 0.25, 0.2, 0.2, 0.05],
  livelihood: [0.4, 0.2, 0.2, 0.2, 0],
  traffic: [0.2, 0.1, 0.02, 0, 0.68],
  fire: [0.25, 0.2, 0.2, 0.35, 0],
  emergency: [0.3, 0.2, 0.2, 0.1, 0.2],
};

const flat = (v = 1) => Array.from({ length: 12 }, () => v);
/** Month weights (Jan..Dec): summer public-order campaign, autumn-harvest theft and traffic, spring fires. */
export const MONTH_WEIGHTS: Record<IncidentCategory, number[]> = {
  theft: [1.1, 1, 0.9, 0.9, 0.9, 1, 1, 1, 1.25, 1.3, 1.25, 1.1],
  criminal: flat(),
  public_order: [0.9, 1, 0.9, 0.9, 1, 1.35, 1.4, 1.35, 1, 0.9, 0.85, 0.9],
  fraud: flat(),
  dispute: [1.2, 1, 1.2, 1.25, 1.2, 1, 0.9, 0.9, 0.9, 0.9, 1, 1.25],
  petition: [1.1, 0.8, 1.2, 1, 1, 1, 1, 1, 1, 1.1, 1, 1],
  hazard: [1, 1, 1.1, 1.3, 1.1, 1, 1.3, 1.3, 1, 1, 1, 1],
  livelihood: [1.2, 1.1, 1, 1, 1, 1, 1, 1, 1, 1, 1.1, 1.2],
  traffic: [1.2, 1, 0.9, 0.9, 1, 1, 1, 1, 1.4, 1.4, 1, 1.2],
  fire: [1.3, 1.3, 1.6, 1.6, 1.5, 0.7, 0.6, 0.6, 0.7, 1.1, 1.2, 1.3],
  emergency: flat(),
};

/** Day-of-week weights, Monday..Sunday. */
export const WEEKDAY_WEIGHTS: Record<IncidentCategory, number[]> = {
  theft: [1, 1, 1, 1, 1.1, 1.15, 1.1],
  criminal: [1, 1, 1, 1, 1.1, 1.2, 1.1],
  public_order: [0.85, 0.85, 0.9, 0.95, 1.2, 1.45, 1.35],
  fraud: [1.1, 1.1, 1.1, 1.1, 1, 0.8, 0.8],
  dispute: [1.1, 1.1, 1, 1, 1, 0.95, 0.9],
  petition: [1.3, 1.3, 1.3, 1.3, 1.2, 0.4, 0.3],
  hazard: [1.2, 1.2, 1.2, 1.2, 1.1, 0.6, 0.5],
  livelihood: [1.3, 1.3, 1.3, 1.3, 1.2, 0.5, 0.4],
  traffic: [0.95, 0.95, 0.95, 1, 1.15, 1.15, 1.1],
  fire: [1, 1, 1, 1, 1, 1, 1],
  emergency: [1, 1, 1, 1, 1, 1, 1],
};

const office = [0.1, 0.05, 0.05, 0.05, 0.1, 0.2, 0.5, 1, 1.6, 1.8, 1.8, 1.5, 1.2, 1.5, 1.7, 1.7, 1.5, 1.2, 0.8, 0.6, 0.4, 0.3, 0.2, 0.15];
/** Hour-of-day weights 0..23 (local time): theft at night, public order in the evening, traffic at rush hours. */
export const HOUR_WEIGHTS: Record<IncidentCategory, number[]> = {
  theft: [1.6, 1.8, 1.8, 1.6, 1.2, 0.7, 0.5, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.9, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.6],
  criminal: [1.3, 1.2, 1.1, 0.9, 0.6, 0.4, 0.4, 0.5, 0.7, 0.8, 0.9, 1, 1, 1, 1, 1, 1, 1.1, 1.2, 1.3, 1.4, 1.5, 1.5, 1.4],
  public_order: [1.6, 1.3, 1, 0.6, 0.3, 0.2, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.8, 0.8, 0.9, 1, 1.2, 1.5, 1.9, 2.2, 2.3, 2.2, 1.9],
  fraud: [0.2, 0.1, 0.1, 0.1, 0.1, 0.2, 0.4, 0.8, 1.2, 1.5, 1.5, 1.4, 1.2, 1.3, 1.5, 1.5, 1.4, 1.3, 1.2, 1.2, 1.1, 0.9, 0.6, 0.4],
  dispute: office.map((w, h) => (h >= 18 && h <= 21 ? w * 2 : w)),
  petition: office,
  hazard: office,
  livelihood: office,
  traffic: [0.4, 0.3, 0.3, 0.3, 0.4, 0.7, 1.3, 2, 1.8, 1.2, 1, 1.1, 1.3, 1.1, 1, 1.1, 1.4, 2, 2.2, 1.6, 1.1, 0.8, 0.6, 0.5],
  fire: [0.6, 0.5, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.2, 1.4, 1.5, 1.6, 1.6, 1.5, 1.3, 1.2, 1.1, 1, 0.9, 0.8, 0.7, 0.6],
  emergency: Array.from({ length: 24 }, () => 1),
};

export const TITLES: Record<IncidentCategory, string[]> = {
  theft: ['电动车被盗', '入室盗窃', '店铺被盗', '手机被盗', '牲畜被盗', '农机具被盗', '车内财物被盗'],
  criminal: ['故意伤害', '抢夺财物', '寻衅滋事致伤', '诈骗钱财', '非法拘禁'],
  public_order: ['酒后滋事', '打架斗殴', '噪音扰民', '赌博', '醉酒闹事', '损毁财物'],
  fraud: ['冒充客服诈骗', '刷单返利诈骗', '网络贷款诈骗', '冒充公检法诈骗', '杀猪盘诈骗'],
  dispute: ['邻里纠纷', '土地承包纠纷', '婚姻家庭纠纷', '劳资纠纷', '草场边界纠纷', '宅基地纠纷', '物业纠纷'],
  petition: ['征地补偿信访', '拖欠工资信访', '低保申请信访', '拆迁安置信访'],
  hazard: ['消防通道堵塞', '危房隐患', '电线私拉乱接', '道路塌陷', '燃气泄漏隐患', '防汛隐患点'],
  livelihood: ['路灯不亮', '自来水停水', '供暖不热', '垃圾清运不及时', '政策咨询', '求助帮扶'],
  traffic: ['两车相撞', '农用车侧翻', '追尾事故', '行人被撞', '摩托车事故'],
  fire: ['秸秆起火', '民房起火', '车辆自燃', '荒草起火', '仓房起火'],
  emergency: ['群体聚集', '危化品泄漏', '暴雪封路', '洪涝险情'],
};
