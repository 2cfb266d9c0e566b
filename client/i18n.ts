// UI strings in Chinese (the working language of the users) and English. Dates are calendar days
// in the jurisdiction's time zone (Asia/Shanghai unless /api/meta says otherwise), whatever the viewer's machine says.

export type Lang = 'zh' | 'en';

const zh = {
  title: '平安一张图 · {county}',
  'emptyData.incidents': '尚无事件数据',
  'emptyData.import': '导入事件',
  'emptyData.cameras': '尚无摄像机数据',
  'tab.hotspots': '热点研判',
  'tab.coverage': '监控覆盖',
  'tab.patrol': '巡逻防控',
  langToggle: 'EN',
  loading: '加载中…',
  'panel.time': '时间范围',
  'panel.from': '起',
  'panel.to': '止',
  'panel.dateHint': '日期格式 年-月-日，如 {to}；数据自 {from} 至 {to}',
  dataUntil: '数据截至 {date}',
  'preset.7d': '近7天',
  'preset.30d': '近30天',
  'preset.90d': '近90天',
  'preset.ytd': '今年',
  'preset.all': '全部',
  'preset.yearAgo': '去年同期',
  'panel.categories': '事件类别',
  'panel.selectAll': '全选',
  'panel.selectNone': '清空',
  'panel.jurisdiction': '辖区',
  'panel.village': '村/社区',
  'panel.allVillages': '全部村/社区',
  'panel.layers': '图层',
  'panel.level': '统计单元',
  'layer.heat': '事件热力',
  'layer.grids': '区域分级',
  'layer.cameras': '视频监控',
  'level.county': '县（市、区）',
  'level.township': '乡镇',
  'level.village': '村/社区',
  'level.grid': '网格',
  'kpi.total': '事件总数',
  'kpi.closureRate': '办结率',
  'kpi.open': '未办结',
  'kpi.overdue': '超期',
  'kpi.yoy': '同比',
  'kpi.prevYear': '去年同期 {n} 件',
  'kpi.closeTime': '平均办结用时',
  'unit.cases': '件',
  'unit.days': '天',
  'unit.day': '天',
  'unit.hours': '小时',
  'unit.hour': '小时',
  empty: '当前条件下没有事件',
  'legend.heat': '事件热力（每个热力格的事件数）',
  'legend.heatCell': '热力格{size}，随缩放分级、不随窗口大小变化；颜色为周边密度',
  'legend.heatEvery': '每个热力格 {n}',
  'legend.cellKm': '约 {w} × {h} 公里',
  'legend.cellM': '约 {w} × {h} 米',
  'legend.count': '{n} 起',
  'legend.low': '低',
  'legend.high': '高',
  'legend.grids': '{level}事件数',
  'legend.outlines': '{level}边界',
  'legend.cameras': '视频监控（{n} 路）',
  'legend.camerasTitle': '视频监控',
  'legend.offline': '离线',
  'legend.noData': '无事件',
  'legend.provisional': '示意边界：{level}边界为生成的占位多边形，不是真实边界（导入本地区划后替换）',
  'tip.provisional': '示意边界（非真实边界）',
  'tip.code': '编码',
  'tip.count': '事件数',
  'tip.leader': '网格长',
  'tip.households': '户数',
  'tip.camera': '监控点',
  'tip.kind': '类型',
  'tip.status': '状态',
  'status.online': '在线',
  'status.offline': '离线',
  updatedAt: '更新于 {time}',
  errorPrefix: '数据加载失败：',
} as const;

export type MessageKey = keyof typeof zh;

