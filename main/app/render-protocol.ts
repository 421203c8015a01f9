/** Messages between the main process and the render worker thread. Plain data only. */
import type { BriefErrorData, BriefWarning } from '../engine/errors.js';
import type { OverlayEntry } from '../engine/file-provider.js';
import type { BriefSpec } from '../engine/spec-schema.js';
import type { TemplateDiagnostic } from '../engine/template/index.js';

export interface RenderJob {
  type: 'render';
  id: number;
  spec: BriefSpec;
  sectionDirs: string[];
  templateDirs: string[];
  /** Unsaved editor buffers laid over the disk (file-provider.ts overlayFiles). */
  overlay?: [string, OverlayEntry][];
}

/** Check a template folder the way `brief-studio check` does (the template editor's diagnostics). */
export interface CheckJob {
  type: 'check';
  id: number;
  dir: string;
}

export interface AbortJob {
  type: 'abort';
  id: number;
}

export type ToWorker = RenderJob | CheckJob | AbortJob;

export type FromWorker =
  /** Sent once, when the engine is loaded and the worker listens: the client's time limits start from here. */
  | { type: 'ready' }
  | { type: 'rendered'; id: number; pdf: Uint8Array; pageCount: number; warnings: BriefWarning[]; renderMs: number }
  | { type: 'checked'; id: number; diagnostics: TemplateDiagnostic[] }
  | { type: 'failed'; id: number; error: BriefErrorData }
  | { type: 'aborted'; id: number };
