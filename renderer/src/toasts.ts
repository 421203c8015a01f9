/** Short messages in the corner, some with actions (an exported PDF: Open / Show in folder). */
import { byId, el } from './dom.js';

export interface ToastAction {
  label: string;
  run(): void;
}

export interface ToastOptions {
  kind?: 'info' | 'success' | 'error';
  detail?: string;
  actions?: ToastAction[];
  /** Milliseconds before it goes by itself; 0 keeps it until dismissed. */
  timeoutMs?: number;
}

export function toast(message: string, options: ToastOptions = {}): HTMLElement {
  const kind = options.kind ?? 'info';
  const close = el('button', { type: 'button', class: 'icon-button toast-close', 'aria-label': 'Dismiss' }, '×');
  const actions = (options.actions ?? []).map((action) => {
    const button = el('button', { type: 'button', class: 'toast-action' }, action.label);
    button.addEventListener('click', () => action.run());
    return button;
  });
  const node = el(
    'div',
    { class: `toast ${kind}`, role: kind === 'error' ? 'alert' : 'status' },
    // An error says so in words, not by its colour alone.
    el('div', { class: 'toast-text' }, el('strong', {}, kind === 'error' ? el('span', { class: 'toast-kind' }, '⚠ Error: ') : null, message), options.detail ? el('span', { class: 'toast-detail' }, options.detail) : null),
    actions.length ? el('div', { class: 'toast-actions' }, ...actions) : null,
    close,
  );
  const dismiss = () => node.remove();
  close.addEventListener('click', dismiss);
  byId('toasts').append(node);
  const timeout = options.timeoutMs ?? (kind === 'error' ? 0 : 6000);
  if (timeout > 0) window.setTimeout(dismiss, timeout);
  return node;
}
