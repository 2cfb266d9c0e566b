// The login page: shown instead of the dashboard when nobody is signed in. Chinese by default, English by
// the toggle (?lang=en too). On success the page reloads and boots the dashboard with the session.
import './auth.css';
import type { Lang } from '../i18n';
import { h } from '../views/dom';
import { authStrings } from './auth-i18n';
import { errorText, postJson } from './session';

export function showLogin(initial: Lang, onLang: (lang: Lang) => void): void {
  document.body.classList.add('signed-out');
  let lang = initial;
  const root = h('div', { id: 'login', class: 'login-page' });
  document.body.append(root);
  const render = (message = '') => {
    const s = authStrings(lang);
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    const username = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, maxlength: 64 });
    const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 200 });
    const submit = h('button', { id: 'login-submit', type: 'submit' }, s.signIn);
    const error = h('p', { id: 'login-error', class: 'login-error', role: 'alert' }, message);
    const toggle = h('button', { id: 'login-lang', type: 'button', class: 'login-lang' }, s.lang);
    toggle.addEventListener('click', () => {
      lang = lang === 'zh' ? 'en' : 'zh';
      onLang(lang);
      render(error.textContent ?? '');
    });
    const form = h('form', { class: 'login-card' },
      toggle,
      h('h1', {}, s.title),
      h('h2', {}, s.subtitle),
      h('label', {}, s.username, username),
      h('label', {}, s.passwordLabel, password),
      error,
      submit,
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      submit.disabled = true;
      submit.textContent = s.signingIn;
      const a = await postJson('/api/auth/login', { username: username.value.trim(), password: password.value }).catch(() => null);
      if (a?.ok) return window.location.assign(pageAfterSignIn((a.body as { user?: { role?: string } }).user?.role));
      submit.disabled = false;
      submit.textContent = s.signIn;
      error.textContent = a ? errorText(a, lang) : '—';
      password.value = '';
      password.focus();
    });
    root.replaceChildren(form);
    username.focus();
  };
  render();
}

/** Where a signed-in user goes: the page that sent them here (`?next=`, a path of this site only, never another
 * origin), else a grid member's phone page (they only report and handle), else the dashboard. */
export function pageAfterSignIn(role: string | undefined, search = window.location.search): string {
  const next = new URLSearchParams(search).get('next');
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\')) return next;
  if (role === 'grid_member') return '/phone.html';
  return window.location.pathname + window.location.search;
}
