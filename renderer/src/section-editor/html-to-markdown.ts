/**
 * Text pasted from a web page or a word processor, as clean Markdown the
 * engine reads: Turndown with its GitHub tables, every heading a section
 * subheading (###, as a section body writes them), and nothing the engine
 * would refuse or show as raw HTML. Pictures in the pasted HTML point at someone else's
 * files: they are left out and counted, so the writer can drop the files in.
 */
import TurndownService from 'turndown';
import { strikethrough, tables } from 'turndown-plugin-gfm';

export interface PastedMarkdown {
  markdown: string;
  /** Pictures of the pasted HTML left out. */
  imagesLeftOut: number;
}

let service: TurndownService | undefined;

function converter(): TurndownService {
  if (service) return service;
  service = new TurndownService({ headingStyle: 'atx', codeBlockStyle: 'fenced', bulletListMarker: '-', emDelimiter: '*', strongDelimiter: '**', hr: '---' });
  service.use([tables, strikethrough]);
  service.remove(['script', 'style', 'meta', 'title', 'head', 'noscript', 'template', 'iframe', 'object']);
  // One space after a list marker (Turndown's default is three): the Markdown a writer would type.
  service.addRule('listItem', {
    filter: 'li',
    replacement: (content, node) => {
      const parent = node.parentNode as HTMLElement | null;
      let prefix = '- ';
      if (parent?.nodeName === 'OL') {
        const start = Number(parent.getAttribute('start') ?? 1);
        prefix = `${start + [...parent.children].indexOf(node)}. `;
      }
      const text = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n/gm, `\n${' '.repeat(prefix.length)}`);
      return `${prefix}${text}${node.nextSibling && !text.endsWith('\n') ? '\n' : ''}`;
    },
  });
  // Every heading is a subheading of the section (###): the template gives the
  // section its own heading (##), which a pasted h1 or h2 would outrank, and
  // brief markup has no level below 3.
  service.addRule('sectionHeadings', {
    filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
    replacement: (content) => `\n\n### ${content.trim()}\n\n`,
  });
  return service;
}

export function htmlToMarkdown(html: string): PastedMarkdown {
  // An inert document: nothing in it runs or loads.
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const images = [...doc.body.querySelectorAll('img, picture, video, audio, canvas, svg')];
  images.forEach((image) => image.remove());
  // Word's paragraph markers and conditional comments carry no text.
  for (const marker of doc.body.querySelectorAll('o\\:p')) marker.remove();
  giveTablesAHeader(doc);
  const markdown = converter()
    .turndown(doc.body)
    .replace(/\u00a0/g, ' ')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { markdown, imagesLeftOut: images.length };
}

/** A table without a header row would be kept as HTML; its first row becomes the header instead. */
function giveTablesAHeader(doc: Document): void {
  for (const table of doc.body.querySelectorAll('table')) {
    const first = table.rows[0];
    if (!first || first.parentElement?.nodeName === 'THEAD' || [...first.cells].every((cell) => cell.nodeName === 'TH')) continue;
    for (const cell of [...first.cells]) {
      const header = doc.createElement('th');
      header.append(...cell.childNodes);
      cell.replaceWith(header);
    }
  }
}
