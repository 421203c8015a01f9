/** What checking a template reports: several problems at once, each at its line and column. */
import { BriefError, type BriefErrorCode, type BriefWarning, type SourceLocation } from '../errors.js';

export interface TemplateDiagnostic {
  severity: 'error' | 'warning';
  code: BriefErrorCode | BriefWarning['code'];
  message: string;
  location?: SourceLocation;
}

export function errorDiagnostic(error: unknown): TemplateDiagnostic {
  if (error instanceof BriefError) {
    const diagnostic: TemplateDiagnostic = { severity: 'error', code: error.code, message: error.message };
    if (error.location) diagnostic.location = error.location;
    return diagnostic;
  }
  return { severity: 'error', code: 'IO', message: error instanceof Error ? error.message : String(error) };
}

export function diagnosticToError(diagnostic: TemplateDiagnostic): BriefError {
  const code = diagnostic.code as BriefErrorCode;
  return new BriefError(code, diagnostic.message, diagnostic.location ? { location: diagnostic.location } : {});
}
