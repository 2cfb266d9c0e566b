// Incident categories: the vocabulary of the seed documents (DOMAIN.md "Incidents and events").
import { CASE_STATUSES, CASE_STATUS_NAMES, type CaseStatus } from './case-workflow.js';

// One list shared by the generator, the API's validation and the client's labels and colours.
export const INCIDENT_CATEGORIES = [
  'theft',
  'criminal',
  'public_order',
  'fraud',
  'dispute',
  'petition',
  'hazard',
  'livelihood',
  'traffic',
  'fire',
  'emergency',
] as const;
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

export interface CategoryInfo {
  zh: string;
  en: string;
  /** RGB used on every chart and map layer for this category. */
  color: [number, number, number];
  /** Days allowed from report to closure before a case counts as overdue (办理时限). */
  slaDays: number;
  /** Weight in risk scores (patrol planning): violent or property crime weighs most. */
  severity: number;
  /** The parent group (CATEGORY_GROUPS) the category is reported under. */
  group: CategoryGroup;
}

/** Parent groups of the categories, as county 综治 reports group them (刑事 / 治安 / 矛盾纠纷 / 信访 …). */
export const CATEGORY_GROUPS = {
  criminal: { zh: '刑事', en: 'Criminal' },
  public_order: { zh: '治安', en: 'Public order' },
  dispute: { zh: '矛盾纠纷', en: 'Disputes' },
  petition: { zh: '信访', en: 'Petitions' },
  safety: { zh: '公共安全', en: 'Public safety' },
  service: { zh: '民生服务', en: 'Public service' },
} as const;
export type CategoryGroup = keyof typeof CATEGORY_GROUPS;

export const CATEGORY_INFO: Record<IncidentCategory, CategoryInfo> = {
  theft: { zh: '盗窃', en: 'Theft', color: [214, 39, 40], slaDays: 30, severity: 3, group: 'criminal' },
  criminal: { zh: '其他刑事案件', en: 'Other criminal', color: [148, 20, 60], slaDays: 60, severity: 5, group: 'criminal' },
  public_order: { zh: '治安案件', en: 'Public order', color: [255, 127, 14], slaDays: 15, severity: 2, group: 'public_order' },
  fraud: { zh: '电信诈骗', en: 'Telecom fraud', color: [148, 103, 189], slaDays: 60, severity: 3, group: 'criminal' },
  dispute: { zh: '矛盾纠纷', en: 'Dispute', color: [31, 119, 180], slaDays: 15, severity: 1, group: 'dispute' },
  petition: { zh: '信访', en: 'Petition', color: [23, 190, 207], slaDays: 60, severity: 1, group: 'petition' },
  hazard: { zh: '安全隐患', en: 'Hazard', color: [188, 189, 34], slaDays: 10, severity: 1, group: 'safety' },
  livelihood: { zh: '民生诉求', en: 'Livelihood request', color: [44, 160, 44], slaDays: 7, severity: 0.5, group: 'service' },
  traffic: { zh: '交通事故', en: 'Traffic accident', color: [140, 86, 75], slaDays: 10, severity: 2, group: 'safety' },
  fire: { zh: '火灾', en: 'Fire', color: [227, 119, 194], slaDays: 10, severity: 3, group: 'safety' },
  emergency: { zh: '突发事件', en: 'Emergency', color: [127, 127, 127], slaDays: 3, severity: 4, group: 'safety' },
};

/** Workflow statuses: the case lifecycle (domain/case-workflow.ts); the status column is kept by server/cases from
 * each case's history. */
export const INCIDENT_STATUSES = CASE_STATUSES;
export type IncidentStatus = CaseStatus;
export const STATUS_ZH: Record<IncidentStatus, string> = Object.fromEntries(CASE_STATUSES.map((s) => [s, CASE_STATUS_NAMES[s].zh])) as Record<IncidentStatus, string>;
