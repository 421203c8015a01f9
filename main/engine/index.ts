/**
 * The engine's public face: everything the CLI and the app need, nothing
 * from Electron. Each stage lives in its own module; this file wires them.
 */
export { buildBrief, type BuildOptions, type BuildResult } from './render.js';
export { BriefError, toErrorData, formatLocation, type BriefErrorData, type BriefWarning, type SourceLocation } from './errors.js';
export { briefSpecSchema, defaultSpec, type BriefSpec } from './spec-schema.js';
export { imposeHandout, type HandoutOptions, type HandoutResult } from './handout/impose-pdf.js';
export { HANDOUT_LAYOUTS, type HandoutLayout } from './handout/imposition.js';
export { loadRecipientsFile } from './handout/recipients.js';
export { diskFiles, overlayFiles, readText, type FileProvider, type FileInfo, type OverlayEntry } from './file-provider.js';
