/**
 * The window's layout: the section library and the brief panes can be hidden
 * (toolbar toggles and the View menu) so the preview gets the room, and the
 * UI text size is a root font size apart from the preview's zoom. Both are
 * kept in the settings, so the window opens as the user left it.
 */
import { DEFAULT_VIEW_SETTINGS, TEXT_SCALES, type BriefStudioApi, type MenuCommandName, type ViewSettings } from '../../main/shared/ipc-contract.js';
import { announce, byId } from './dom.js';

type LayoutCommand = Extract<MenuCommandName, 'toggle-library' | 'toggle-brief' | 'text-bigger' | 'text-smaller' | 'text-reset'>;
const LAYOUT_COMMANDS: readonly string[] = ['toggle-library', 'toggle-brief', 'text-bigger', 'text-smaller', 'text-reset'] satisfies LayoutCommand[];

export function isLayoutCommand(command: MenuCommandName): command is LayoutCommand {
  return LAYOUT_COMMANDS.includes(command);
}

export class WindowLayout {
  private settings: ViewSettings = { ...DEFAULT_VIEW_SETTINGS };
  private readonly libraryToggle = byId<HTMLButtonElement>('toggle-library');
  private readonly briefToggle = byId<HTMLButtonElement>('toggle-brief');

  constructor(private readonly api: BriefStudioApi) {
    this.libraryToggle.addEventListener('click', () => this.run('toggle-library'));
    this.briefToggle.addEventListener('click', () => this.run('toggle-brief'));
  }

  /** Apply the settings kept from the last run (the defaults when they cannot be read). */
  async restore(): Promise<void> {
    try {
      this.settings = { ...DEFAULT_VIEW_SETTINGS, ...(await this.api.getViewSettings()) };
    } catch {
      this.settings = { ...DEFAULT_VIEW_SETTINGS };
    }
    this.apply();
  }

  get current(): ViewSettings {
    return { ...this.settings };
  }

  run(command: LayoutCommand): void {
    switch (command) {
      case 'toggle-library':
        this.change({ libraryCollapsed: !this.settings.libraryCollapsed });
        announce(this.settings.libraryCollapsed ? 'Section library hidden.' : 'Section library shown.');
        break;
      case 'toggle-brief':
        this.change({ briefCollapsed: !this.settings.briefCollapsed });
        announce(this.settings.briefCollapsed ? 'Brief hidden.' : 'Brief shown.');
        break;
      case 'text-bigger':
      case 'text-smaller': {
        const next = stepScale(this.settings.textScale, command === 'text-bigger' ? 1 : -1);
        this.change({ textScale: next });
        announce(`Text size ${Math.round(next * 100)}%.`);
        break;
      }
      case 'text-reset':
        this.change({ textScale: 1 });
        announce('Text size 100%.');
        break;
    }
  }

  private change(patch: Partial<ViewSettings>): void {
    this.settings = { ...this.settings, ...patch };
    this.apply();
    void this.api.setViewSettings(patch).catch(() => undefined);
  }

  private apply(): void {
    const { libraryCollapsed, briefCollapsed, textScale } = this.settings;
    document.body.classList.toggle('library-collapsed', libraryCollapsed);
    document.body.classList.toggle('brief-collapsed', briefCollapsed);
    this.libraryToggle.setAttribute('aria-expanded', String(!libraryCollapsed));
    this.briefToggle.setAttribute('aria-expanded', String(!briefCollapsed));
    // CSSOM, not a style attribute: allowed by the page's content security policy.
    document.documentElement.style.setProperty('--ui-scale', String(textScale));
    document.body.dataset.textScale = String(textScale);
  }
}

/** The next text size step up or down from `current` (which may lie between steps). */
export function stepScale(current: number, direction: 1 | -1): number {
  const steps: readonly number[] = TEXT_SCALES;
  const next = direction > 0 ? steps.find((s) => s > current + 0.001) : [...steps].reverse().find((s) => s < current - 0.001);
  return next ?? (direction > 0 ? steps[steps.length - 1]! : steps[0]!);
}
