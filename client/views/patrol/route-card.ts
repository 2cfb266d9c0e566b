// The printable route card (巡逻路线卡), in Chinese: what a patrol crew carries — station, shift, per unit
// the ordered stops with arrival and departure times, what happened there recently, and the totals.
import type { RoutePlan } from './patrol-api';

const CATEGORY_ZH: Record<string, string> = {
  theft: '盗窃', criminal: '刑事', public_order: '治安', fraud: '诈骗', dispute: '纠纷', petition: '信访',
  hazard: '隐患', livelihood: '民生', traffic: '交通', fire: '火灾', emergency: '突发',
};
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
    .map(([k, n]) => `${CATEGORY_ZH[k] ?? k}${n}`)
    .join('、');
}

export function routeCardHtml(plan: RoutePlan, printedAt: Date = new Date()): string {
  const s = plan.shift;
  const days = DAYS_ZH[[...s.days].sort().join(',')] ?? s.days.map((d) => '日一二三四五六'[d]).join('');
  const units = plan.routes
    .map((r) => {
      const rows = r.stops
        .map((st) => `<tr><td>${st.order}</td><td>${clock(s.startHour, st.arriveMin)}</td><td>${clock(s.startHour, st.departMin)}</td><td>${st.lat.toFixed(5)}, ${st.lon.toFixed(5)}</td><td>${esc(categoriesZh(st.byCategory))}</td><td>${st.risk.toFixed(1)}</td></tr>`)
        .join('');
      const back = clock(s.startHour, r.timeMin);
      return `<section class="unit"><h2>第 ${r.unit} 组</h2>
<p>巡逻点 ${r.stops.length} 个 · 行程 ${r.distanceKm.toFixed(1)} 公里 · 用时 ${Math.round(r.timeMin)} 分钟（行车 ${Math.round(r.travelMin)} 分钟）· 预计 ${back} 返回${esc(plan.station.name)}</p>
<table><thead><tr><th>序号</th><th>到达</th><th>离开</th><th>位置（纬度, 经度）</th><th>近期警情</th><th>风险</th></tr></thead><tbody>${rows || '<tr><td colspan="6">时长内无可巡点</td></tr>'}</tbody></table></section>`;
    })
    .join('');
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>巡逻路线卡 · ${esc(plan.station.name)}</title>
<style>body{font-family:"WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;margin:24px;color:#111}h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:16px 0 4px}
p{margin:2px 0;font-size:13px}table{border-collapse:collapse;width:100%;font-size:13px}th,td{border:1px solid #999;padding:3px 6px;text-align:left}th{background:#eee}
.unit{page-break-inside:avoid}.foot{margin-top:16px;font-size:12px;color:#555}</style></head><body>
<h1>巡逻路线卡 · ${esc(plan.station.name)}</h1>
<p>班次：${pad(s.startHour)}:00–${pad(s.endHour % 24)}:00（${days}）· 每组时长 ${plan.budgetMin} 分钟 · 每点停留 ${plan.dwellMin} 分钟</p>
<p>共 ${plan.routes.length} 组，覆盖本班次风险 ${(plan.shareOfShift * 100).toFixed(1)}%</p>
${units}
<p class="foot">风险 = 近期同一时段警情 × 案件严重程度 × 时间衰减。打印时间 ${printedAt.getFullYear()}-${pad(printedAt.getMonth() + 1)}-${pad(printedAt.getDate())} ${pad(printedAt.getHours())}:${pad(printedAt.getMinutes())}。</p>
</body></html>`;
}
