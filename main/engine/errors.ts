/** Where in a user's file a problem sits. Lines and columns are 1-based. */
export interface SourceLocation {
  file: string;
  line?: number;
  column?: number;
}

/** Stable codes a face (CLI, app) can act on; the message is for people. */
export type BriefErrorCode =
  | 'SPEC_INVALID'
  | 'YAML_SYNTAX'
  | 'SECTION_INVALID'
  | 'SECTION_UNKNOWN'
  | 'TEMPLATE_UNKNOWN'
  | 'TEMPLATE_INVALID'
  | 'TEMPLATE_SYNTAX'
  | 'TEMPLATE_RENDER'
  | 'TEMPLATE_CONFINEMENT'
  | 'TEMPLATE_LIMIT'
  | 'MARKUP_INVALID'
  | 'OUTPUT_UNWRITABLE'
  | 'OUTPUT_IS_INPUT'
  | 'RECIPIENTS_INVALID'
  | 'PRINTER_UNKNOWN'
  | 'PRINTER_NONE'
  | 'SPOOLER_UNAVAILABLE'
  | 'PRINT_REJECTED'
  | 'IMAGE_INVALID'
  | 'YAML_LIMIT'
  | 'IO';

/** Codes that mean the print spooler failed, not the user's input (CLI exit 1). */
export const SPOOLER_FAILURE_CODES: readonly BriefErrorCode[] = ['PRINTER_NONE', 'SPOOLER_UNAVAILABLE', 'PRINT_REJECTED'];

/** An error that reaches a user: a code, a plain sentence, and where it happened. */
export class BriefError extends Error {
  readonly code: BriefErrorCode;
  readonly location?: SourceLocation;
  /** Dotted path of the offending field in a YAML document, when there is one. */
  readonly field?: string;

  constructor(code: BriefErrorCode, message: string, options: { location?: SourceLocation; field?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'BriefError';
    this.code = code;
    this.location = options.location;
    this.field = options.field;
  }

  /** "file:line:column: message" — the form editors and terminals understand. */
  describe(): string {
    const where = formatLocation(this.location);
    const field = this.field ? ` (field \`${this.field}\`)` : '';
    return where ? `${where}: ${this.message}${field}` : `${this.message}${field}`;
  }
}

export function formatLocation(location: SourceLocation | undefined): string {
  if (!location) return '';
  let out = location.file;
  if (location.line !== undefined) out += `:${location.line}`;
  if (location.line !== undefined && location.column !== undefined) out += `:${location.column}`;
  return out;
}

/** Something worth telling the user that does not stop the build. */
export interface BriefWarning {
  code: 'SECTION_OVERRIDDEN' | 'SECTION_BROKEN' | 'MISSING_GLYPHS' | 'CONTENT_OVERFLOW' | 'TEMPLATE' | 'IMAGE' | 'OPTION_NOT_SUPPORTED' | 'CONTENT_LEFT_OUT' | 'CONTENT_FLATTENED' | 'MARKING' | 'FOOTNOTE_UNDEFINED' | 'CONTAINER_UNCLOSED' | 'FENCE_UNCLOSED' | 'CONTAINER_CLOSE_STRAY' | 'TABLE_NOT_RECOGNISED' | 'SECTIONS_UNUSED' | 'HEADING_LEVEL';
  message: string;
  location?: SourceLocation;
}

/** Plain-data form of an error, safe to send over IPC or print as JSON. */
export interface BriefErrorData {
  code: BriefErrorCode;
  message: string;
  location?: SourceLocation;
  field?: string;
}

export function toErrorData(error: unknown): BriefErrorData {
  if (error instanceof BriefError) {
    return { code: error.code, message: error.message, location: error.location, field: error.field };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'IO', message };
}
