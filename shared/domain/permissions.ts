// What each role may do (the access issue's table), as permissions that routes name in their access rule.
// One table for the server (route rules, the scope helper's sensitive-data flags) and the client (which tabs
// and buttons a user sees, from GET /api/auth/me).
import type { Role } from './roles.js';

export const PERMISSIONS = [
  'incidents.read', // incident aggregates of the scope: heat, counts, KPIs, frames, statistics, the event stream
  'hotspots.read', // hotspot analysis (Gi*, emerging, change)
  'cameras.read', // camera points of the scope
  'coverage.read', // coverage ledger and its CSV, saved scenarios
  'coverage.plan', // what-if, siting plans, plan export, saving scenarios
  'patrol.read', // border zones, corridors, shift risk, route plans and their GPX/GeoJSON export, isochrones
  'incidents.export', // incident rows as CSV/GeoJSON
  'reports.submit', // live reports
  'data.import', // imports of incidents, sites, cameras, polygons, roads
  'users.manage', // user accounts
  'audit.read', // the audit log
  // sensitive rows (aggregates may include them; rows only with these):
  'petitions.text', // title and address of petition (信访) incidents
  'cameras.face', // positions of face-recognition cameras
  'reporter.contact', // a reporter's name and phone
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const LEADER: Permission[] = ['incidents.read', 'hotspots.read', 'cameras.read', 'coverage.read', 'coverage.plan', 'patrol.read', 'incidents.export', 'petitions.text', 'reporter.contact'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  county_leader: LEADER,
  township_leader: LEADER,
  planner: ['incidents.read', 'cameras.read', 'coverage.read', 'coverage.plan', 'cameras.face'],
  dispatcher: ['incidents.read', 'cameras.read', 'patrol.read', 'reports.submit', 'reporter.contact'],
  grid_member: ['incidents.read', 'reports.submit'],
  admin: PERMISSIONS,
};

export const can = (role: Role, p: Permission): boolean => ROLE_PERMISSIONS[role].includes(p);
