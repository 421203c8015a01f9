/**
 * The section library: every section (built-in and the user's), filtered by
 * text and tag, with a checkbox to include it and its summary on hover or
 * keyboard focus. Broken user files are listed with their location.
 */
import type { BriefErrorData } from '../../main/shared/engine-data.js';
import type { SectionListing, SectionSummary } from '../../main/shared/ipc-contract.js';
import { byId, el } from './dom.js';
import { describeLocation } from './problems-view.js';
import type { BriefStore } from './store.js';

export class LibraryView {
  private sections: SectionSummary[] = [];
  private readonly list = byId<HTMLUListElement>('library-list');
  private readonly filter = byId<HTMLInputElement>('library-filter');
  private readonly tag = byId<HTMLSelectElement>('library-tag');
  private readonly detail = byId('section-detail');
  /** Open a section in the section editor (built-ins read-only). */
  onEdit: (id: string) => void = () => undefined;

  constructor(private readonly store: BriefStore) {
    this.filter.addEventListener('input', () => this.renderList());
    this.tag.addEventListener('change', () => this.renderList());
    store.subscribe(() => this.syncChecks());
  }

  /** Titles by id, for the chosen list. */
  titleOf(id: string): string {
    return this.sections.find((s) => s.id === id)?.title ?? id;
  }

  has(id: string): boolean {
    return this.sections.some((s) => s.id === id);
  }

  show(listing: SectionListing): void {
    this.sections = listing.sections;
    this.renderTags();
    this.renderList();
    this.renderProblems(listing.problems, listing.unreadable ?? []);
  }

  private renderTags(): void {
    const tags = [...new Set(this.sections.flatMap((s) => s.tags))].sort((a, b) => a.localeCompare(b));
    const selected = this.tag.value;
    this.tag.replaceChildren(el('option', { value: '' }, 'All tags'), ...tags.map((t) => el('option', { value: t }, t)));
    this.tag.value = tags.includes(selected) ? selected : '';
  }

  private matches(section: SectionSummary): boolean {
    const query = this.filter.value.trim().toLowerCase();
    const tag = this.tag.value;
    if (tag && !section.tags.includes(tag)) return false;
    if (!query) return true;
    return [section.title, section.summary, section.id, ...section.tags].some((text) => text.toLowerCase().includes(query));
  }

  private renderList(): void {
    const chosen = new Set(this.store.draft.sections);
    const visible = this.sections.filter((s) => this.matches(s));
    this.list.replaceChildren(...visible.map((section) => this.item(section, chosen.has(section.id))));
    byId('library-empty').hidden = visible.length > 0 || this.sections.length === 0;
    byId('library-count').textContent = visible.length === this.sections.length ? `${this.sections.length}` : `${visible.length} of ${this.sections.length}`;
  }

  private item(section: SectionSummary, checked: boolean): HTMLLIElement {
    const checkboxId = `include-${section.id}`;
    const checkbox = el('input', { type: 'checkbox', id: checkboxId, 'data-section-id': section.id, 'aria-describedby': `summary-${section.id}` });
    checkbox.checked = checked;
    checkbox.addEventListener('change', () => this.store.toggleSection(section.id, checkbox.checked));
    const li = el(
      'li',
      { class: checked ? 'library-item is-chosen' : 'library-item', 'data-section-id': section.id, title: section.summary },
      checkbox,
      el(
        'label',
        { for: checkboxId },
        el('span', { class: 'item-title' }, section.title),
        el(
          'span',
          { class: 'item-meta' },
          ...section.tags.map((tag) => el('span', { class: 'tag' }, tag)),
          section.builtIn ? null : el('span', { class: 'badge', title: `From your sections folder: ${section.fileName}` }, 'Yours'),
        ),
      ),
      el('span', { id: `summary-${section.id}`, class: 'visually-hidden' }, section.summary),
      this.editButton(section),
    );
    const showDetail = () => this.showDetail(section);
    li.addEventListener('mouseenter', showDetail);
    checkbox.addEventListener('focus', showDetail);
    return li;
  }

  private editButton(section: SectionSummary): HTMLButtonElement {
    const verb = section.builtIn ? 'Open' : 'Edit';
    const button = el('button', { type: 'button', class: 'button small subtle item-edit', 'data-edit-section': section.id, 'aria-label': `${verb} “${section.title}”`, title: section.builtIn ? 'Open (built-in, read-only)' : 'Edit' }, verb);
    button.addEventListener('click', () => this.onEdit(section.id));
    return button;
  }

  private showDetail(section: SectionSummary): void {
    this.detail.replaceChildren(
      el('h3', {}, section.title),
      el('p', {}, section.summary),
      el('p', { class: 'detail-meta' }, `${section.id} · ${section.builtIn ? 'built-in' : `yours (${section.fileName})`}`),
    );
  }

  private syncChecks(): void {
    const chosen = new Set(this.store.draft.sections);
    for (const box of this.list.querySelectorAll<HTMLInputElement>('input[type=checkbox]')) {
      box.checked = chosen.has(box.dataset.sectionId ?? '');
      box.closest('li')?.classList.toggle('is-chosen', box.checked);
    }
  }

  private renderProblems(problems: BriefErrorData[], editable: { id: string; error: BriefErrorData }[]): void {
    // The user's own broken files open in the section editor, to be fixed there.
    const fix = (problem: BriefErrorData) => {
      const id = editable.find((e) => e.error.location?.file === problem.location?.file)?.id;
      if (!id) return null;
      const button = el('button', { type: 'button', class: 'button small', 'data-edit-broken': id, 'aria-label': `Fix ${id}.md in the section editor` }, 'Fix…');
      button.addEventListener('click', () => this.onEdit(id));
      return button;
    };
    const box = byId('library-problems');
    box.hidden = problems.length === 0;
    box.replaceChildren(
      el('h3', {}, problems.length === 1 ? 'A section file could not be read' : `${problems.length} section files could not be read`),
      el('p', {}, 'Briefs that use a section listed here cannot be built until its file is fixed; every other brief builds as usual.'),
      el('ul', {}, ...problems.map((p) => el('li', {}, el('span', { class: 'location', title: p.location?.file ?? '' }, describeLocation(p.location)), ' ', p.message, ' ', fix(p)))),
    );
  }
}
