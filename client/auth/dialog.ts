// A plain modal dialog for the user menu's pages: a title, a body, action buttons and a close button.
import { h } from '../views/dom';

export function dialog(title: string, body: (Node | string)[], actions: HTMLElement[], narrow = false): { root: HTMLElement; close: () => void } {
  const closeButton = h('button', { type: 'button', class: 'auth-close' }, '×');
  const box = h('div', { class: `auth-dialog${narrow ? ' narrow' : ''}`, role: 'dialog', 'aria-label': title }, h('h2', {}, title), ...body, h('div', { class: 'auth-actions' }, ...actions, closeButton));
  const root = h('div', { class: 'auth-backdrop' }, box);
  const close = () => root.remove();
  closeButton.addEventListener('click', close);
  root.addEventListener('click', (e) => e.target === root && close());
  document.body.append(root);
  return { root, close };
}
