// The administrator's pages: the user list (create, disable / enable, reset password) and the audit log
// (newest first, CSV export). Every cell is text, so names and details from users never become markup.
import { ROLE_NAMES, ROLES, type Role } from '../../shared/domain/roles';
import type { Lang } from '../i18n';
import type { AuditAnswer, UsersAnswer } from '../../server/auth/admin.routes';
import { h } from '../views/dom';
import { authStrings } from './auth-i18n';
import { dialog } from './dialog';
import { errorText, postJson } from './session';

type ListedUser = UsersAnswer['users'][number];
type AuditRow = AuditAnswer['rows'][number];

const getJson = async <T>(path: string): Promise<T> => {
  const res = await fetch(path, { headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${path}: ${res.status}`);
  return (await res.json()) as T;
};

const localTime = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600000).toISOString().slice(0, 19).replace('T', ' ');

export function openUserAdmin(lang: Lang): void {
  const s = authStrings(lang);
  const table = h('table', { id: 'user-table' });
  const message = h('p', { class: 'auth-message', role: 'status' });
  const username = h('input', { id: 'new-username', maxlength: 32 });
  const displayName = h('input', { id: 'new-display-name', maxlength: 50 });
  const role = h('select', { id: 'new-role' }, ...ROLES.map((r) => h('option', { value: r }, ROLE_NAMES[r][lang])));
  const scope = h('input', { id: 'new-scope', maxlength: 15, placeholder: '220822' });
  const password = h('input', { id: 'new-password', type: 'password', autocomplete: 'new-password' });
  const create = h('button', { id: 'user-create', type: 'button' }, s.create);
  const say = (text: string, ok = false) => { message.textContent = text; message.classList.toggle('ok', ok); };
  const act = async (path: string, body: unknown) => {
    const a = await postJson(path, body);
    say(a.ok ? '✓' : errorText(a, lang), a.ok);
    if (a.ok) await load();
  };
  const load = async () => {
    const { users } = await getJson<{ users: ListedUser[] }>('/api/admin/users');
    table.replaceChildren(
      h('thead', {}, h('tr', {}, ...[s.username, s.displayName, s.role, s.scopeCode, s.status, ''].map((x) => h('th', {}, x)))),
      h('tbody', {}, ...users.map((u) => {
        const toggle = h('button', { type: 'button' }, u.disabled ? s.enable : s.disable);
        toggle.addEventListener('click', () => act(`/api/admin/users/${u.id}/${u.disabled ? 'enable' : 'disable'}`, {}));
        const reset = h('button', { type: 'button' }, s.reset);
        reset.addEventListener('click', () => {
          const p = window.prompt(`${s.newPasswordLabel} (${u.username})`);
          if (p) void act(`/api/admin/users/${u.id}/reset`, { password: p });
        });
        return h('tr', { 'data-user': u.username }, h('td', {}, u.username), h('td', {}, u.displayName), h('td', {}, ROLE_NAMES[u.role]?.[lang] ?? u.role), h('td', {}, u.scopeCode), h('td', {}, u.disabled ? s.disabled : s.active), h('td', {}, toggle, ' ', reset));
      })),
    );
  };
  create.addEventListener('click', () => act('/api/admin/users', { username: username.value.trim(), displayName: displayName.value.trim(), role: role.value, scopeCode: scope.value.trim(), password: password.value }));
  dialog(s.users, [
    table,
    h('div', { class: 'auth-inline' }, h('label', {}, s.username, username), h('label', {}, s.displayName, displayName), h('label', {}, s.role, role), h('label', {}, s.scopeCode, scope), h('label', {}, s.passwordLabel, password), create),
    message,
  ], []);
  load().catch((e: unknown) => say(String(e)));
}

export function openAuditLog(lang: Lang): void {
  const s = authStrings(lang);
  const table = h('table', { id: 'audit-table' });
  const csv = h('a', { id: 'audit-csv', href: '/api/admin/audit.csv?limit=10000', download: 'audit-log.csv' }, s.exportCsv);
  dialog(s.audit, [table], [csv]);
  getJson<{ rows: AuditRow[] }>('/api/admin/audit?limit=500')
    .then(({ rows }) => {
      table.replaceChildren(
        h('thead', {}, h('tr', {}, ...[s.time, s.user, s.role, s.address, s.action, s.result, s.detail].map((x) => h('th', {}, x)))),
        h('tbody', {}, ...(rows.length ? rows.map((r) => h('tr', { 'data-action': r.action }, h('td', {}, localTime(r.at)), h('td', {}, r.username ?? ''), h('td', {}, r.role ? ROLE_NAMES[r.role as Role]?.[lang] ?? r.role : ''), h('td', {}, r.address ?? ''), h('td', {}, r.action), h('td', {}, r.ok ? s.ok : s.failed), h('td', {}, r.detail ?? ''))) : [h('tr', {}, h('td', { colspan: 7 }, s.noRows))])),
      );
    })
    .catch((e: unknown) => table.replaceChildren(h('caption', {}, String(e))));
}
