/**
 * A section file as the section editor reads and writes it: the same `.md`
 * the command line reads, front matter then body. Saving edits the file's
 * parsed YAML document in place rather than writing a fresh object, so
 * comments, quoting and fields the form does not show (lang, portionMark,
 * a quotation's source…) survive, and the fields always come out in one
 * order: id, title, summary, key_facts, quotes, sources, tags, then the rest.
 */
import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq, type Node, type Pair } from 'yaml';
import { BriefError, splitFrontMatter } from '../engine/index.js';
import type { SectionFields } from '../shared/ipc-contract.js';

export const TOP_LEVEL_ORDER = ['id', 'title', 'summary', 'key_facts', 'quotes', 'sources', 'tags', 'lang', 'portionMark'] as const;
const KEY_FACT_ORDER = ['text', 'source', 'locator'] as const;
const QUOTE_ORDER = ['text', 'speaker', 'role', 'date', 'source', 'locator'] as const;
const SOURCE_ORDER = ['id', 'title', 'publisher', 'date', 'url', 'locator'] as const;
/** Dates are quoted so no YAML reader takes `2024-06` for anything but text. */
const QUOTED_KEYS = new Set(['date']);

export const emptySectionFields = (title = ''): SectionFields => ({ title, summary: '', tags: [], key_facts: [], quotes: [], sources: [] });

/** The parts of a section file the editor shows; a front matter the form cannot hold (not YAML, not a mapping) is a located error. */
export function readSectionForEdit(text: string, file: string): { fields: SectionFields; body: string } {
  const parts = splitFrontMatter(text, file, 'SECTION_INVALID');
  const doc = parseDocument(parts.yaml, { prettyErrors: false });
  const error = doc.errors[0];
  if (error) {
    throw new BriefError('YAML_SYNTAX', `section front matter is not valid YAML: ${error.message.split('\n')[0]}`, {
      location: { file, line: (error.linePos?.[0].line ?? 1) + parts.yamlLineOffset, column: error.linePos?.[0].col ?? 1 },
    });
  }
  const data: unknown = doc.toJS() ?? {};
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new BriefError('SECTION_INVALID', 'section front matter must be a list of `field: value` lines', { location: { file, line: 2, column: 1 } });
  }
  const record = data as Record<string, unknown>;
  // A value the form cannot show as text (a nested mapping) is shown as YAML would write it inline, so nothing is dropped silently.
  const str = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    return typeof value === 'string' ? value : JSON.stringify(value);
  };
  const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.map((v) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : { text: v })) : []);
  // An optional field left out stays out (a form field for it starts empty).
  const opt = (key: string, value: unknown): Record<string, string> => (value === undefined || value === null || value === '' ? {} : { [key]: str(value) });
  return {
    body: parts.body,
    fields: {
      title: str(record.title),
      summary: str(record.summary),
      tags: Array.isArray(record.tags) ? record.tags.map(str) : [],
      key_facts: list(record.key_facts).map((f) => ({ text: str(f.text), ...opt('source', f.source), ...opt('locator', f.locator) })),
      quotes: list(record.quotes).map((q) => ({
        text: str(q.text),
        speaker: str(q.speaker),
        role: str(q.role),
        date: str(q.date),
        ...opt('source', q.source),
        ...opt('locator', q.locator),
      })),
      sources: list(record.sources).map((s) => ({
        id: str(s.id),
        title: str(s.title),
        publisher: str(s.publisher),
        date: str(s.date),
        ...opt('url', s.url),
        ...opt('locator', s.locator),
      })),
    },
  };
}

/**
 * The file text for a section: `existing` (the file as it is on disk, if
 * any) edited to hold `id`, `fields` and `body`. An existing front matter
 * that is not a YAML mapping is replaced by a fresh one.
 */
export function composeSectionFile(id: string, fields: SectionFields, body: string, existing?: string): string {
  const doc = editableDocument(existing);
  const map = doc.contents as YAMLMap;
  setScalar(doc, map, 'id', id);
  setScalar(doc, map, 'title', fields.title);
  setScalar(doc, map, 'summary', fields.summary);
  setList(doc, map, 'key_facts', fields.key_facts, KEY_FACT_ORDER);
  setList(doc, map, 'quotes', fields.quotes, QUOTE_ORDER);
  setList(doc, map, 'sources', fields.sources, SOURCE_ORDER);
  setTags(doc, map, fields.tags.map((t) => t.trim()).filter(Boolean));
  sortPairs(map, TOP_LEVEL_ORDER);
  const yaml = doc.toString({ lineWidth: 0 });
  const text = body.endsWith('\n') || body === '' ? body : `${body}\n`;
  return `---\n${yaml}---\n${text}`;
}

