/** Preferences remembered between runs: the folders dialogs open in. */
import { join } from 'node:path';
import { z } from 'zod';
import { JsonStore } from './json-store.js';

const settingsSchema = z.object({
  lastExportFolder: z.string().optional(),
  lastBriefFolder: z.string().optional(),
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
