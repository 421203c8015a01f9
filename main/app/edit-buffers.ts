/**
 * Unsaved editor buffers, kept in main's memory by absolute path: the
 * preview builds through `overlayFiles(diskFiles, buffers)`, so it shows
 * what is being typed while nothing of it touches the disk. Each edit gets
 * a fresh stamp, so the engine's parse cache never serves older text.
 */
import { resolve } from 'node:path';
import type { OverlayEntry } from '../engine/file-provider.js';

export class EditBuffers {
  private readonly entries = new Map<string, OverlayEntry>();
  private lastStamp = 0;

  set(path: string, content: string | Uint8Array): void {
    // Strictly increasing, even for two edits within one millisecond.
    this.lastStamp = Math.max(Date.now(), this.lastStamp + 1);
    this.entries.set(resolve(path), { content, mtimeMs: this.lastStamp });
  }

  get(path: string): OverlayEntry | undefined {
    return this.entries.get(resolve(path));
  }

  has(path: string): boolean {
    return this.entries.has(resolve(path));
  }

  clear(path: string): void {
    this.entries.delete(resolve(path));
  }

  /** The buffers as the overlay reads them. */
  get overlay(): ReadonlyMap<string, OverlayEntry> {
    return this.entries;
  }

  /** Plain pairs, to post to the render worker with a render request. */
  snapshot(): [string, OverlayEntry][] {
    return [...this.entries];
  }
}
