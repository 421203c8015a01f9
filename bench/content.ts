/**
 * What the benchmark builds, for both engines: the default brief, a brief of
 * never-seen words, one-word edits of the default brief, and a book of the
 * built-in sections repeated in varied order. Variants are laid over the disk
 * as in-memory files (the engine's FileProvider overlay), so nothing is written.
 * Each variant's brief markup comes from the template stage alone, so the
 * Typst document can be written from it before anything is timed, without
 * warming Brief Studio's typesetting caches for that text.
 */
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { readFileSync } from 'node:fs';
import { resolveBriefFields } from '../main/engine/brief-fields.js';
import { diskFiles, overlayFiles, type FileProvider, type OverlayEntry } from '../main/engine/file-provider.js';
import { splitFrontMatter } from '../main/engine/front-matter.js';
import { parseMarkup } from '../main/engine/markup.js';
import { builtInSectionsDir, builtInTemplatesDir } from '../main/engine/paths.js';
import { loadSectionLibrary, pickSections } from '../main/engine/sections.js';
import { defaultSpec, withBuildDate, type BriefSpec } from '../main/engine/spec-schema.js';
import { buildTemplateContext, loadTemplate } from '../main/engine/template/index.js';
import { typstSource } from './typst-doc.js';

export const ALL_SECTIONS = ['alliance-overview', 'security-environment', 'space-agreement', 'counterstrike-capability', 'force-posture', 'defense-industrial-cooperation'];

/** A brief for both engines: Brief Studio's spec and files, and the same content as Typst source. */
export interface BenchBrief {
  spec: BriefSpec;
  files: FileProvider;
  sectionDirs: string[];
  typst: string;
}

/** Deterministic pseudo-random numbers (mulberry32), so every run builds the same texts. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

/**
 * A word map for one seed: each ASCII word gets its letters shuffled and
 * shifted along the alphabet by 1–25 places (case kept), so every seed gives
 * words no earlier seed (nor the original text) had, of the same lengths.
 * The same word always maps to the same new word within a seed.
 */
export function wordScrambler(seed: number): (word: string) => string {
  const random = seededRandom(seed);
  const shift = 1 + (seed % 25);
  const seen = new Map<string, string>();
  return (word) => {
    const known = seen.get(word);
    if (known !== undefined) return known;
    const letters = shuffled([...word.toLowerCase()], random).map((c) => String.fromCharCode(97 + ((c.charCodeAt(0) - 97 + shift) % 26)));
    const out = letters.map((c, i) => (word[i]! >= 'A' && word[i]! <= 'Z' ? c.toUpperCase() : c)).join('');
    seen.set(word, out);
    return out;
  };
}

/** Markdown with its words scrambled; container lines, attributes and link targets are left as they are. */
function scrambleMarkdown(text: string, scramble: (word: string) => string): string {
  return text.replace(/^:{3,}.*$|\{[^}\n]*\}|\]\([^)\n]*\)|<[^>\n]*>|\[\^[^\]\n]*\]|([A-Za-z]+)/gm, (match, word: string | undefined) => (word ? scramble(word) : match));
}

const TEXT_KEYS = new Set(['title', 'summary', 'text', 'speaker', 'role', 'publisher']);

function scrambleFrontMatter(value: unknown, scramble: (word: string) => string, key?: string): unknown {
  if (Array.isArray(value)) return value.map((item) => scrambleFrontMatter(item, scramble));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrambleFrontMatter(v, scramble, k)]));
  }
  if (typeof value === 'string' && key && TEXT_KEYS.has(key)) return value.replace(/[A-Za-z]+/g, scramble);
  return value;
}

function builtInText(id: string): string {
  return readFileSync(join(builtInSectionsDir(), `${id}.md`), 'utf8');
}

/** A built-in section under a new id, its text optionally rewritten. */
function sectionCopy(id: string, newId: string, scramble?: (word: string) => string): string {
  const file = join(builtInSectionsDir(), `${id}.md`);
  const parts = splitFrontMatter(builtInText(id), file, 'SECTION_INVALID');
  const front = parse(parts.yaml) as Record<string, unknown>;
  const body = scramble ? scrambleMarkdown(parts.body, scramble) : parts.body;
  const newFront = { ...(scramble ? (scrambleFrontMatter(front, scramble) as Record<string, unknown>) : front), id: newId };
  return `---\n${stringify(newFront)}---\n${body}`;
}

/** Markup of a brief from the template stage alone (no typesetting), as Typst source. */
async function typstFor(spec: BriefSpec, files: FileProvider, sectionDirs: string[]): Promise<string> {
  const dated = withBuildDate(spec);
  const library = await loadSectionLibrary({ builtInDir: builtInSectionsDir(), userDirs: sectionDirs, files });
  const sections = pickSections(library, dated.sections);
  const template = await loadTemplate(dated.template, { builtInDir: builtInTemplatesDir(), userDirs: [] });
  const context = buildTemplateContext(dated, sections, template, resolveBriefFields(dated, template));
  const model = parseMarkup(template.renderMarkup(context), { file: 'bench', lang: dated.lang });
  return typstSource(model, { title: dated.title, dateText: context.brief.dateText, classification: dated.classification });
}

