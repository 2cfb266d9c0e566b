// The printable Chinese route card: shift clock arithmetic past midnight, stops in order with times, totals.
import { describe, expect, it } from 'vitest';
import { clock, routeCardHtml } from '../../client/views/patrol/route-card.js';
import type { RoutePlan } from '../../client/views/patrol/patrol-api.js';

describe('route card', () => {
  it('wraps the clock past midnight', () => {
    expect(clock(20, 0)).toBe('20:00');
    expect(clock(20, 245.4)).toBe('00:05');
    expect(clock(22, 360)).toBe('04:00');
  });

  it('lists each unit’s stops with arrival and departure times in Chinese', () => {
    const stop = (order: number, arriveMin: number) => ({ order, cell: `c${order}`, lon: 123.1, lat: 44.8, risk: 3.25, count: 2, byCategory: { theft: 2, dispute: 1 }, arriveMin, departMin: arriveMin + 10, legMin: 5, place: { label: '开通镇 兴隆村', near: '长春路旁', township: '开通镇', village: '兴隆村', grid: null } });
    const plan: RoutePlan = {
      station: { id: 1, name: '通榆县公安局<总>', kind: 'bureau', lon: 123.09, lat: 44.81, townshipCode: null, units: 6 },
      shift: { startHour: 20, endHour: 2, days: [1, 2, 3, 4, 5] },
      asOfMs: 0,
      budgetMin: 360,
      dwellMin: 10,
      routes: [
        { unit: 1, stops: [stop(1, 12), stop(2, 250)], path: [], timeMin: 300, travelMin: 280, distanceKm: 42.04, risk: 6.5 },
        { unit: 2, stops: [], path: [], timeMin: 0, travelMin: 0, distanceKm: 0, risk: 0 },
      ],
      collectedRisk: 6.5,
      candidateRisk: 10,
      totalRisk: 20,
      shareOfShift: 0.325,
      shareOfCandidates: 0.65,
      leftOut: [],
    };
    const html = routeCardHtml(plan, new Date(2025, 2, 7, 19, 30));
    expect(html).toContain('巡逻路线卡 · 通榆县公安局&#60;总&#62;');
    expect(html).toContain('班次：20:00–02:00（工作日）');
    expect(html).toContain('覆盖本班次风险 32.5%');
    expect(html).toContain('<tr><td>1</td><td>20:12</td><td>20:22</td><td>开通镇 兴隆村 · 长春路旁</td>');
    expect(html).toContain('<tr><td>2</td><td>00:10</td><td>00:20</td>');
    expect(html).toContain('盗窃（2 起）、纠纷（1 起）');
    expect(html).not.toMatch(/\d+\.\d{4,}/); // no coordinates
    expect(html).toContain('行程 42.0 公里 · 用时 300 分钟');
    expect(html).toContain('预计 01:00 返回');
    expect(html).toContain('时长内无可巡点');
    expect(html).toContain('打印时间 2025-03-07 19:30');
  });
});
