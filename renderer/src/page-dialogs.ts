/**
 * Small modal dialogs drawn in the page: asking for a name (Duplicate,
 * Rename, New partial) and asking what to do with unsaved template edits.
 * A <dialog> shown modally traps focus and closes on Escape; no <form>, so
 * nothing is ever submitted anywhere.
 */
import { el } from './dom.js';

let counter = 0;

function openDialog(label: string, ...content: HTMLElement[]): HTMLDialogElement {
  const titleId = `page-dialog-title-${++counter}`;
  const dialog = el('dialog', { class: 'page-dialog', 'aria-labelledby': titleId }, el('h2', { id: titleId, class: 'page-dialog-title' }, label), ...content);
  document.body.append(dialog);
  dialog.showModal();
  dialog.addEventListener('close', () => dialog.remove());
  return dialog;
}

export interface NameRequest {
  title: string;
  hint?: string;
  label?: string;
  initial?: string;
  confirm: string;
  /** Try the name; a message comes back when it cannot be used (the dialog stays open to fix it). */
  submit(name: string): Promise<string | undefined>;
}

/** Ask for a name; true once `submit` accepted one, false when the user cancelled. */
export function askForName(request: NameRequest): Promise<boolean> {
  const inputId = `page-dialog-input-${counter + 1}`;
  const input = el('input', { id: inputId, type: 'text', autocomplete: 'off', spellcheck: 'false', maxlength: 80 });
  input.value = request.initial ?? '';
  const error = el('p', { class: 'page-dialog-error', role: 'alert' });
  error.hidden = true;
  const cancel = el('button', { type: 'button', class: 'button' }, 'Cancel');
  const confirm = el('button', { type: 'button', class: 'button primary' }, request.confirm);
  const dialog = openDialog(
    request.title,
    request.hint ? el('p', { class: 'page-dialog-hint' }, request.hint) : el('span'),
    el('div', { class: 'field' }, el('label', { for: inputId }, request.label ?? 'Name'), input),
    error,
    el('div', { class: 'page-dialog-buttons' }, cancel, confirm),
  );
  input.select();

  return new Promise((resolve) => {
    let done = false;
    const finish = (accepted: boolean) => {
      if (done) return;
      done = true;
      if (dialog.open) dialog.close();
      resolve(accepted);
    };
    const submit = async () => {
      confirm.disabled = true;
      try {
        const problem = await request.submit(input.value);
        if (problem === undefined) return finish(true);
        error.textContent = problem;
        error.hidden = false;
        input.setAttribute('aria-invalid', 'true');
        input.focus();
      } finally {
        confirm.disabled = false;
      }
    };
    confirm.addEventListener('click', () => void submit());
    input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        void submit();
      }
    });
    input.addEventListener('input', () => {
      error.hidden = true;
      input.removeAttribute('aria-invalid');
    });
    cancel.addEventListener('click', () => finish(false));
    dialog.addEventListener('close', () => finish(false));
  });
}

export interface Choice<T extends string> {
  value: T;
  label: string;
  primary?: boolean;
}

/** Ask the user to choose; Escape gives `cancelValue`. */
export function askChoice<T extends string>(title: string, message: string, choices: Choice<T>[], cancelValue: T): Promise<T> {
  const buttons = choices.map((choice) => el('button', { type: 'button', class: choice.primary ? 'button primary' : 'button', 'data-value': choice.value }, choice.label));
  const dialog = openDialog(title, el('p', { class: 'page-dialog-hint' }, message), el('div', { class: 'page-dialog-buttons' }, ...buttons));
  buttons.find((b) => b.classList.contains('primary'))?.focus();
  return new Promise((resolve) => {
    let chosen: T = cancelValue;
    for (const [index, button] of buttons.entries()) {
      button.addEventListener('click', () => {
        chosen = choices[index]!.value;
        dialog.close();
      });
    }
    dialog.addEventListener('close', () => resolve(chosen));
  });
}