/**
 * The section library caches parsed files by path and mtime: the template
 * stage reads its own copy of the variant (another folder, another mtime), so
 * the timed build parses the sections itself, as a first build would.
 */
async function benchBrief(spec: BriefSpec, overlay: Map<string, OverlayEntry>, sectionDirs: string[]): Promise<BenchBrief> {
  const files = overlay.size ? overlayFiles(diskFiles, overlay) : diskFiles;
  const moved = (path: string) => sectionDirs.reduce((p, dir) => (p.startsWith(`${dir}/`) ? `${dir}-markup${p.slice(dir.length)}` : p), path);
  const markupOverlay = new Map([...overlay].map(([path, entry]) => [moved(path), { ...entry, mtimeMs: -entry.mtimeMs - 1 }]));
  const markupFiles = overlay.size ? overlayFiles(diskFiles, markupOverlay) : diskFiles;
  return { spec, files, sectionDirs, typst: await typstFor(spec, markupFiles, sectionDirs.map((dir) => `${dir}-markup`)) };
}

/** The brief the CLI builds by default. */
export function defaultBrief(): Promise<BenchBrief> {
  return benchBrief(defaultSpec(), new Map(), []);
}

/**
 * The default brief in never-seen words (title block too), in its own
 * in-memory folder. `folder` differs per use so no parsed-file cache helps.
 */
export function novelBrief(seed: number, folder: string): Promise<BenchBrief> {
  const scramble = wordScrambler(seed);
  const base = defaultSpec();
  const overlay = new Map<string, OverlayEntry>();
  const ids = base.sections.map((id) => {
    const newId = `novel-${id}`;
    overlay.set(join(folder, `${newId}.md`), { content: sectionCopy(id, newId, scramble), mtimeMs: seed });
    return newId;
  });
  const words = (text: string | undefined) => text?.replace(/[A-Za-z]+/g, scramble);
  const spec: BriefSpec = { ...base, title: words(base.title)!, subtitle: words(base.subtitle), author: words(base.author), audience: words(base.audience), sections: ids };
  return benchBrief(spec, overlay, [folder]);
}

/** The default brief with one word of its middle section changed (a different word for each seed). */
export function editedBrief(seed: number): Promise<BenchBrief> {
  const spec = defaultSpec();
  const id = spec.sections[Math.floor(spec.sections.length / 2)]!;
  const text = builtInText(id);
  const bodyStart = text.indexOf('\n---', 4) + 4;
  const target = /\b(assistance|capability|defense)\b/.exec(text.slice(bodyStart));
  if (!target) throw new Error(`bench: no word to edit in section ${id}`);
  const at = bodyStart + target.index;
  const edited = `${text.slice(0, at)}${wordScrambler(seed)(target[0])}${text.slice(at + target[0].length)}`;
  const overlay = new Map<string, OverlayEntry>([[join(builtInSectionsDir(), `${id}.md`), { content: edited, mtimeMs: 1_000_000 + seed }]]);
  return benchBrief(spec, overlay, []);
}

/**
 * The default brief with a paragraph of its own added to the first section
 * after its first paragraph (odd seeds) or without it (even seeds): rendered
 * in turn, each render inserts or deletes a block, so every block after it
 * moves.
 */
export function insertedBrief(seed: number): Promise<BenchBrief> {
  const spec = defaultSpec();
  const id = spec.sections[0]!;
  const text = builtInText(id);
  if (seed % 2 === 0) return benchBrief(spec, new Map([[join(builtInSectionsDir(), `${id}.md`), { content: text, mtimeMs: 1_000_000 + seed }]]), []);
  const bodyStart = text.indexOf('\n---', 4) + 4;
  const at = text.indexOf('\n\n', text.indexOf('\n\n', bodyStart) + 2);
  if (at < 0) throw new Error(`bench: no paragraph to follow in section ${id}`);
  const paragraph = `\n\nA paragraph added while editing, number ${seed}, long enough to take a line or two of the page in every template.`;
  const edited = `${text.slice(0, at)}${paragraph}${text.slice(at)}`;
  return benchBrief(spec, new Map([[join(builtInSectionsDir(), `${id}.md`), { content: edited, mtimeMs: 1_000_000 + seed }]]), []);
}

/** A book: the six built-in sections `rounds` times, each round in its own order, under new ids. */
export function bookBrief(rounds: number, folder: string): Promise<BenchBrief> {
  const random = seededRandom(13);
  const overlay = new Map<string, OverlayEntry>();
  const ids: string[] = [];
  for (let round = 1; round <= rounds; round++) {
    for (const id of shuffled(ALL_SECTIONS, random)) {
      const newId = `${id}-${round}`;
      overlay.set(join(folder, `${newId}.md`), { content: sectionCopy(id, newId), mtimeMs: 1 });
      ids.push(newId);
    }
  }
  return benchBrief({ ...defaultSpec(), title: 'Alliance handbook', sections: ids }, overlay, [folder]);
}
