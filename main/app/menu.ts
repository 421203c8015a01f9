/**
 * The application menu. Every command has a menu item with the platform's
 * usual shortcut (CmdOrCtrl: ⌘ on macOS, Ctrl elsewhere); commands that act
 * on the brief are forwarded to the page, which holds the edits.
 */
import { basename, dirname } from 'node:path';
import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from '../shared/ipc-contract.js';

export interface MenuActions {
  send(command: MenuCommand): void;
  openUserFolder(folder: 'sections' | 'templates'): void;
  clearRecent(): void;
}

export interface MenuOptions {
  platform: NodeJS.Platform;
  recent: string[];
  actions: MenuActions;
  /** Development builds get a Reload and the developer tools. */
  development?: boolean;
}

export function buildMenuTemplate({ platform, recent, actions, development = false }: MenuOptions): MenuItemConstructorOptions[] {
  const isMac = platform === 'darwin';
  const command = (name: MenuCommand['command']) => () => actions.send({ command: name });

  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.map((path): MenuItemConstructorOptions => ({ label: `${basename(path)} — ${dirname(path)}`, click: () => actions.send({ command: 'open-recent', path }) })),
        { type: 'separator' },
        { label: 'Clear Recent', click: () => actions.clearRecent() },
      ]
    : [{ label: 'No Recent Briefs', enabled: false }];

  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      { id: 'new', label: 'New Brief', accelerator: 'CmdOrCtrl+N', click: command('new') },
      { id: 'open', label: 'Open Brief…', accelerator: 'CmdOrCtrl+O', click: command('open') },
      { id: 'recent', label: 'Recent Briefs', submenu: recentItems },
      { type: 'separator' },
      { id: 'save', label: 'Save', accelerator: 'CmdOrCtrl+S', click: command('save') },
      { id: 'save-as', label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', click: command('save-as') },
      { type: 'separator' },
      { id: 'export-pdf', label: 'Export PDF…', accelerator: 'CmdOrCtrl+E', click: command('export-pdf') },
      { id: 'export-pdfa', label: 'Export PDF/A (Archival)…', click: command('export-pdfa') },
      { id: 'print', label: 'Print…', accelerator: 'CmdOrCtrl+P', click: command('print') },
      { type: 'separator' },
      { id: 'open-templates-folder', label: 'Open Templates Folder', click: () => actions.openUserFolder('templates') },
      { id: 'open-sections-folder', label: 'Open Sections Folder', click: () => actions.openUserFolder('sections') },
      { type: 'separator' },
      isMac ? { role: 'close' } : { role: 'quit', label: 'Exit' },
    ],
  };

  // Undo and Redo act on the brief (the page keeps its history), so they are commands, not the
  // web contents' own undo. The shortcuts are shown but left to the page (registerAccelerator:
  // false): the page decides whether the key belongs to the brief or to a text field that keeps
  // its own undo (the template editor's code, the library filter).
  const edit: MenuItemConstructorOptions = {
    id: 'edit',
    label: '&Edit',
    submenu: [
      { id: 'undo', label: 'Undo', accelerator: 'CmdOrCtrl+Z', registerAccelerator: false, click: command('undo') },
      { id: 'redo', label: 'Redo', accelerator: isMac ? 'Shift+Cmd+Z' : 'Ctrl+Y', registerAccelerator: false, click: command('redo') },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { id: 'zoom-in', label: 'Zoom In Preview', accelerator: 'CmdOrCtrl+=', click: command('zoom-in') },
      { id: 'zoom-out', label: 'Zoom Out Preview', accelerator: 'CmdOrCtrl+-', click: command('zoom-out') },
      { id: 'zoom-reset', label: 'Actual Size', accelerator: 'CmdOrCtrl+0', click: command('zoom-reset') },
      { type: 'separator' },
      { id: 'toggle-library', label: 'Show or Hide Section Library', accelerator: 'CmdOrCtrl+Shift+L', click: command('toggle-library') },
      { id: 'toggle-brief', label: 'Show or Hide Brief', accelerator: 'CmdOrCtrl+Shift+B', click: command('toggle-brief') },
      {
        id: 'text-size',
        label: 'Text Size',
        submenu: [
          { id: 'text-bigger', label: 'Bigger', accelerator: 'CmdOrCtrl+Shift+=', click: command('text-bigger') },
          { id: 'text-smaller', label: 'Smaller', accelerator: 'CmdOrCtrl+Shift+-', click: command('text-smaller') },
          { id: 'text-reset', label: 'Default Size', accelerator: 'CmdOrCtrl+Shift+0', click: command('text-reset') },
        ],
      },
      ...(development ? [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const] : []),
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  return [...(isMac ? [{ role: 'appMenu' } as const] : []), file, edit, view, { role: 'windowMenu' }];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
