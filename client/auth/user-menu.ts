// The header's user menu: who is signed in (name, role, jurisdiction), change password, sign out, and for
// the administrator the user list and the audit log.
import type { Lang } from '../i18n';
import { h } from '../views/dom';
import { openAuditLog, openUserAdmin } from './admin-dialogs';
import { authStrings } from './auth-i18n';
import { dialog } from './dialog';
import { errorText, may, postJson, type Me } from './session';

export function mountUserMenu(me: Me, lang: () => Lang): { render(): void } {
  const button = h('button', { id: 'user-menu-button', type: 'button', 'aria-haspopup': 'menu' });
  const list = h('div', { class: 'user-menu-list', role: 'menu', hidden: true });
  const root = h('div', { id: 'user-menu' }, button, list);
  document.getElementById('lang')!.before(root);
  button.addEventListener('click', () => (list.hidden = !list.hidden));
  document.addEventListener('click', (e) => !root.contains(e.target as Node) && (list.hidden = true));
  const item = (id: string, text: string, run: () => void) => {
    const b = h('button', { id, type: 'button', role: 'menuitem' }, text);
    b.addEventListener('click', () => { list.hidden = true; run(); });
    return b;
  };
  const render = () => {
    const s = authStrings(lang());
    button.textContent = me.user.displayName;
    button.title = `${me.user.username} · ${me.roleName[lang()]} · ${me.scopeName}`;
    list.replaceChildren(
      h('div', { class: 'user-menu-who' }, `${me.user.username} · ${me.roleName[lang()]}`, h('br'), `${s.scope}: ${me.scopeName}`),
      item('menu-password', s.changePasswordLabel, () => changePassword(me, lang())),
      ...(may(me, 'users.manage') ? [item('menu-users', s.users, () => openUserAdmin(lang()))] : []),
      ...(may(me, 'audit.read') ? [item('menu-audit', s.audit, () => openAuditLog(lang()))] : []),
      item('menu-logout', s.signOut, async () => {
        await postJson('/api/auth/logout', {});
        window.location.reload();
      }),
    );
  };
  render();
  return { render };
}

function changePassword(me: Me, lang: Lang): void {
  const s = authStrings(lang);
  const current = h('input', { id: 'password-current', type: 'password', autocomplete: 'current-password' });
  const next = h('input', { id: 'password-next', type: 'password', autocomplete: 'new-password' });
  const repeat = h('input', { id: 'password-repeat', type: 'password', autocomplete: 'new-password' });
  const message = h('p', { class: 'auth-message', role: 'status' });
  const save = h('button', { id: 'password-save', type: 'button' }, s.save);
  const d = dialog(s.changePasswordLabel, [h('label', {}, s.current, current), h('label', {}, s.next, next), h('label', {}, s.repeat, repeat), message], [save], true);
  save.addEventListener('click', async () => {
    if (next.value !== repeat.value) return void (message.textContent = s.mismatch);
    const a = await postJson('/api/auth/password', { current: current.value, next: next.value });
    message.classList.toggle('ok', a.ok);
    message.textContent = a.ok ? s.changed : errorText(a, lang);
    if (a.ok) setTimeout(d.close, 800);
  });
  void me;
}
