/**
 * Window size and position, remembered between runs. A saved position is
 * only reused when it is still on a connected display (a laptop undocked from
 * its second screen must not open the window off-screen).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { JsonStore } from './json-store.js';

const stateSchema = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(400).max(20_000),
  height: z.number().int().min(300).max(20_000),
  maximized: z.boolean().default(false),
});
export type WindowState = z.infer<typeof stateSchema>;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The parts of a BrowserWindow this module needs (kept small so tests can fake it). */
export interface TrackedWindow {
  getNormalBounds(): Rect;
  isMaximized(): boolean;
  on(event: 'resize' | 'move' | 'close', listener: () => void): unknown;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1440, height: 900, maximized: false };

export class WindowStateStore {
  private readonly store: JsonStore<WindowState>;

  constructor(userDataDir: string) {
    this.store = new JsonStore(join(userDataDir, 'window-state.json'), stateSchema, DEFAULT_WINDOW_STATE);
  }

  /** Saved bounds fitted to the displays there are now. */
  restore(workAreas: Rect[]): WindowState {
    return fitToDisplays(this.store.get(), workAreas);
  }

  /** Save on every move and resize (debounced) and once more on close. */
  track(window: TrackedWindow, debounceMs = 400): void {
    let timer: NodeJS.Timeout | undefined;
    const save = () => {
      clearTimeout(timer);
      const bounds = window.getNormalBounds();
      void this.store.set({ ...bounds, maximized: window.isMaximized() });
    };
    const later = () => {
      clearTimeout(timer);
      timer = setTimeout(save, debounceMs);
    };
    window.on('resize', later);
    window.on('move', later);
    window.on('close', save);
  }
}

export function fitToDisplays(state: WindowState, workAreas: Rect[]): WindowState {
  const largest = workAreas.reduce<Rect | undefined>((best, area) => (!best || area.width * area.height > best.width * best.height ? area : best), undefined);
  const width = largest ? Math.min(state.width, largest.width) : state.width;
  const height = largest ? Math.min(state.height, largest.height) : state.height;
  const sized = { ...state, width, height };
  if (state.x === undefined || state.y === undefined) return { width, height, maximized: state.maximized };
  const rect = { x: state.x, y: state.y, width, height };
  // Visible enough: the title bar strip (top 40 px, at least 100 px wide) lies on some display.
  const reachable = workAreas.some((area) => overlap(rect.x, rect.x + rect.width, area.x, area.x + area.width) >= 100 && rect.y >= area.y && rect.y + 40 <= area.y + area.height);
  return reachable ? sized : { width, height, maximized: state.maximized };
}

function overlap(a1: number, a2: number, b1: number, b2: number): number {
  return Math.max(0, Math.min(a2, b2) - Math.max(a1, b1));
}
