/**
 * The benchmark's Typst side: a Typst document with the same content as a
 * brief, written from the brief's own document model (the template's output,
 * parsed), and styled like the memo template: Letter pages with its margins,
 * the same fonts (from assets/fonts), banner, running head and page numbers,
 * sans headings in the accent colour, justified serif body, the bottom-line
 * and key-facts boxes, indented quotations with their attribution.
 */
import type { Block, DocumentModel, Inline } from '../main/engine/model.js';

export interface TypstBriefInfo {
  title: string;
  /** As the header prints it, e.g. "13 January 2023". */
  dateText: string;
  classification: string;
}

/** Memo colours and callout boxes (templates/memo/template.yaml). */
const CALLOUTS: Record<string, { fill: string; border: string; accent: string; bar: number; inset: number }> = {
  bluf: { fill: '#eef3f9', border: '#c9d6e6', accent: '#1f3a5f', bar: 4, inset: 11 },
  'key-facts': { fill: '#f8f6ef', border: '#e2dcc7', accent: '#8a6d1f', bar: 3, inset: 10 },
  note: { fill: '#f3f5f8', border: '#c9d1dc', accent: '#5b6573', bar: 0, inset: 8 },
};

/** Paragraph styles: Typst text and spacing settings for each memo style. */
const PARAGRAPH_STYLES: Record<string, string> = {
  body: '',
  kicker: 'font: "Inter", weight: "bold", size: 8pt, tracking: 0.7pt, fill: rgb("#8a6d1f")',
  subtitle: 'font: "Inter", size: 12.5pt, fill: muted',
  meta: 'font: "Inter", size: 9pt, fill: rgb("#3b4350")',
  callout: 'font: "Inter", size: 9.5pt',
  note: 'font: "Inter", size: 7.5pt, fill: rgb("#6b7280")',
  sources: 'font: "Inter", size: 8.5pt',
};
const UPPERCASE_STYLES = new Set(['kicker']);
const LEFT_ALIGNED_STYLES = new Set(['kicker', 'subtitle', 'meta', 'sources', 'note']);

const str = (text: string): string => `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ')}"`;

function inlines(runs: Inline[]): string {
  return runs
    .map((run) => {
      let out = `#${str(run.text)}`;
      if (run.code) out = `#raw(${str(run.text)})`;
      if (run.href?.startsWith('#fn-')) return `#super[${run.text}]`;
      if (run.bold) out = `#strong[${out}]`;
      if (run.italic) out = `#emph[${out}]`;
      if (run.href && !run.href.startsWith('#')) out = `#link(${str(run.href)})[${out}]`;
      return out;
    })
    .join('');
}

function paragraph(runs: Inline[], style: string): string {
  const settings = PARAGRAPH_STYLES[style] ?? '';
  let body = inlines(runs);
  if (UPPERCASE_STYLES.has(style)) body = `#upper[${body}]`;
  const align = LEFT_ALIGNED_STYLES.has(style) ? '#set par(justify: false); ' : '';
  if (!settings && !align) return `${body}\n\n`;
  return `#[${align}${settings ? `#set text(${settings}); ` : ''}${body}]\n\n`;
}

function blocks(list: Block[], defaultStyle: string): string {
  return list.map((block) => blockSource(block, defaultStyle)).join('');
}

