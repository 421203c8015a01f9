/**
 * The brief's outline (bookmarks) on the imposed sheets: each entry opens the
 * sheet side that shows its page in the first copy. Written with pdf-lib's
 * low-level objects, which is all an outline is: a linked tree of dictionaries.
 */
import { PDFArray, PDFDict, PDFHexString, PDFName, PDFNumber, type PDFDocument, type PDFRef } from 'pdf-lib';

export interface OutlineEntry {
  title: string;
  /** 1 = top level. */
  level: number;
  /** 1-based logical page. */
  page: number;
}

interface Node {
  entry?: OutlineEntry;
  ref: PDFRef;
  children: Node[];
}

/** `sheetOf(page)`: 0-based sheet side (PDF page) showing the 1-based logical page. */
export function writeSheetOutline(out: PDFDocument, entries: OutlineEntry[], sheetOf: (page: number) => number): void {
  if (entries.length === 0) return;
  const context = out.context;
  const root: Node = { ref: context.nextRef(), children: [] };
  const stack: Node[] = [root];
  for (const entry of entries) {
    // A level deeper than its parent + 1 hangs under the deepest open entry.
    while (stack.length > 1 && stack.at(-1)!.entry!.level >= entry.level) stack.pop();
    const node: Node = { entry, ref: context.nextRef(), children: [] };
    stack.at(-1)!.children.push(node);
    stack.push(node);
  }
  const pages = out.getPages();
  const count = (node: Node): number => node.children.reduce((sum, child) => sum + 1 + count(child), 0);

  const write = (parent: Node): void => {
    parent.children.forEach((node, i) => {
      const page = pages[Math.min(pages.length - 1, sheetOf(node.entry!.page))]!;
      const dict = PDFDict.withContext(context);
      dict.set(PDFName.of('Title'), PDFHexString.fromText(node.entry!.title));
      dict.set(PDFName.of('Parent'), parent.ref);
      const dest = PDFArray.withContext(context);
      dest.push(page.ref);
      dest.push(PDFName.of('Fit'));
      dict.set(PDFName.of('Dest'), dest);
      if (i > 0) dict.set(PDFName.of('Prev'), parent.children[i - 1]!.ref);
      if (i < parent.children.length - 1) dict.set(PDFName.of('Next'), parent.children[i + 1]!.ref);
      if (node.children.length > 0) {
        dict.set(PDFName.of('First'), node.children[0]!.ref);
        dict.set(PDFName.of('Last'), node.children.at(-1)!.ref);
        dict.set(PDFName.of('Count'), PDFNumber.of(count(node)));
      }
      context.assign(node.ref, dict);
      write(node);
    });
  };
  write(root);
  const outlines = PDFDict.withContext(context);
  outlines.set(PDFName.of('Type'), PDFName.of('Outlines'));
  outlines.set(PDFName.of('First'), root.children[0]!.ref);
  outlines.set(PDFName.of('Last'), root.children.at(-1)!.ref);
  outlines.set(PDFName.of('Count'), PDFNumber.of(count(root)));
  context.assign(root.ref, outlines);
  out.catalog.set(PDFName.of('Outlines'), root.ref);
}
