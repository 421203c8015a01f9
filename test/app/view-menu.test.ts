import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => import('./fake-electron.js'));
const { buildMenuTemplate } = await import('../../main/app/menu.js');

function findItem(items: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.id === id) return item;
    const sub = Array.isArray(item.submenu) ? findItem(item.submenu, id) : undefined;
    if (sub) return sub;
  }
  return undefined;
}

describe('View menu: panes and text size', () => {
  const expected: [string, string][] = [
    ['toggle-library', 'CmdOrCtrl+Shift+L'],
    ['toggle-brief', 'CmdOrCtrl+Shift+B'],
    ['text-bigger', 'CmdOrCtrl+Shift+='],
    ['text-smaller', 'CmdOrCtrl+Shift+-'],
    ['text-reset', 'CmdOrCtrl+Shift+0'],
  ];
  for (const [id, accelerator] of expected) {
    it(`${id} has ${accelerator} and sends "${id}" to the page`, () => {
      const actions = { send: vi.fn(), openUserFolder: vi.fn(), clearRecent: vi.fn() };
      const template = buildMenuTemplate({ platform: 'linux', recent: [], actions });
      const view = template.find((item) => item.label === '&View')!.submenu as MenuItemConstructorOptions[];
      const item = findItem(view, id);
      expect(item?.accelerator).toBe(accelerator);
      (item!.click as () => void)();
      expect(actions.send).toHaveBeenCalledWith({ command: id });
    });
  }

  it('puts the text sizes under View → Text Size, apart from the preview zoom', () => {
    const template = buildMenuTemplate({ platform: 'linux', recent: [], actions: { send: vi.fn(), openUserFolder: vi.fn(), clearRecent: vi.fn() } });
    const textSize = findItem(template, 'text-size');
    expect(textSize?.label).toBe('Text Size');
    expect((textSize!.submenu as MenuItemConstructorOptions[]).map((item) => item.id)).toEqual(['text-bigger', 'text-smaller', 'text-reset']);
  });
});
