/** Messages between the main process and the render worker thread. Plain data only. */
import type { BriefErrorData, BriefSpec, BriefWarning, TemplateDiagnostic } from '../engine/index.js';
import type { BufferList } from './edit-buffers.js';

export interface RenderJob {
  type: 'render';
  id: number;
  spec: BriefSpec;
  sectionDirs: string[];
  templateDirs: string[];
  /** Unsaved editor buffers the engine reads over the disk (absolute paths). */
  buffers?: BufferList;
  /** Ask for page signatures as well (the live preview's renderer). */
  pageHashes?: boolean;
}

/** Check a template folder the way `brief-studio check` does (the template editor's diagnostics). */
export interface CheckJob {
  type: 'check';
  id: number;
  dir: string;
  /** Unsaved editor buffers the engine reads over the disk (absolute paths). */
  buffers?: BufferList;
}

export interface AbortJob {
  type: 'abort';
  id: number;
}

export type ToWorker = RenderJob | CheckJob | AbortJob;

export type FromWorker =
  /** Sent once, when the engine is loaded and the worker listens: the client's time limits start from here. */
  | { type: 'ready' }
  /** pageHashes: one signature per page (page-signatures.ts), when the PDF could be read for them. */
  | { type: 'rendered'; id: number; pdf: Uint8Array; pageCount: number; warnings: BriefWarning[]; renderMs: number; pageHashes?: string[] }
  | { type: 'checked'; id: number; diagnostics: TemplateDiagnostic[] }
  | { type: 'failed'; id: number; error: BriefErrorData }
  | { type: 'aborted'; id: number };
