/** Preferences remembered between runs: the folders dialogs open in, the window's layout and text size. */
import { join } from 'node:path';
import { z } from 'zod';
import { viewSettingsSchema } from '../shared/ipc-contract.js';
import { JsonStore } from './json-store.js';

const settingsSchema = z.object({
  lastExportFolder: z.string().optional(),
  lastBriefFolder: z.string().optional(),
  view: viewSettingsSchema.partial().optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export class SettingsStore {
  private readonly store: JsonStore<Settings>;

  constructor(userDataDir: string) {
    this.store = new JsonStore(join(userDataDir, 'settings.json'), settingsSchema, {});
  }

  get(): Settings {
    return this.store.get();
  }

  update(patch: Partial<Settings>): Promise<void> {
    return this.store.set({ ...this.store.get(), ...patch });
  }
}
