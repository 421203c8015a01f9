/** Messages between the main process and the render worker thread. Plain data only. */
import type { BriefErrorData, BriefWarning } from '../engine/errors.js';
import type { BriefSpec } from '../engine/spec-schema.js';

export interface RenderJob {
  type: 'render';
  id: number;
  spec: BriefSpec;
  sectionDirs: string[];
  templateDirs: string[];
}

export interface AbortJob {
  type: 'abort';
  id: number;
}

export type ToWorker = RenderJob | AbortJob;

export type FromWorker =
  | { type: 'rendered'; id: number; pdf: Uint8Array; pageCount: number; warnings: BriefWarning[]; renderMs: number }
  | { type: 'failed'; id: number; error: BriefErrorData }
  | { type: 'aborted'; id: number };
