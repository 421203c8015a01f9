/**
 * The editors' unsaved buffers, in memory only: absolute path → the text
 * being typed and a stamp. The engine reads through them (an overlay over
 * the disk, `overlayFiles`), so the preview and the checks show unsaved
 * text while every error names the real file and line. Nothing here is
 * ever written anywhere; saving is the editor's own write to the real file,
 * after which it discards the buffer.
 *
 * Any absolute path may hold a buffer: template files, section files, a
 * section that exists only in memory so far.
 */
import { relative, resolve, sep } from 'node:path';
import { diskFiles, overlayFiles, type FileProvider, type OverlayEntry } from '../engine/index.js';

/**
 * Buffers are stamped below zero, one fresh stamp per change and never
 * reused in this process: no file on a disk carries such a modification
 * time, so the engine's caches (keyed on modification time and size) can
 * never mistake a buffer for a file, nor one edit for another.
 */
let lastStamp = 0;
const nextStamp = (): number => --lastStamp;

/** Buffers as they travel to the render worker: plain data, cloned across the thread boundary. */
export type BufferList = [path: string, entry: OverlayEntry][];

export class EditBuffers {
  private readonly buffers = new Map<string, OverlayEntry>();

  /** Lay `text` over the file at `path`. The same text again keeps its stamp, so nothing is re-read or recompiled. */
  set(path: string, text: string): void {
    const key = resolve(path);
    if (this.buffers.get(key)?.content === text) return;
    this.buffers.set(key, { content: text, mtimeMs: nextStamp() });
  }

  get(path: string): string | undefined {
    const content = this.buffers.get(resolve(path))?.content;
    return typeof content === 'string' ? content : undefined;
  }

  has(path: string): boolean {
    return this.buffers.has(resolve(path));
  }

  /** Saved or thrown away: the file on disk shows again. */
  discard(path: string): void {
    this.buffers.delete(resolve(path));
  }

  /** Drop every buffer inside `folder`. */
  discardUnder(folder: string): void {
    for (const key of [...this.buffers.keys()]) if (isUnder(folder, key)) this.buffers.delete(key);
  }

  /**
   * Make the buffers inside `folder` exactly `texts` (absolute path → text):
   * an editor that sends its whole set of unsaved files each time (the
   * template editor) leaves no buffer behind for a file it saved or reverted.
   */
  replaceUnder(folder: string, texts: ReadonlyMap<string, string>): void {
    const wanted = new Map([...texts].map(([path, text]) => [resolve(path), text]));
    for (const key of [...this.buffers.keys()]) if (isUnder(folder, key) && !wanted.has(key)) this.buffers.delete(key);
    for (const [path, text] of wanted) this.set(path, text);
  }

  get size(): number {
    return this.buffers.size;
  }

  /** A copy for the render worker (or undefined when there is nothing unsaved). */
  list(): BufferList | undefined {
    return this.buffers.size ? [...this.buffers].map(([path, entry]) => [path, { ...entry }]) : undefined;
  }

  /** The buffers over `base`, for reading in this process (a listing, a quick parse). */
  files(base: FileProvider = diskFiles): FileProvider {
    return this.buffers.size ? overlayFiles(base, new Map(this.buffers)) : base;
  }

  clear(): void {
    this.buffers.clear();
  }
}

/** The provider a render worker builds with: the disk, with the buffers it was sent over it. */
export function filesFromList(list: BufferList | undefined): FileProvider | undefined {
  return list?.length ? overlayFiles(diskFiles, new Map(list)) : undefined;
}

function isUnder(folder: string, path: string): boolean {
  const rel = relative(resolve(folder), path);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !rel.startsWith(sep) && !/^[A-Za-z]:/.test(rel);
}
