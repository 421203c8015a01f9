/**
 * The start screen: while no brief is open (a new, untouched brief with no
 * sections), the empty preview lists the recent briefs, each opened with a
 * click, and says that a .brief.yaml can be dropped on the window.
 */
import type { BriefStudioApi, RecentBrief } from '../../main/shared/ipc-contract.js';
import { byId, el } from './dom.js';
import type { BriefStore } from './store.js';

export class StartScreen {
  private readonly box = byId('start-screen');
  private readonly hint = byId('preview-empty-hint');
  private recent: RecentBrief[] = [];

  constructor(
    private readonly api: BriefStudioApi,
    private readonly store: BriefStore,
    private readonly open: (path: string) => Promise<void>,
    private readonly openDialog: () => Promise<void>,
  ) {
    store.subscribe((_store, change) => {
      this.sync();
      // Opening or saving a brief puts it at the top of the recent list.
      if (change === 'load' || change === 'saved') void this.refresh();
    });
  }

  /** Read the recent list again (on start, and after a brief is opened or saved). */
  async refresh(): Promise<void> {
    try {
      this.recent = (await this.api.listRecent()).briefs;
    } catch {
      this.recent = [];
    }
    this.render();
    this.sync();
  }

  private get pristine(): boolean {
    return !this.store.dirty && this.store.fileName === undefined && this.store.draft.sections.length === 0;
  }

  private sync(): void {
    this.box.hidden = !this.pristine;
    this.hint.hidden = this.pristine;
  }

  private render(): void {
    const openButton = el('button', { type: 'button', class: 'button small', id: 'start-open' }, 'Open a brief…');
    openButton.addEventListener('click', () => void this.openDialog());
    const items = this.recent.map((brief) => {
      const button = el(
        'button',
        { type: 'button', class: 'recent-brief', 'data-recent-path': brief.path, title: brief.path },
        el('span', { class: 'recent-name' }, brief.fileName.replace(/\.brief\.yaml$/, '')),
        el('span', { class: 'recent-folder' }, brief.folder),
      );
      button.addEventListener('click', () => void this.open(brief.path));
      return el('li', {}, button);
    });
    const children: HTMLElement[] = [
      el('h3', { id: 'start-heading' }, 'Start'),
      el('p', {}, 'Tick sections in the library to start a new brief, or open one you wrote before.'),
      items.length ? el('h4', { id: 'recent-heading' }, 'Recent briefs') : el('p', { class: 'muted' }, 'Briefs you open or save are listed here.'),
      ...(items.length ? [el('ul', { class: 'recent-list', 'aria-labelledby': 'recent-heading' }, ...items)] : []),
      el('div', { class: 'start-actions' }, openButton, el('span', { class: 'muted' }, 'or drop a .brief.yaml file on the window')),
    ];
    this.box.replaceChildren(...children);
  }
}
