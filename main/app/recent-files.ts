/** The "Recent briefs" list: newest first, no duplicates, bounded. */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { JsonStore } from './json-store.js';

const recentSchema = z.array(z.string()).max(100);

export class RecentFiles {
  private readonly store: JsonStore<string[]>;
  private readonly listeners = new Set<(paths: string[]) => void>();

  constructor(
    userDataDir: string,
    private readonly max = 10,
  ) {
    this.store = new JsonStore(join(userDataDir, 'recent-briefs.json'), recentSchema, []);
  }

  list(): string[] {
    return this.store.get().slice(0, this.max);
  }

  has(path: string): boolean {
    return this.list().includes(resolve(path));
  }

  add(path: string): Promise<void> {
    const full = resolve(path);
    return this.replace([full, ...this.list().filter((p) => p !== full)].slice(0, this.max));
  }

  remove(path: string): Promise<void> {
    const full = resolve(path);
    return this.replace(this.list().filter((p) => p !== full));
  }

  clear(): Promise<void> {
    return this.replace([]);
  }

  onChange(listener: (paths: string[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private replace(paths: string[]): Promise<void> {
    const written = this.store.set(paths);
    for (const listener of this.listeners) listener(paths);
    return written;
  }
}