/** A copy of a section file under another id (and title): everything else as it was. */
export function withSectionId(existing: string, id: string, title?: string): string {
  const doc = editableDocument(existing);
  const map = doc.contents as YAMLMap;
  setScalar(doc, map, 'id', id);
  if (title !== undefined) setScalar(doc, map, 'title', title);
  sortPairs(map, TOP_LEVEL_ORDER);
  const body = existing ? splitFrontMatter(existing, `${id}.md`).body : '';
  return `---\n${doc.toString({ lineWidth: 0 })}---\n${body}`;
}

function editableDocument(existing: string | undefined): Document {
  if (existing !== undefined) {
    try {
      const doc = parseDocument(splitFrontMatter(existing, 'section.md').yaml, { prettyErrors: false });
      if (doc.errors.length === 0 && isMap(doc.contents)) return doc;
    } catch {
      // No front matter to keep: start a fresh one.
    }
  }
  return new Document(new YAMLMap());
}

function setScalar(doc: Document, map: YAMLMap, key: string, value: string): void {
  const current: unknown = map.get(key, true);
  if (isScalar(current)) {
    current.value = value;
    return;
  }
  map.set(doc.createNode(key), scalarNode(doc, key, value));
}

function scalarNode(doc: Document, key: string, value: string): Scalar {
  const node = doc.createNode(value) as Scalar;
  if (QUOTED_KEYS.has(key)) node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/** Item by item, so the comments and extra fields of an item that stays keep their place. */
function setList(doc: Document, map: YAMLMap, key: string, items: Record<string, string | undefined>[], order: readonly string[]): void {
  if (items.length === 0) {
    map.delete(key);
    return;
  }
  let seq: unknown = map.get(key, true);
  if (!isSeq(seq)) {
    seq = new YAMLSeq();
    map.set(doc.createNode(key), seq);
  }
  const list = seq as YAMLSeq;
  items.forEach((item, index) => {
    let entry = list.items[index];
    if (!isMap(entry)) {
      entry = new YAMLMap();
      list.items[index] = entry;
    }
    const itemMap = entry as YAMLMap;
    for (const field of order) {
      const value = item[field];
      if (value === undefined || value === '') itemMap.delete(field);
      else setScalar(doc, itemMap, field, value);
    }
    sortPairs(itemMap, order);
  });
  list.items.length = items.length;
}

function setTags(doc: Document, map: YAMLMap, tags: string[]): void {
  if (tags.length === 0) {
    map.delete('tags');
    return;
  }
  const current: unknown = map.get('tags', true);
  const flow = !isSeq(current) || current.flow === true;
  const node = doc.createNode(tags, { flow }) as Node;
  if (isSeq(current)) {
    // Keep a comment written on the tags line.
    (node as YAMLSeq).comment = current.comment;
    (node as YAMLSeq).commentBefore = current.commentBefore;
  }
  map.set(doc.createNode('tags'), node);
}

/** Known keys first, in `order`; any other key after them, as it was. A key's comments travel with it. */
function sortPairs(map: YAMLMap, order: readonly string[]): void {
  const rank = (pair: Pair): number => {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const index = order.indexOf(key);
    return index < 0 ? order.length : index;
  };
  const first = map.items[0];
  const leading = first && isScalar(first.key) ? first.key.commentBefore : undefined;
  if (first && isScalar(first.key)) first.key.commentBefore = undefined;
  map.items = map.items.map((pair, index) => ({ pair, index })).sort((a, b) => rank(a.pair) - rank(b.pair) || a.index - b.index).map((e) => e.pair);
  // A comment heading the front matter stays at its top, whichever key now comes first.
  const head = map.items[0];
  if (leading && head && isScalar(head.key)) head.key.commentBefore = [leading, head.key.commentBefore].filter(Boolean).join('\n');
}