function blockSource(block: Block, defaultStyle: string): string {
  switch (block.type) {
    case 'heading':
      return `${'='.repeat(block.level)} ${inlines(block.runs)}\n\n`;
    case 'paragraph':
      return paragraph(block.runs, block.style ?? defaultStyle);
    case 'list': {
      const items = block.items.map((item) => `[${blocks(item, defaultStyle).trim()}]`).join(', ');
      return block.ordered ? `#enum(start: ${block.start}, ${items})\n\n` : `#list(${items})\n\n`;
    }
    case 'quote': {
      const attribution = block.attribution
        ? `#align(right)[#set text(font: "Inter", size: 8.5pt, style: "normal", fill: muted); ${inlines(block.attribution)}]`
        : '';
      return `#pad(left: 18pt)[#set text(style: "italic", size: 11pt); ${blocks(block.blocks, 'body').trim()}\n\n${attribution}]\n\n`;
    }
    case 'callout': {
      const box = CALLOUTS[block.kind] ?? CALLOUTS.note!;
      const stroke = box.bar > 0 ? `(left: ${box.bar}pt + rgb("${box.accent}"), rest: 0.6pt + rgb("${box.border}"))` : `0.6pt + rgb("${box.border}")`;
      const title = block.title ? `#text(font: "Inter", weight: "bold", size: 8.5pt, tracking: 0.75pt, fill: rgb("${box.accent}"))[#upper[#${str(block.title)}]]\n\n` : '';
      return `#block(width: 100%, breakable: true, fill: rgb("${box.fill}"), stroke: ${stroke}, inset: ${box.inset}pt)[${title}${blocks(block.blocks, 'callout').trim()}]\n\n`;
    }
    case 'table': {
      const cells = [...block.header, ...block.rows.flat()].map((cell) => `[${inlines(cell)}]`).join(', ');
      const caption = block.caption ? `, caption: [${inlines(block.caption)}]` : '';
      return `#figure(table(columns: ${Math.max(1, block.header.length)}, ${cells})${caption})\n\n`;
    }
    case 'rule':
      return '#line(length: 100%, stroke: 0.6pt + rulecolor)\n\n';
    case 'page-break':
      return '#pagebreak()\n\n';
    case 'image':
      return `#block(width: 100%, height: 120pt, stroke: 0.6pt + rulecolor)[#${str(block.alt)}]\n\n`;
    case 'toc':
      return '#outline()\n\n';
    case 'space':
      return `#v(${block.height}pt)\n\n`;
    case 'section':
      return blocks(block.blocks, defaultStyle);
    case 'columns':
      return `#columns(${block.count})[${blocks(block.blocks, defaultStyle).trim()}]\n\n`;
    case 'code':
      return `#raw(block: true, ${str(block.text)})\n\n`;
  }
}

/** The whole Typst source for one brief. */
export function typstSource(model: DocumentModel, info: TypstBriefInfo): string {
  const footnotes = (model.footnotes ?? [])
    .map((note) => `#[#set text(size: 8pt); #super[${note.number}] ${blocks(note.blocks, 'body').trim()}]\n\n`)
    .join('');
  return `#let accent = rgb("#1f3a5f")
#let muted = rgb("#5b6573")
#let rulecolor = rgb("#c9d1dc")
#let banner = block(width: 100%, fill: accent, inset: 3pt, align(center, text(font: "Inter", weight: "bold", size: 8pt, fill: white, ${str(info.classification.toUpperCase())})))
#set document(title: ${str(info.title)})
#set page(
  paper: "us-letter",
  margin: (top: 80pt, right: 76pt, bottom: 80pt, left: 76pt),
  header: context {
    banner
    if counter(page).get().first() > 1 {
      set text(font: "Inter", size: 8pt, fill: muted)
      grid(columns: (1fr, auto), ${str(info.title)}, ${str(info.dateText)})
      line(length: 100%, stroke: 0.6pt + rulecolor)
    }
  },
  footer: context {
    set text(font: "Inter", size: 8pt, fill: muted)
    align(center)[Page #counter(page).display() of #counter(page).final().first()]
    banner
  },
)
#set text(font: "Source Serif 4", size: 10.5pt, fill: rgb("#1b1f24"), lang: "en", region: "us", hyphenate: true)
#set par(justify: true, leading: 0.76em, spacing: 0.76em + 7pt)
#set list(spacing: 0.76em + 3pt)
#set enum(spacing: 0.76em + 3pt)
#show heading: set text(font: "Inter", weight: "bold", fill: accent)
#show heading.where(level: 1): set text(size: 21pt)
#show heading.where(level: 1): set block(above: 0pt, below: 4pt)
#show heading.where(level: 2): set text(size: 13.5pt)
#show heading.where(level: 2): set block(above: 18pt, below: 8pt)
#show heading.where(level: 3): set text(size: 8.5pt, tracking: 0.75pt, fill: muted)
#show heading.where(level: 3): set block(above: 10pt, below: 4pt)
#show heading.where(level: 3): it => upper(it)
#show raw: set text(font: "Source Code Pro")

${blocks(model.blocks, 'body')}${footnotes}`;
}
