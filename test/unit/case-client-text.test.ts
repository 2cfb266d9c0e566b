// What the case desk, the notification list and the phone say, as pure functions: a dropped network in words
// (not the browser's "Failed to fetch"), addresses without the province-city-county chain, an escalation that
// says where the case went, the same escalation told once, and names in the page's language.
import { describe, expect, it } from 'vitest';
import { failureMessage, isNetworkFailure } from '../../client/cases/request-failure.js';
import { localAddress } from '../../client/cases/place-text.js';
import { notificationHeadline, sameNews, type CaseEventData } from '../../client/cases/notifications.js';
import { caseNames } from '../../client/cases/case-desk.js';
import { CASE_LEVELS } from '../../shared/domain/case-workflow.js';
import { CATEGORY_INFO } from '../../shared/domain/categories.js';

describe('failureMessage', () => {
  it('tells every browser’s network rejection as the network, in the page language', () => {
    // Chromium, Firefox and Safari word it differently; all are TypeErrors
    for (const m of ['Failed to fetch', 'NetworkError when attempting to fetch resource.', 'Load failed']) {
      const e = new TypeError(m);
      expect(isNetworkFailure(e)).toBe(true);
      expect(failureMessage(e)).toBe('网络不可用，请检查网络后重试');
      expect(failureMessage(e, 'en')).toMatch(/^No network/);
      expect(failureMessage(e)).not.toMatch(/fetch|failed/i);
    }
  });
  it('keeps the server’s own reason', () => {
    expect(isNetworkFailure(new Error('没有该事件'))).toBe(false);
    expect(failureMessage(new Error('该事件已办结'))).toBe('该事件已办结');
  });
});

describe('localAddress', () => {
  it('drops the chain in front of the jurisdiction', () => {
    expect(localAddress('吉林省白城市通榆县开通镇永青村上曾屯', '通榆县')).toBe('开通镇永青村上曾屯');
    expect(localAddress('开通镇永青村', '通榆县')).toBe('开通镇永青村');
    expect(localAddress('通榆县', '通榆县')).toBe('通榆县');
    expect(localAddress(null, '通榆县')).toBe('');
    expect(localAddress('吉林省白城市通榆县开通镇', null)).toBe('吉林省白城市通榆县开通镇');
  });
});

const event = (o: Partial<CaseEventData> & { level?: string; id?: number } = {}): CaseEventData => ({
  kind: o.kind ?? 'escalated', count: o.count,
  case: { id: o.id ?? 7, category: 'dispute', title: '草场边界纠纷', address: null, status: 'reported', level: o.level ?? 'county', reportedAt: '2026-10-23T00:00:00Z' },
});

describe('notifications', () => {
  it('an escalation names the tier the case went to, never only 上报 (which reads as "reported")', () => {
    expect(notificationHeadline(event({ level: 'township' }), 'zh')).toBe('上报至乡镇级');
    expect(notificationHeadline(event({ level: 'county' }), 'zh')).toBe('上报至县级');
    expect(notificationHeadline(event({ level: 'county' }), 'en')).toBe('Escalated to county');
    expect(notificationHeadline(event({ kind: 'new' }), 'zh')).toBe('新事件');
    expect(notificationHeadline(event({ kind: 'overdue', count: 40 }), 'zh')).toBe('事件超期（共 40 件）');
  });
  it('the two escalations of one run (village → township → county, both read as county) are the same news', () => {
    expect(sameNews(event(), event())).toBe(true);
    expect(sameNews(event({ level: 'township' }), event({ level: 'county' }))).toBe(false);
    expect(sameNews(event({ id: 7 }), event({ id: 8 }))).toBe(false);
    expect(sameNews(event({ kind: 'new' }), event())).toBe(false);
  });
});

describe('caseNames', () => {
  it('gives English category and tier names in English for every category and tier', () => {
    for (const [id, info] of Object.entries(CATEGORY_INFO))
      for (const level of CASE_LEVELS) {
        const en = caseNames({ category: id, categoryZh: info.zh, level, levelZh: '县级' }, 'en');
        expect(en.category).toBe(info.en);
        expect(en.level).not.toMatch(/[\u4e00-\u9fff]/);
        expect(caseNames({ category: id, categoryZh: info.zh, level, levelZh: '县级' }, 'zh')).toEqual({ category: info.zh, level: '县级' });
      }
  });
});
