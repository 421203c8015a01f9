/** The window's layout and UI text size, kept in the settings so the window opens as the user left it. */
import { DEFAULT_VIEW_SETTINGS, type Done, type RequestOf, type ViewSettings } from '../shared/ipc-contract.js';
import type { SettingsStore } from './settings.js';

export function createViewHandlers(settings: SettingsStore): {
  getViewSettings: () => Promise<ViewSettings>;
  setViewSettings: (patch: RequestOf<'setViewSettings'>) => Promise<Done>;
} {
  return {
    getViewSettings: () => Promise.resolve({ ...DEFAULT_VIEW_SETTINGS, ...settings.get().view }),
    async setViewSettings(patch) {
      await settings.update({ view: { ...settings.get().view, ...patch } });
      return { ok: true };
    },
  };
}
