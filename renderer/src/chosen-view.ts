/**
 * The chosen sections, in brief order. Reorder by dragging, or from the
 * keyboard: ↑/↓ move focus, Alt+↑/↓ move the focused section, Delete removes
 * it. Every move is announced for screen readers.
 */
import { announce, byId, el } from './dom.js';
import { moveBefore, moveItem } from './reorder.js';
import type { BriefStore } from './store.js';

export class ChosenView {
  private readonly list = byId<HTMLOListElement>('chosen-list');
  private dragging: string | undefined;
  /** What the list shows now; typing in the form must not rebuild it (and move focus) for nothing. */
  private shown = '';

  constructor(
    private readonly store: BriefStore,
    private readonly titleOf: (id: string) => string,
  ) {
    store.subscribe(() => {
      if (this.key() !== this.shown) this.render();
    });
    this.list.addEventListener('keydown', (event) => this.onKey(event));
  }

  private key(): string {
    return this.store.draft.sections.map((id) => `${id}\u0000${this.titleOf(id)}`).join('\n');
  }

  render(focusId?: string): void {
    const ids = this.store.draft.sections;
    this.shown = this.key();
    const active = focusId ?? (document.activeElement instanceof HTMLElement && this.list.contains(document.activeElement) ? document.activeElement.closest('li')?.dataset.sectionId : undefined);
    this.list.replaceChildren(...ids.map((id, index) => this.item(id, index, ids.length)));
    byId('chosen-empty').hidden = ids.length > 0;
    byId('chosen-count').textContent = ids.length ? String(ids.length) : '';
    if (active) this.list.querySelector<HTMLElement>(`li[data-section-id="${CSS.escape(active)}"]`)?.focus();
  }

  private item(id: string, index: number, count: number): HTMLLIElement {
    const title = this.titleOf(id);
    const remove = el('button', { type: 'button', class: 'icon-button remove', 'aria-label': `Remove ${title}`, title: 'Remove from brief', tabindex: -1 }, cross());
    remove.addEventListener('click', () => this.remove(id));
    const li = el(
      'li',
      {
        class: 'chosen-item',
        draggable: 'true',
        tabindex: 0,
        'data-section-id': id,
        'aria-label': `${title}, ${index + 1} of ${count}`,
      },
      el('span', { class: 'grip', 'aria-hidden': 'true' }, grip()),
      el('span', { class: 'position', 'aria-hidden': 'true' }, String(index + 1)),
      // Cut with an ellipsis in a narrow pane: the whole name is its tooltip.
      el('span', { class: 'chosen-title', title }, title),
      remove,
    );
    li.addEventListener('dragstart', (event) => {
      this.dragging = id;
      event.dataTransfer?.setData('text/plain', id);
      if (event.dataTransfer) event.dataTransfer.effectAllowed = 'move';
      li.classList.add('is-dragging');
    });
    li.addEventListener('dragend', () => {
      this.dragging = undefined;
      this.clearDropMarks();
    });
    li.addEventListener('dragover', (event) => {
      if (!this.dragging) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
      const after = this.isLowerHalf(li, event);
      this.clearDropMarks();
      li.classList.add(after ? 'drop-after' : 'drop-before');
    });
    li.addEventListener('drop', (event) => {
      event.preventDefault();
      const moving = this.dragging ?? event.dataTransfer?.getData('text/plain');
      if (!moving) return;
      const ids = this.store.draft.sections;
      const beforeId = this.isLowerHalf(li, event) ? ids[ids.indexOf(id) + 1] : id;
      this.commit(moveBefore(ids, moving, beforeId === moving ? ids[ids.indexOf(moving) + 1] : beforeId), moving);
    });
    return li;
  }

  private onKey(event: KeyboardEvent): void {
    const li = (event.target as HTMLElement).closest('li');
    const id = li?.dataset.sectionId;
    if (!li || !id) return;
    const ids = this.store.draft.sections;
    const index = ids.indexOf(id);
    const step = event.key === 'ArrowUp' ? -1 : event.key === 'ArrowDown' ? 1 : 0;
    if (step && event.altKey) {
      event.preventDefault();
      if (index + step < 0 || index + step >= ids.length) return;
      this.commit(moveItem(ids, index, index + step), id);
    } else if (step) {
      event.preventDefault();
      (step < 0 ? (li.previousElementSibling as HTMLElement | null) : (li.nextElementSibling as HTMLElement | null))?.focus();
    } else if (event.key === 'Delete' || event.key === 'Backspace') {
      event.preventDefault();
      const next = ids[index + 1] ?? ids[index - 1];
      this.remove(id, next);
    }
  }

  private commit(order: string[], movedId: string): void {
    const before = this.store.draft.sections;
    if (order.join('\n') === before.join('\n')) return;
    this.store.edit({ sections: order });
    this.render(movedId);
    announce(`${this.titleOf(movedId)} moved to position ${order.indexOf(movedId) + 1} of ${order.length}.`);
  }

  private remove(id: string, focusNext?: string): void {
    this.store.toggleSection(id, false);
    this.render(focusNext);
    announce(`${this.titleOf(id)} removed from the brief.`);
  }

  private isLowerHalf(li: HTMLElement, event: DragEvent): boolean {
    const box = li.getBoundingClientRect();
    return event.clientY > box.top + box.height / 2;
  }

  private clearDropMarks(): void {
    for (const item of this.list.querySelectorAll('.drop-before, .drop-after, .is-dragging')) item.classList.remove('drop-before', 'drop-after', 'is-dragging');
  }
}

function icon(paths: string[]): SVGSVGElement {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  for (const d of paths) {
    const path = document.createElementNS('http://www.w3.org/2000/svg', 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

const cross = () => icon(['M7 7l10 10M17 7L7 17']);
const grip = () => icon(['M9 6h.01M15 6h.01M9 12h.01M15 12h.01M9 18h.01M15 18h.01']);
