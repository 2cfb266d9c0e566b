// Risk windows: the shift calendar in Asia/Shanghai (stored UTC) and hand-computed cell risks.
import { describe, expect, it } from 'vitest';
import { latLngToCell } from 'h3-js';
import { inShift, rankRiskCells, shiftHours, WEEKDAYS, WEEKENDS, ALL_DAYS, type RiskIncident } from '../../server/analysis/risk-windows.js';

/** UTC ms of a local (UTC+8) wall-clock time. */
const local = (iso: string) => Date.parse(`${iso}+08:00`);

describe('inShift', () => {
  const night = { startHour: 20, endHour: 2, days: WEEKDAYS };
  it('wraps past midnight and belongs to the day the shift started', () => {
    expect(shiftHours(night)).toBe(6);
    // 2025-03-07 is a Friday, 2025-03-08 a Saturday, 2025-03-10 a Monday.
    expect(inShift(local('2025-03-07T21:30:00'), night)).toBe(true);
    expect(inShift(local('2025-03-08T01:59:00'), night)).toBe(true); // Friday's shift, after midnight
    expect(inShift(local('2025-03-08T02:00:00'), night)).toBe(false);
    expect(inShift(local('2025-03-08T21:00:00'), night)).toBe(false); // Saturday evening: a weekend shift
    expect(inShift(local('2025-03-10T01:00:00'), night)).toBe(false); // Sunday's shift
    expect(inShift(local('2025-03-10T01:00:00'), { ...night, days: WEEKENDS })).toBe(true);
    expect(inShift(local('2025-03-10T19:59:59'), { ...night, days: ALL_DAYS })).toBe(false);
  });
  it('handles day shifts and whole-day shifts; the stored instant is UTC', () => {
    const day = { startHour: 8, endHour: 16, days: ALL_DAYS };
    expect(inShift(Date.parse('2025-03-07T00:30:00Z'), day)).toBe(true); // 08:30 local
    expect(inShift(Date.parse('2025-03-07T08:30:00Z'), day)).toBe(false); // 16:30 local
    expect(shiftHours({ startHour: 6, endHour: 6 })).toBe(24);
    expect(inShift(local('2025-03-07T05:00:00'), { startHour: 6, endHour: 6, days: [5] })).toBe(false); // Thursday's
    expect(inShift(local('2025-03-07T07:00:00'), { startHour: 6, endHour: 6, days: [5] })).toBe(true);
  });
});

describe('rankRiskCells', () => {
  const asOf = local('2025-03-31T12:00:00');
  const A: [number, number] = [123.08, 44.81], B: [number, number] = [122.5, 44.6];
  const inc = (p: [number, number], category: string, iso: string): RiskIncident => ({ lon: p[0], lat: p[1], category, reportedAtMs: local(iso) });
  const opts = { shift: { startHour: 20, endHour: 2, days: ALL_DAYS }, asOfMs: asOf, lookbackDays: 90, halfLifeDays: 30, resolution: 8, severity: { theft: 3, dispute: 1, livelihood: 0 } };

  it('weights by severity and halves per half-life; ignores other hours, old, future and zero-severity events', () => {
    const r = rankRiskCells(
      [
        inc(A, 'theft', '2025-03-31T11:00:00'), // daytime: out of shift
        inc(A, 'theft', '2025-03-30T23:00:00'), // age 13 h
        inc(A, 'dispute', '2025-03-01T21:00:00'), // age 29.625 days
        inc(B, 'theft', '2025-01-30T22:00:00'), // age 59 d 14 h
        inc(B, 'theft', '2024-12-01T22:00:00'), // older than 90 days
        inc(B, 'livelihood', '2025-03-30T22:00:00'), // severity 0
        inc(B, 'theft', '2025-04-01T22:00:00'), // after asOf
      ],
      opts,
    );
    const wA = 3 * 0.5 ** (13 / 24 / 30) + 1 * 0.5 ** (29.625 / 30);
    const wB = 3 * 0.5 ** ((59 + 14 / 24) / 30);
    expect(r.incidents).toBe(3);
    expect(r.cells.map((c) => c.cell)).toEqual([latLngToCell(A[1], A[0], 8), latLngToCell(B[1], B[0], 8)]);
    expect(r.cells[0].risk).toBeCloseTo(wA, 9);
    expect(r.cells[1].risk).toBeCloseTo(wB, 9);
    expect(r.totalRisk).toBeCloseTo(wA + wB, 9);
    expect(r.cells[0].count).toBe(2);
    expect(r.cells[0].byCategory).toEqual({ theft: 1, dispute: 1 });
    expect(r.cells[0].focusLon).toBeCloseTo(A[0], 9);
  });
});
