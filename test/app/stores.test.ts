import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RecentFiles } from '../../main/app/recent-files.js';
import { SettingsStore } from '../../main/app/settings.js';
import { DEFAULT_WINDOW_STATE, fitToDisplays, WindowStateStore } from '../../main/app/window-state.js';
import { until } from '../helpers/until.js';
import { BrowserWindow } from './fake-electron.js';

const tempDir = () => mkdtempSync(join(tmpdir(), 'brief-studio-stores-'));
const display = { x: 0, y: 0, width: 1920, height: 1080 };

describe('window state', () => {
  it('reuses a position that is on a display', () => {
    expect(fitToDisplays({ x: 100, y: 50, width: 1200, height: 800, maximized: false }, [display])).toEqual({ x: 100, y: 50, width: 1200, height: 800, maximized: false });
  });

  it('drops a position left on a display that is gone', () => {
    const state = fitToDisplays({ x: 2500, y: 100, width: 1200, height: 800, maximized: true }, [display]);
    expect(state).toEqual({ width: 1200, height: 800, maximized: true });
  });

  it('shrinks a window larger than the largest display', () => {
    const state = fitToDisplays({ x: 0, y: 0, width: 4000, height: 3000, maximized: false }, [display, { x: 1920, y: 0, width: 1280, height: 1024 }]);
    expect(state).toMatchObject({ width: 1920, height: 1080 });
  });

  it('keeps a window on a second display when that display is still there', () => {
    const second = { x: 1920, y: 0, width: 1280, height: 1024 };
    expect(fitToDisplays({ x: 2000, y: 40, width: 1000, height: 700, maximized: false }, [display, second])).toMatchObject({ x: 2000, y: 40 });
  });

  it('saves on close and restores next time; a damaged file falls back to defaults', async () => {
    const dir = tempDir();
    const store = new WindowStateStore(dir);
    expect(store.restore([display])).toEqual(DEFAULT_WINDOW_STATE);
    const window = new BrowserWindow({});
    store.track(window);
    window.close();
    // The save on close is written in the background.
    await until(() => existsSync(join(dir, 'window-state.json')));
    expect(new WindowStateStore(dir).restore([display])).toEqual({ x: 10, y: 20, width: 1200, height: 800, maximized: false });
    writeFileSync(join(dir, 'window-state.json'), '{ not json');
    expect(new WindowStateStore(dir).restore([display])).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('recent briefs', () => {
  it('keeps the newest first, without duplicates, bounded, across runs', async () => {
    const dir = tempDir();
    const recent = new RecentFiles(dir, 3);
    const changes: string[][] = [];
    recent.onChange((paths) => changes.push(paths));
    for (const name of ['a', 'b', 'c', 'b', 'd']) await recent.add(`/docs/${name}.brief.yaml`);
    expect(recent.list()).toEqual(['/docs/d.brief.yaml', '/docs/b.brief.yaml', '/docs/c.brief.yaml']);
    expect(changes).toHaveLength(5);
    expect(new RecentFiles(dir, 3).list()).toEqual(recent.list());
    expect(recent.has('/docs/b.brief.yaml')).toBe(true);
    expect(recent.has('/docs/a.brief.yaml')).toBe(false);
    await recent.remove('/docs/b.brief.yaml');
    expect(recent.list()).toEqual(['/docs/d.brief.yaml', '/docs/c.brief.yaml']);
    await recent.clear();
    expect(JSON.parse(readFileSync(join(dir, 'recent-briefs.json'), 'utf8'))).toEqual([]);
  });
});

describe('settings', () => {
  it('remembers the last export folder between runs', async () => {
    const dir = tempDir();
    const settings = new SettingsStore(dir);
    expect(settings.get().lastExportFolder).toBeUndefined();
    await settings.update({ lastExportFolder: '/exports' });
    await settings.update({ lastBriefFolder: '/briefs' });
    expect(new SettingsStore(dir).get()).toEqual({ lastExportFolder: '/exports', lastBriefFolder: '/briefs' });
  });
});
