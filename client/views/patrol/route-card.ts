// The printable route card (巡逻路线卡), in Chinese: what a patrol crew carries — station, shift, per unit
// the ordered stops with arrival and departure times, what happened there recently, and the totals.
import type { RoutePlan } from './patrol-api';
import { placeText } from '../../../shared/geo/place-label';

/** The eleven seeded categories in the crews' short words; any other is the jurisdiction's own (its name). */
const CATEGORY_ZH: Record<string, string> = {
  theft: '盗窃', criminal: '刑事', public_order: '治安', fraud: '诈骗', dispute: '纠纷', petition: '信访',
  hazard: '隐患', livelihood: '民生', traffic: '交通', fire: '火灾', emergency: '突发',
};
/** The jurisdiction's categories (GET /api/meta), set when the patrol tab mounts: a category the county added
 * in an import (e.g. 酒后滋事, code drunken_trouble) is named, not shown by its code. */
const jurisdictionNames = new Map<string, { zh: string; en: string }>();
export function useJurisdictionCategories(list: readonly { id: string; zh: string; en: string }[]): void {
  jurisdictionNames.clear();
  for (const c of list) jurisdictionNames.set(c.id, { zh: c.zh, en: c.en });
}
export const categoryZh = (k: string): string => CATEGORY_ZH[k] ?? jurisdictionNames.get(k)?.zh ?? k;
export const categoryEn = (k: string): string | undefined => jurisdictionNames.get(k)?.en;
const DAYS_ZH: Record<string, string> = { '1,2,3,4,5': '工作日', '0,6': '周末', '0,1,2,3,4,5,6': '每天' };
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pad = (n: number) => String(n).padStart(2, '0');

/** "HH:MM" of a minute after the shift's start hour. */
export function clock(startHour: number, minute: number): string {
  const m = Math.round(startHour * 60 + minute) % 1440;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

export function categoriesZh(byCategory: Record<string, number>): string {
  return Object.entries(byCategory)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${categoryZh(k)} ${n} 起`)
    .join('、');
}

/** What the crew should look for at a stop: the categories that made it risky, most frequent first. */
export function lookFor(byCategory: Record<string, number>): string {
  const top = Object.entries(byCategory).sort((a, b) => b[1] - a[1]).slice(0, 3);
  return top.map(([k, n]) => `${categoryZh(k)}（${n} 起）`).join('、');
}

/**
 * The card as one A4 page: header, a map of the routes (an image of the map fitted to them, when given),
 * per unit the stops with arrival, departure, place name and what to look for there, and the totals.
 */
export function routeCardHtml(plan: RoutePlan, printedAt: Date = new Date(), mapImage: string | null = null): string {
  const s = plan.shift;
  const days = DAYS_ZH[[...s.days].sort().join(',')] ?? s.days.map((d) => '日一二三四五六'[d]).join('');
  const stops = plan.routes.reduce((n, r) => n + r.stops.length, 0);
  // Rows shrink as the stops grow, so any plan fits one page (≤ 60 stops at 9 px type).
  const font = stops > 40 ? 9 : stops > 28 ? 10 : 11;
  const units = plan.routes
    .map((r) => {
      const rows = r.stops
        .map((st) => `<tr><td>${st.order}</td><td>${clock(s.startHour, st.arriveMin)}</td><td>${clock(s.startHour, st.departMin)}</td><td>${esc(placeText(st.place))}</td><td>${esc(lookFor(st.byCategory))}</td><td class="num">${st.risk.toFixed(1)}</td></tr>`)
        .join('');
      const back = clock(s.startHour, r.timeMin);
      return `<section class="unit"><h2>第 ${r.unit} 组</h2>
<p>巡逻点 ${r.stops.length} 个 · 行程 ${r.distanceKm.toFixed(1)} 公里 · 用时 ${Math.round(r.timeMin)} 分钟（行车 ${Math.round(r.travelMin)} 分钟）· 预计 ${back} 返回${esc(plan.station.name)}</p>
<table><thead><tr><th>序号</th><th>到达</th><th>离开</th><th>地点</th><th>重点关注（近期同时段警情）</th><th>风险（分）</th></tr></thead><tbody>${rows || '<tr><td colspan="6">时长内无可巡点</td></tr>'}</tbody></table></section>`;
    })
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>巡逻路线卡 · ${esc(plan.station.name)}</title>
<style>@page{size:A4 portrait;margin:10mm}*{box-sizing:border-box}html,body{margin:0}body{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;color:#111;font-size:${font}px}
.page{width:190mm;max-height:277mm;overflow:hidden}h1{font-size:18px;margin:0 0 2px}h2{font-size:13px;margin:6px 0 2px}
p{margin:1px 0}table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:1px 4px;text-align:left;vertical-align:top}th{background:#eee}td.num{text-align:right}
.map{margin:4px 0;border:1px solid #999;height:${stops > 28 ? 70 : 95}mm;display:flex;align-items:center;justify-content:center;overflow:hidden}.map img{max-width:100%;max-height:100%;object-fit:contain}
.unit{break-inside:avoid}.foot{margin-top:6px;font-size:10px;color:#555}
.bar{padding:6px 0}.bar button{font:inherit;font-size:14px;padding:4px 16px}@media print{.bar{display:none}}</style></head><body>
<div class="bar"><button type="button" id="route-card-print" onclick="window.print()">打印</button></div><div class="page">
<h1>巡逻路线卡 · ${esc(plan.station.name)}</h1>
<p>班次：${pad(s.startHour)}:00–${pad(s.endHour % 24)}:00（${days}）· 每组时长 ${plan.budgetMin} 分钟 · 每点停留 ${plan.dwellMin} 分钟</p>
<p>共 ${plan.routes.length} 组，覆盖本班次风险 ${(plan.shareOfShift * 100).toFixed(1)}%</p>
${mapImage ? `<div class="map"><img id="route-card-map" src="${mapImage}" alt="巡逻路线图"></div>` : ''}
${units}
<p class="foot">风险分 = 近期同一时段警情 × 案件严重程度（1–5）× 时间衰减（60 天减半）。打印时间 ${printedAt.getFullYear()}-${pad(printedAt.getMonth() + 1)}-${pad(printedAt.getDate())} ${pad(printedAt.getHours())}:${pad(printedAt.getMinutes())}。</p>
</div></body></html>`;
}