const en: Record<MessageKey, string> = {
  title: 'Safe County Map · {county}',
  'emptyData.incidents': 'No incident data yet',
  'emptyData.import': 'Import incidents',
  'emptyData.cameras': 'No camera data yet',
  'tab.hotspots': 'Hotspots',
  'tab.coverage': 'Coverage',
  'tab.patrol': 'Patrol',
  langToggle: '中',
  loading: 'Loading…',
  'panel.time': 'Time window',
  'panel.from': 'From',
  'panel.to': 'To',
  'panel.dateHint': 'Date as YYYY-MM-DD, e.g. {to}; data from {from} to {to}',
  dataUntil: 'Data until {date}',
  'preset.7d': 'Last 7 days',
  'preset.30d': 'Last 30 days',
  'preset.90d': 'Last 90 days',
  'preset.ytd': 'This year',
  'preset.all': 'All',
  'preset.yearAgo': 'Same period last year',
  'panel.categories': 'Categories',
  'panel.selectAll': 'All',
  'panel.selectNone': 'None',
  'panel.jurisdiction': 'Jurisdiction',
  'panel.village': 'Village',
  'panel.allVillages': 'All villages',
  'panel.layers': 'Layers',
  'panel.level': 'Unit',
  'layer.heat': 'Incident heat',
  'layer.grids': 'Area choropleth',
  'layer.cameras': 'Cameras',
  'level.county': 'County',
  'level.township': 'Township',
  'level.village': 'Village',
  'level.grid': 'Grid',
  'kpi.total': 'Incidents',
  'kpi.closureRate': 'Closure rate',
  'kpi.open': 'Open',
  'kpi.overdue': 'Overdue',
  'kpi.yoy': 'Year on year',
  'kpi.prevYear': 'Last year {n} cases',
  'kpi.closeTime': 'Average time to close',
  'unit.cases': 'cases',
  'unit.days': 'days',
  'unit.day': 'day',
  'unit.hours': 'hours',
  'unit.hour': 'hour',
  empty: 'No incidents match the current filter',
  'legend.heat': 'Incident heat (incidents per heat cell)',
  'legend.heatCell': 'Heat cells {size}, set by the zoom band, not by the window size; colour shows the density around',
  'legend.heatEvery': 'every heat cell: {n}',
  'legend.cellKm': 'about {w} × {h} km',
  'legend.cellM': 'about {w} × {h} m',
  'legend.count': '{n}',
  'legend.low': 'low',
  'legend.high': 'high',
  'legend.grids': 'Incidents per {level}',
  'legend.outlines': '{level} boundaries',
  'legend.cameras': 'Cameras ({n})',
  'legend.camerasTitle': 'Cameras',
  'legend.offline': 'Offline',
  'legend.noData': 'None',
  'legend.provisional': 'Schematic boundaries: these {level} polygons are generated placeholders, not real boundaries (replaced when the local divisions are imported)',
  'tip.provisional': 'schematic boundary (not the real one)',
  'tip.code': 'Code',
  'tip.count': 'Incidents',
  'tip.leader': 'Grid leader',
  'tip.households': 'Households',
  'tip.camera': 'Camera',
  'tip.kind': 'Kind',
  'tip.status': 'Status',
  'status.online': 'Online',
  'status.offline': 'Offline',
  updatedAt: 'Updated {time}',
  errorPrefix: 'Failed to load data: ',
};

const messages: Record<Lang, Record<MessageKey, string>> = { zh, en };

export function t(lang: Lang, key: MessageKey, vars: Record<string, string | number> = {}): string {
  return messages[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? `{${name}}`));
}

/** Labels that come from the server (categories, camera kinds) carry both languages. */
export function label(lang: Lang, item: { zh: string; en: string }): string {
  return lang === 'zh' ? item.zh : item.en;
}

/** The jurisdiction's time zone (GET /api/meta county.timeZone, set at boot); every shown time is read in it. */
export let TIME_ZONE = 'Asia/Shanghai';
export function setTimeZone(timeZone: string): void {
  TIME_ZONE = timeZone;
}

/** 'YYYY-MM-DD HH:MM' wall-clock time of an ISO instant in the jurisdiction's zone. */
export function localDateTime(iso: string): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function formatNumber(lang: Lang, n: number): string {
  return n.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US');
}

export function formatPercent(lang: Lang, ratio: number, digits = 1): string {
  return `${(ratio * 100).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}%`;
}

/** A moment as the county's wall-clock time, "YYYY-MM-DD HH:MM" in every language and browser locale. */
export function formatTime(_lang: Lang, date: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
/** A typed day as YYYY-MM-DD when it is a real calendar day (2026-02-30 is not), else null. */
export function parseDay(text: string): string | null {
  const m = ISO_DAY.exec(text.trim().replace(/[/.年月]/g, '-').replace(/日$/, ''));
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3] ? `${m[1]}-${m[2]}-${m[3]}` : null;
}
