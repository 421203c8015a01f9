/** What main knows about the brief open in a window: its file and whether it has unsaved edits. */
import { basename } from 'node:path';

export const BRIEF_EXTENSION = '.brief.yaml';

export class DocumentSession {
  /** Absolute path of the brief file; undefined until first saved or opened. */
  filePath: string | undefined;
  dirty = false;
  /** The brief's title as the user typed it, for dialogs and the window title. */
  title = '';

  get fileName(): string | undefined {
    return this.filePath ? basename(this.filePath) : undefined;
  }

  /** "name — Brief Studio", the name being the file or, before the first save, the title. */
  windowTitle(): string {
    const name = this.fileName ?? (this.title.trim() || 'Untitled brief');
    return `${this.dirty ? '• ' : ''}${name} — Brief Studio`;
  }

  reset(filePath?: string): void {
    this.filePath = filePath;
    this.dirty = false;
  }
}

/** A file name for a title: "U.S.–Japan: Space" → "u-s-japan-space". */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'brief';
}

/** Make sure a chosen save path ends in `.brief.yaml` (dialogs keep only the last extension). */
export function withBriefExtension(path: string): string {
  if (path.endsWith(BRIEF_EXTENSION)) return path;
  if (path.endsWith('.yaml') || path.endsWith('.yml')) return path.replace(/\.ya?ml$/, BRIEF_EXTENSION);
  return path + BRIEF_EXTENSION;
}

export function withPdfExtension(path: string): string {
  return path.toLowerCase().endsWith('.pdf') ? path : `${path}.pdf`;
}
