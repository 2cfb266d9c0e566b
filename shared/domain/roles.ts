// The roles of a county command centre (the access issue's table) and the signed-in user the session gives
// every request. One vocabulary for the access layer, the case workflow and the client.
export const ROLES = ['county_leader', 'township_leader', 'planner', 'dispatcher', 'grid_member', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_NAMES: Record<Role, { zh: string; en: string }> = {
  county_leader: { zh: '县领导/综治办', en: 'County leader' },
  township_leader: { zh: '乡镇领导', en: 'Township leader' },
  planner: { zh: '雪亮工程/技术', en: 'Planner' },
  dispatcher: { zh: '指挥中心/巡特警', en: 'Dispatcher' },
  grid_member: { zh: '网格员', en: 'Grid member' },
  admin: { zh: '系统管理员', en: 'Administrator' },
};

/** The user a request runs as: set by the session middleware, read through the access layer. */
export interface SessionUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Division-code prefix of what this user may see: the county (6 digits), a township (9), a grid (15). */
  scopeCode: string;
}
