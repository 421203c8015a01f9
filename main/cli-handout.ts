/**
 * The handout flags shared by `build` and `print`: --handout, --notes,
 * --paper, --copies, --recipients. They fill in `options.handout` of the
 * spec, so the command line and a *.brief.yaml mean the same thing.
 */
import { resolve } from 'node:path';
import type { ParseArgsConfig } from 'node:util';
import { BriefError, briefSpecSchema, describeIssue, loadRecipientsFile, type BriefSpec } from './engine/index.js';

export const HANDOUT_FLAGS = {
  handout: { type: 'string' },
  notes: { type: 'boolean' },
  paper: { type: 'string' },
  copies: { type: 'string' },
  recipients: { type: 'string' },
} as const satisfies ParseArgsConfig['options'];

export const HANDOUT_HELP = `      --handout 1-up|2-up|4-up|booklet
                            print layout: pages per sheet, or a folded booklet
      --notes               ruled lines for notes beside (1-up, 2-up, booklet)
                            or below (4-up) each page
      --paper letter|a4     sheet size (default: the template's page size)
      --copies N            N numbered copies, "Copy N of M" on every page
      --recipients FILE     one copy per name in FILE (one per line), named on
                            every page`;

export interface HandoutFlagValues {
  handout?: string;
  notes?: boolean;
  paper?: string;
  copies?: string;
  recipients?: string;
}

const COMMAND_LINE = { file: 'command line' };

/** The spec with the flags applied over its `options.handout`; unchanged when no flag is given. */
export async function applyHandoutFlags(spec: BriefSpec, values: HandoutFlagValues, cwd: string): Promise<BriefSpec> {
  const given = values.handout !== undefined || values.notes !== undefined || values.paper !== undefined || values.copies !== undefined || values.recipients !== undefined;
  if (!given) return spec;
  if (values.copies !== undefined && values.recipients !== undefined) {
    throw new BriefError('SPEC_INVALID', '--copies and --recipients: give one or the other (a recipients file prints one copy per name)', { location: COMMAND_LINE });
  }
  const current = spec.options.handout;
  const handout: Record<string, unknown> = { ...current };
  if (values.handout !== undefined) handout.layout = values.handout;
  if (values.notes !== undefined) handout.notes = values.notes;
  if (values.paper !== undefined) handout.paper = values.paper.toLowerCase();
  if (values.copies !== undefined) {
    if (!/^\d+$/.test(values.copies)) {
      throw new BriefError('SPEC_INVALID', `--copies: expected a whole number of copies from 1 to 999, got "${values.copies}"`, { location: COMMAND_LINE });
    }
    handout.copies = Number(values.copies);
    delete handout.recipients;
  }
  if (values.recipients !== undefined) {
    handout.recipients = await loadRecipientsFile(resolve(cwd, values.recipients));
    delete handout.copies;
  }
  const result = briefSpecSchema.safeParse({ ...spec, options: { ...spec.options, handout } });
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const key = String(issue.path.at(-1) ?? 'handout');
  const flag = key === 'layout' ? '--handout' : `--${key}`;
  throw new BriefError('SPEC_INVALID', `${flag}: ${describeIssue({ ...issue, path: [] })}`, { location: COMMAND_LINE });
}
