// Key sites (重点部位) and the coverage category each belongs to, with the policy target from the
// Shangqiu "视频监控建设管理年" table (DOMAIN.md "Coverage targets").
export const COVERAGE_CATEGORIES = ['key_road', 'public_place', 'township_street', 'village_road'] as const;
export type CoverageCategory = (typeof COVERAGE_CATEGORIES)[number];
export const COVERAGE_TARGETS: Record<CoverageCategory, { zh: string; en: string; targetPct: number }> = {
  key_road: { zh: '重点路口路段、城区主街、高速出口、县域入口', en: 'Key intersections, main streets, highway exits, county entrances', targetPct: 100 },
  public_place: { zh: '学校、医院、商超、宾馆、银行网点等公共场所', en: 'Schools, hospitals, markets, hotels, banks', targetPct: 100 },
  township_street: { zh: '乡镇主街、园区道路、主要卡口', en: 'Township main streets, industrial-park roads, checkpoints', targetPct: 100 },
  village_road: { zh: '村主干道及村口', en: 'Village main roads and entrances', targetPct: 90 },
};

export const SITE_KINDS = [
  'school',
  'hospital',
  'bank',
  'market',
  'hotel',
  'station',
  'government',
  'highway_exit',
  'checkpoint',
  'village_entrance',
  'key_intersection',
] as const;
export type SiteKind = (typeof SITE_KINDS)[number];
export const SITE_KIND_INFO: Record<SiteKind, { zh: string; en: string; category: CoverageCategory }> = {
  school: { zh: '学校', en: 'School', category: 'public_place' },
  hospital: { zh: '医院', en: 'Hospital', category: 'public_place' },
  bank: { zh: '银行网点', en: 'Bank branch', category: 'public_place' },
  market: { zh: '商超市场', en: 'Market', category: 'public_place' },
  hotel: { zh: '宾馆', en: 'Hotel', category: 'public_place' },
  station: { zh: '车站', en: 'Station', category: 'public_place' },
  government: { zh: '党政机关', en: 'Government seat', category: 'key_road' },
  highway_exit: { zh: '高速出口', en: 'Highway exit', category: 'key_road' },
  checkpoint: { zh: '治安卡口', en: 'Checkpoint', category: 'township_street' },
  village_entrance: { zh: '村口', en: 'Village entrance', category: 'village_road' },
  key_intersection: { zh: '重点路口', en: 'Key intersection', category: 'key_road' },
};

export const ROAD_CLASSES = ['national', 'provincial', 'county', 'village', 'street', 'railway'] as const;
export type RoadClass = (typeof ROAD_CLASSES)[number];
export const ROAD_CLASS_INFO: Record<RoadClass, { zh: string; en: string; speedKmh: number }> = {
  national: { zh: '国道', en: 'National road', speedKmh: 70 },
  provincial: { zh: '省道', en: 'Provincial road', speedKmh: 60 },
  county: { zh: '县道', en: 'County road', speedKmh: 50 },
  village: { zh: '村道', en: 'Village road', speedKmh: 30 },
  street: { zh: '街路', en: 'Street', speedKmh: 30 },
  railway: { zh: '铁路', en: 'Railway', speedKmh: 0 },
};
