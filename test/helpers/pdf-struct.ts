/**
 * Read a tagged PDF's structure back: the whole tree from the catalog (pdf-lib
 * walks the objects), each element with the text of the marked content it
 * owns (pdf.js extracts it by MCID), and per page what pdf.js getStructTree()
 * reports. Generic: any test with a tagged PDF can use it.
 */
import { PDFArray, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRef, PDFString, PDFHexString, type PDFObject } from 'pdf-lib';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface StructNode {
  role: string;
  alt?: string;
  lang?: string;
  /** /A /Scope of a table header cell. */
  scope?: string;
  /** Text of the element and everything inside it, in reading order, spaces collapsed. */
  text: string;
  /** Annotations the element owns (OBJR): the page it names (/Pg) and the page whose /Annots hold it (object numbers). */
  annotations: { pg?: number; onPage?: number }[];
  children: StructNode[];
}

export interface PageStructure {
  /** Roles in the page's getStructTree(), depth first. */
  roles: string[];
  /** Marked-content ids the page's structure tree points at. */
  contentIds: string[];
  /** Tag of every marked-content sequence with an id, by id (what the tree points at must not be an Artifact). */
  tagOfId: Map<string, string>;
  /** Text inside Artifact marked content on the page. */
  artifactText: string;
}

export interface PdfStructure {
  root?: StructNode;
  pages: PageStructure[];
}

interface PdfJsNode {
  role?: string;
  type?: string;
  id?: string;
  children?: PdfJsNode[];
}

interface MarkedItem {
  type?: string;
  tag?: string;
  id?: string;
  str?: string;
  hasEOL?: boolean;
}

export async function readStructure(bytes: Uint8Array): Promise<PdfStructure> {
  const textById = new Map<string, string>();
  const pages: PageStructure[] = [];
  const loading = getDocument({ data: bytes.slice(), verbosity: 0, useSystemFonts: false });
  const pdf = await loading.promise;
  try {
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const content = await page.getTextContent({ includeMarkedContent: true });
      const tagOfId = new Map<string, string>();
      const stack: { tag: string; id?: string }[] = [];
      let artifactText = '';
      for (const raw of content.items as MarkedItem[]) {
        if (raw.type === 'beginMarkedContent' || raw.type === 'beginMarkedContentProps') {
          stack.push({ tag: raw.tag ?? '', id: raw.id ?? undefined });
          if (raw.id) tagOfId.set(raw.id, raw.tag ?? '');
          continue;
        }
        if (raw.type === 'endMarkedContent') {
          stack.pop();
          continue;
        }
        if (raw.str === undefined) continue;
        // A line that ends at a hyphen continues its word on the next line, as readers join it.
        const text = raw.str + (raw.hasEOL && !raw.str.endsWith('-') ? ' ' : '');
        if (stack.some((entry) => entry.tag === 'Artifact')) artifactText += text;
        const owner = [...stack].reverse().find((entry) => entry.id);
        if (owner?.id) textById.set(owner.id, (textById.get(owner.id) ?? '') + text);
      }
      const tree = (await page.getStructTree()) as PdfJsNode | null;
      const roles: string[] = [];
      const contentIds: string[] = [];
      const walk = (node: PdfJsNode) => {
        if (node.type === 'content' && node.id) contentIds.push(node.id);
        if (node.role) roles.push(node.role);
        for (const child of node.children ?? []) walk(child);
      };
      if (tree) walk(tree);
      pages.push({ roles, contentIds, tagOfId, artifactText });
    }
  } finally {
    await loading.destroy();
  }

  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const pageOfAnnotation = new Map<number, number>();
  for (const page of doc.getPages()) {
    const annots = page.node.Annots();
    for (const ref of annots?.asArray() ?? []) if (ref instanceof PDFRef) pageOfAnnotation.set(ref.objectNumber, page.ref.objectNumber);
  }
  const structRoot = doc.catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!structRoot) return { pages };

  const lookup = (object: PDFObject | undefined): PDFObject | undefined => (object instanceof PDFRef ? doc.context.lookup(object) : object);
  const textOf = (object: PDFObject | undefined): string | undefined => {
    const value = lookup(object);
    return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
  };
  const mcText = (pageRef: PDFObject | undefined, mcid: number): string => {
    if (!(pageRef instanceof PDFRef)) return '';
    return textById.get(`p${pageRef.objectNumber}R_mc${mcid}`) ?? '';
  };
  const toNode = (dict: PDFDict, inheritedPage: PDFObject | undefined): StructNode => {
    const role = (dict.get(PDFName.of('S')) as PDFName).decodeText();
    const pageRef = dict.get(PDFName.of('Pg')) ?? inheritedPage;
    const node: StructNode = { role, text: '', children: [], annotations: [] };
    const alt = textOf(dict.get(PDFName.of('Alt')));
    if (alt !== undefined) node.alt = alt;
    const lang = textOf(dict.get(PDFName.of('Lang')));
    if (lang !== undefined) node.lang = lang;
    const attributes = lookup(dict.get(PDFName.of('A')));
    if (attributes instanceof PDFDict) {
      const scope = attributes.get(PDFName.of('Scope'));
      if (scope instanceof PDFName) node.scope = scope.decodeText();
    }
    let text = '';
    const kids = lookup(dict.get(PDFName.of('K')));
    const list = kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
    for (const kid of list) {
      const value = lookup(kid);
      if (value instanceof PDFNumber) text += mcText(pageRef, value.asNumber());
      else if (value instanceof PDFDict) {
        const type = value.get(PDFName.of('Type'));
        if (type instanceof PDFName && type.decodeText() === 'MCR') text += mcText(value.get(PDFName.of('Pg')), (value.get(PDFName.of('MCID')) as PDFNumber).asNumber());
        else if (type instanceof PDFName && type.decodeText() === 'OBJR') {
          const pg = value.get(PDFName.of('Pg'));
          const obj = value.get(PDFName.of('Obj'));
          node.annotations.push({ pg: pg instanceof PDFRef ? pg.objectNumber : undefined, onPage: obj instanceof PDFRef ? pageOfAnnotation.get(obj.objectNumber) : undefined });
        }
        else {
          const child = toNode(value, pageRef);
          node.children.push(child);
          text += ` ${child.text} `;
        }
      }
    }
    node.text = text.replace(/\s+/g, ' ').trim();
    return node;
  };
  structRoot.set(PDFName.of('S'), PDFName.of('StructTreeRoot'));
  return { root: toNode(structRoot, undefined), pages };
}

/** Every element depth first (the root included). */
export function flatten(node: StructNode | undefined, out: StructNode[] = []): StructNode[] {
  if (!node) return out;
  out.push(node);
  for (const child of node.children) flatten(child, out);
  return out;
}
