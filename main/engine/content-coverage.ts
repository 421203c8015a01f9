/**
 * Content is never dropped silently: after the template has run, every piece
 * of each chosen section (summary, body paragraphs, lists, tables, quotations,
 * key facts) and every source is looked for in the document model. What a
 * template leaves out — on purpose, like the one-pager — is named in a
 * warning, per section, at the section's file.
 */
import type { BriefWarning } from './errors.js';
import { parseMarkup } from './markup.js';
import type { Block, DocumentModel, Inline } from './model.js';
import type { Section } from './section-schema.js';

type PieceKind = 'summary' | 'paragraph' | 'list' | 'table' | 'subheading' | 'block quotation' | 'code block' | 'quotation' | 'key fact';

const KIND_ORDER: PieceKind[] = ['summary', 'subheading', 'paragraph', 'list', 'table', 'block quotation', 'code block', 'quotation', 'key fact'];

interface Piece {
  kind: PieceKind;
  /** Texts that must all appear for the piece to count as printed. */
  texts: string[];
}

export interface CoverageInput {
  templateId: string;
  sections: Section[];
  /** Titles of the brief-wide source list. */
  sourceTitles: string[];
  model: DocumentModel;
}

export function contentLeftOut(input: CoverageInput): BriefWarning[] {
  const printed = normalize(modelTexts(input.model.blocks).join(' '));
  const has = (text: string): boolean => printed.includes(normalize(text));
  const warnings: BriefWarning[] = [];

  for (const section of input.sections) {
    const missing = new Map<PieceKind, number>();
    for (const piece of sectionPieces(section)) {
      if (piece.texts.every(has)) continue;
      missing.set(piece.kind, (missing.get(piece.kind) ?? 0) + 1);
    }
    if (missing.size === 0) continue;
    const list = [...missing].sort(([a], [b]) => KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b)).map(([kind, count]) => (count === 1 ? `1 ${kind}` : `${count} ${plural(kind)}`));
    warnings.push({
      code: 'CONTENT_LEFT_OUT',
      message: `the template "${input.templateId}" leaves out part of section "${section.id}": ${list.join(', ')}`,
      location: { file: section.file },
    });
  }

  const missingSources = input.sourceTitles.filter((title) => !has(title));
  if (missingSources.length > 0) {
    warnings.push({
      code: 'CONTENT_LEFT_OUT',
      message: `the template "${input.templateId}" leaves out ${missingSources.length === 1 ? 'the source' : `${missingSources.length} sources`}: ${missingSources.map((t) => `"${t}"`).join(', ')}`,
    });
  }
  return warnings;
}

function sectionPieces(section: Section): Piece[] {
  const pieces: Piece[] = [{ kind: 'summary', texts: [section.summary] }];
  // Body errors were reported when the section was loaded, so this parse succeeds.
  const body = parseMarkup(section.body, { file: section.file, lineOffset: section.bodyLine - 1 });
  for (const block of body.blocks) {
    const kind = pieceKind(block);
    const texts = leafTexts(block).filter((t) => t.trim() !== '');
    if (kind && texts.length > 0) pieces.push({ kind, texts });
  }
  for (const quote of section.quotes) pieces.push({ kind: 'quotation', texts: [quote.text] });
  for (const fact of section.key_facts) pieces.push({ kind: 'key fact', texts: [fact.text] });
  return pieces;
}

function pieceKind(block: Block): PieceKind | undefined {
  switch (block.type) {
    case 'paragraph':
      return 'paragraph';
    case 'list':
      return 'list';
    case 'table':
      return 'table';
    case 'heading':
      return 'subheading';
    case 'quote':
      return 'block quotation';
    case 'code':
      return 'code block';
    default:
      return undefined;
  }
}

/** Each paragraph, item, cell or heading on its own: a template may mark or restyle each. */
function leafTexts(block: Block): string[] {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      return [runsText(block.runs)];
    case 'list':
      return block.items.flatMap((item) => item.flatMap(leafTexts));
    case 'table':
      return [...block.header, ...block.rows.flat()].map(runsText);
    case 'quote':
    case 'callout':
    case 'section':
    case 'columns':
      return block.blocks.flatMap(leafTexts);
    case 'code':
      return block.text.split('\n');
    default:
      return [];
  }
}

/** Everything a reader can see in the model, including callout titles and attributions. */
function modelTexts(blocks: Block[]): string[] {
  const out: string[] = [];
  for (const block of blocks) {
    switch (block.type) {
      case 'callout':
        if (block.title) out.push(block.title);
        out.push(...modelTexts(block.blocks));
        break;
      case 'quote':
        out.push(...modelTexts(block.blocks));
        if (block.attribution) out.push(runsText(block.attribution));
        break;
      case 'section':
      case 'columns':
        out.push(...modelTexts(block.blocks));
        break;
      default:
        out.push(...leafTexts(block));
    }
  }
  return out;
}

const runsText = (runs: Inline[]): string => runs.map((r) => r.text).join('');
/** Spacing, and the quotes, dashes and ellipses the typographer may have turned curly, compare loosely. */
const normalize = (text: string): string =>
  text
    .replace(/[“”„«»‹›"]/g, '"')
    .replace(/[‘’‚']/g, "'")
    .replace(/---|—/g, '\u2014')
    .replace(/--|–/g, '\u2013')
    .replace(/\.\.\.|…/g, '\u2026')
    .replace(/\s+/g, ' ')
    .trim();

function plural(kind: PieceKind): string {
  if (kind === 'summary') return 'summaries';
  if (kind === 'block quotation') return 'block quotations';
  if (kind === 'code block') return 'code blocks';
  if (kind === 'key fact') return 'key facts';
  return `${kind}s`;
}
