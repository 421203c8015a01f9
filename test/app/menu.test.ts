import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));
const electron = await import('./fake-electron.js');
const { buildMenuTemplate, installMenu } = await import('../../main/app/menu.js');

function actions() {
  return { send: vi.fn(), openUserFolder: vi.fn(), clearRecent: vi.fn() };
}

function findItem(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const sub = Array.isArray(item.submenu) ? findItem(item.submenu, id) : undefined;
    if (sub) return sub;
  }
  return undefined;
}

const click = (item: MenuItemConstructorOptions | undefined) => (item!.click as () => void)();

describe('application menu', () => {
  const expected: [string, string | undefined, string | undefined][] = [
    ['new', 'CmdOrCtrl+N', 'new'],
    ['open', 'CmdOrCtrl+O', 'open'],
    ['save', 'CmdOrCtrl+S', 'save'],
    ['save-as', 'CmdOrCtrl+Shift+S', 'save-as'],
    ['export-pdf', 'CmdOrCtrl+E', 'export-pdf'],
    ['export-pdfa', undefined, 'export-pdfa'],
    ['print', 'CmdOrCtrl+P', 'print'],
    ['zoom-in', 'CmdOrCtrl+=', 'zoom-in'],
    ['zoom-out', 'CmdOrCtrl+-', 'zoom-out'],
    ['zoom-reset', 'CmdOrCtrl+0', 'zoom-reset'],
  ];

  for (const [id, accelerator, command] of expected) {
    it(`${id} has ${accelerator} and sends "${command}" to the page`, () => {
      const a = actions();
      const item = findItem(buildMenuTemplate({ platform: 'linux', recent: [], actions: a }), id);
      expect(item?.accelerator).toBe(accelerator);
      click(item);
      expect(a.send).toHaveBeenCalledWith({ command });
    });
  }

  it('every accelerator is unique', () => {
    const seen: string[] = [];
    const walk = (items: MenuItemConstructorOptions[]) => {
      for (const item of items) {
        if (item.accelerator) seen.push(String(item.accelerator));
        if (Array.isArray(item.submenu)) walk(item.submenu);
      }
    };
    walk(buildMenuTemplate({ platform: 'win32', recent: [], actions: actions() }));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it('opens the user folders', () => {
    const a = actions();
    const template = buildMenuTemplate({ platform: 'linux', recent: [], actions: a });
    click(findItem(template, 'open-templates-folder'));
    click(findItem(template, 'open-sections-folder'));
    expect(a.openUserFolder.mock.calls).toEqual([['templates'], ['sections']]);
  });

  it('lists recent briefs newest first and can clear them', () => {
    const a = actions();
    const template = buildMenuTemplate({ platform: 'linux', recent: ['/home/ana/summit.brief.yaml', '/home/ana/old.brief.yaml'], actions: a });
    const recent = findItem(template, 'recent')!.submenu as MenuItemConstructorOptions[];
    expect(recent.map((i) => i.label ?? i.type)).toEqual(['summit.brief.yaml — /home/ana', 'old.brief.yaml — /home/ana', 'separator', 'Clear Recent']);
    click(recent[0]);
    expect(a.send).toHaveBeenCalledWith({ command: 'open-recent', path: '/home/ana/summit.brief.yaml' });
    click(recent[3]);
    expect(a.clearRecent).toHaveBeenCalled();
  });

  it('shows a disabled placeholder when there are no recent briefs', () => {
    const recent = findItem(buildMenuTemplate({ platform: 'linux', recent: [], actions: actions() }), 'recent')!.submenu as MenuItemConstructorOptions[];
    expect(recent).toEqual([{ label: 'No Recent Briefs', enabled: false }]);
  });

  it('follows platform conventions: app menu on macOS, Exit elsewhere', () => {
    const mac = buildMenuTemplate({ platform: 'darwin', recent: [], actions: actions() });
    expect(mac[0]).toEqual({ role: 'appMenu' });
    const linux = buildMenuTemplate({ platform: 'linux', recent: [], actions: actions() });
    expect(linux.some((i) => i.role === 'appMenu')).toBe(false);
    const fileItems = linux[0]!.submenu as MenuItemConstructorOptions[];
    expect(fileItems.at(-1)).toMatchObject({ role: 'quit' });
    expect(linux.some((i) => i.id === 'edit')).toBe(true);
  });

  it('sends Undo and Redo to the page, which holds the brief’s history', () => {
    const a = actions();
    const template = buildMenuTemplate({ platform: 'linux', recent: [], actions: a });
    const undo = findItem(template, 'undo')!;
    const redo = findItem(template, 'redo')!;
    expect(undo).toMatchObject({ accelerator: 'CmdOrCtrl+Z', registerAccelerator: false });
    expect(redo).toMatchObject({ accelerator: 'Ctrl+Y', registerAccelerator: false });
    (undo.click as () => void)();
    (redo.click as () => void)();
    expect(a.send).toHaveBeenNthCalledWith(1, { command: 'undo' });
    expect(a.send).toHaveBeenNthCalledWith(2, { command: 'redo' });
  });

  it('keeps developer tools out of production menus', () => {
    const json = JSON.stringify(buildMenuTemplate({ platform: 'linux', recent: [], actions: actions() }));
    expect(json).not.toContain('toggleDevTools');
    expect(JSON.stringify(buildMenuTemplate({ platform: 'linux', recent: [], actions: actions(), development: true }))).toContain('toggleDevTools');
  });

  it('installs the menu as the application menu', () => {
    installMenu({ platform: 'linux', recent: [], actions: actions() });
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalled();
    expect(electron.Menu.current?.template).toHaveLength(4);
  });
});
