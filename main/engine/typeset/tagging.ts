/**
 * The structure tree (tagged PDF): one structure element per block tag, made
 * the first time the block draws something, so the tree follows the order of
 * the document model and holds no empty elements. Content is wrapped in
 * marked-content sequences (MCIDs) that point at their element; page
 * furniture and decorations are Artifacts and stay out of the tree.
 */
import type { BlockTag } from './flow.js';
import type { DocumentInternals, StructElement } from './pdfkit-internals.js';
import type { LinkTarget } from './text-runs.js';

/** What a piece of drawing belongs to: a block of the document, or furniture. */
export type Marking = BlockTag | 'Artifact';

/** Roles of the flow that are not standard PDF 1.7 structure types. */
const STANDARD_ROLE: Record<string, string> = { Title: 'H1', Aside: 'Div' };

/** The PDF structure type written for a block role. */
export function structureType(role: string): string {
  return STANDARD_ROLE[role] ?? role;
}

/** Japanese text (kana, CJK ideographs, full-width forms): it gets /Lang (ja). */
const JAPANESE = /[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]/u;

export function isJapanese(text: string): boolean {
  return JAPANESE.test(text);
}

export class StructureTagger {
  private readonly elements = new Map<BlockTag, StructElement>();
  private readonly root: StructElement;
  private open: Marking | null = null;
  private openLink: LinkTarget | undefined;
  /** The Link element of the last linked text, so its annotation joins it. */
  private lastLink: { target: LinkTarget; element: StructElement } | undefined;
  /** Link elements made on the current page (ended with it, see finishPage). */
  private pageLinks: StructElement[] = [];

  constructor(private readonly doc: DocumentInternals) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** Close the open marked-content sequence and open one for `marking` (text of `link` inside it). */
  switchTo(marking: Marking | null, link?: LinkTarget): void {
    this.close();
    if (marking === null) return;
    this.open = marking;
    if (marking === 'Artifact') {
      this.doc.markContent('Artifact', { type: 'Layout' });
      return;
    }
    let element = this.element(marking);
    let type = structureType(marking.role);
    if (link) {
      const linkElement = this.doc.struct('Link');
      element.add(linkElement);
      this.pageLinks.push(linkElement);
      this.lastLink = { target: link, element: linkElement };
      this.openLink = link;
      element = linkElement;
      type = 'Link';
    }
    element.add(this.doc.markStructureContent(type));
  }

  close(): void {
    if (this.open === null) return;
    this.doc.endMarkedContent();
    this.open = null;
    this.openLink = undefined;
  }

  /** The structure element a link annotation belongs to (undefined on furniture). */
  linkElement(target: LinkTarget): StructElement | undefined {
    if (this.lastLink && sameTarget(this.lastLink.target, target)) return this.lastLink.element;
    if (this.open === null || this.open === 'Artifact') return undefined;
    const element = this.doc.struct('Link');
    this.element(this.open).add(element);
    this.pageLinks.push(element);
    this.lastLink = { target, element };
    return element;
  }

  /**
   * End the page's Link elements while it is the current page: PDFKit writes
   * an annotation's page (OBJR /Pg) when its element ends. A link continued
   * on the next page gets a Link element of its own there.
   */
  finishPage(): void {
    this.close();
    for (const element of this.pageLinks) element.end();
    this.pageLinks = [];
    this.lastLink = undefined;
  }

  get currentLink(): LinkTarget | undefined {
    return this.openLink;
  }

  private element(tag: BlockTag): StructElement {
    let element = this.elements.get(tag);
    if (!element) {
      const options: Record<string, string> = {};
      if (tag.alt) options.alt = tag.alt;
      if (tag.scope) options.scope = tag.scope;
      if (tag.lang) options.lang = tag.lang;
      element = this.doc.struct(structureType(tag.role), options);
      (tag.parent ? this.element(tag.parent) : this.root).add(element);
      this.elements.set(tag, element);
    }
    return element;
  }
}

export function sameTarget(a: LinkTarget | undefined, b: LinkTarget | undefined): boolean {
  if (a === b) return true;
  if (!a || !b || a.kind !== b.kind) return false;
  return a.kind === 'uri' ? a.uri === (b as typeof a).uri : a.name === (b as typeof a).name;
}
