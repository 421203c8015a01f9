/**
 * Read a PDF back with pdf.js, the way a viewer sees it: text per page in
 * reading order (grouped into lines), fonts, links, outline, metadata.
 * Generic on purpose: any test that produces a PDF can use it.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfTextItem {
  str: string;
  /** Left edge and baseline, in points from the top-left corner of the page. */
  x: number;
  y: number;
  width: number;
  fontSize: number;
  /** PostScript name of the font (subset prefix removed), when pdf.js reports it. */
  font: string;
}

export interface PdfLink {
  /** [left, top, right, bottom] in points from the top-left corner. */
  rect: [number, number, number, number];
  url?: string;
  /** Named or explicit destination of an internal link. */
  dest?: string | unknown[];
  /** 1-based page the internal link goes to. */
  destPage?: number;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  items: PdfTextItem[];
  /** Items on one baseline joined (a space where there is a visible gap), top to bottom. */
  lines: string[];
  /** lines joined with "\n". */
  text: string;
  fonts: string[];
  links: PdfLink[];
}

export interface PdfOutlineEntry {
  title: string;
  level: number;
  /** 1-based page, or undefined when the destination does not resolve. */
  page?: number;
  /** Top of the destination in points from the top of the page, when it has one. */
  top?: number;
}

export interface PdfRead {
  pageCount: number;
  pages: PdfPage[];
  outline: PdfOutlineEntry[];
  /** The Info dictionary (Title, Author, Subject, Keywords, Creator, Producer, CreationDate, ModDate…). */
  info: Record<string, unknown>;
  /** /Lang of the catalog. */
  lang?: string;
  /** Every font used on any page. */
  fonts: string[];
}

interface RawTextItem {
  str: string;
  transform: number[];
  width: number;
  fontName: string;
  hasEOL?: boolean;
}

function stripSubsetTag(name: string): string {
  return name.replace(/^[A-Z]{6}\+/, '');
}

async function openPdf(bytes: Uint8Array): Promise<PDFDocumentProxy> {
  // pdf.js may detach the buffer it is given: hand it a copy.
  return getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, fontExtraProperties: true, isEvalSupported: false, verbosity: 0 })
    .promise;
}

async function pageOfRef(doc: PDFDocumentProxy, dest: unknown): Promise<{ page?: number; top?: number }> {
  let explicit = dest;
  if (typeof dest === 'string') explicit = await doc.getDestination(dest);
  if (!Array.isArray(explicit) || explicit.length === 0) return {};
  const target = explicit[0] as unknown;
  let index: number | undefined;
  if (typeof target === 'number') index = target;
  else if (target && typeof target === 'object') index = await doc.getPageIndex(target as { num: number; gen: number });
  if (index === undefined) return {};
  const page = await doc.getPage(index + 1);
  const [, , , pageTop] = page.view as [number, number, number, number];
  const y = explicit[1] && (explicit[1] as { name?: string }).name === 'XYZ' ? (explicit[3] as number | null) : null;
  return { page: index + 1, top: typeof y === 'number' ? pageTop - y : undefined };
}

function groupLines(items: PdfTextItem[]): string[] {
  const lines: { y: number; items: PdfTextItem[] }[] = [];
  for (const item of items) {
    if (!item.str) continue;
    const tolerance = Math.max(item.fontSize * 0.3, 1);
    let line = lines.find((candidate) => Math.abs(candidate.y - item.y) <= tolerance);
    if (!line) {
      line = { y: item.y, items: [] };
      lines.push(line);
    }
    line.items.push(item);
  }
  lines.sort((a, b) => a.y - b.y);
  return lines.map((line) => {
    // Keep content order within a line, but put separate columns (header slots) left to right.
    const ordered = [...line.items].sort((a, b) => a.x - b.x);
    let out = '';
    let end = Number.NEGATIVE_INFINITY;
    for (const item of ordered) {
      const gap = item.x - end;
      if (out && gap > item.fontSize * 0.25 && !/\s$/.test(out) && !/^\s/.test(item.str)) out += ' ';
      out += item.str;
      end = item.x + item.width;
    }
    return out.replace(/\s+$/, '');
  });
}

export async function readPdf(bytes: Uint8Array): Promise<PdfRead> {
  const doc = await openPdf(bytes);
  try {
    const pages: PdfPage[] = [];
    const allFonts = new Set<string>();
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const [, , width, height] = page.view as [number, number, number, number];
      await page.getOperatorList();
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      const fonts = new Set<string>();
      for (const raw of content.items as RawTextItem[]) {
        if (typeof raw.str !== 'string') continue;
        let font = raw.fontName;
        try {
          const loaded = page.commonObjs.get(raw.fontName) as { name?: string } | undefined;
          if (loaded?.name) font = stripSubsetTag(loaded.name);
        } catch {
          // Not resolved: keep pdf.js's internal name.
        }
        if (raw.str) fonts.add(font);
        const [a = 0, b = 0, , , e = 0, f = 0] = raw.transform;
        items.push({ str: raw.str, x: e, y: height - f, width: raw.width, fontSize: Math.hypot(a, b), font });
      }
      for (const font of fonts) allFonts.add(font);
      const links: PdfLink[] = [];
      for (const annotation of (await page.getAnnotations()) as { subtype: string; rect: number[]; url?: string; dest?: string | unknown[] }[]) {
        if (annotation.subtype !== 'Link') continue;
        const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = annotation.rect;
        const link: PdfLink = { rect: [x1, height - y2, x2, height - y1] };
        if (annotation.url) link.url = annotation.url;
        if (annotation.dest) {
          link.dest = annotation.dest;
          link.destPage = (await pageOfRef(doc, annotation.dest)).page;
        }
        links.push(link);
      }
      const lines = groupLines(items);
      pages.push({ number, width, height, items, lines, text: lines.join('\n'), fonts: [...fonts], links });
      page.cleanup();
    }

    const outline: PdfOutlineEntry[] = [];
    interface OutlineNode {
      title: string;
      dest: string | unknown[] | null;
      items: OutlineNode[];
    }
    const walk = async (nodes: OutlineNode[] | null, level: number): Promise<void> => {
      for (const node of nodes ?? []) {
        const where = node.dest ? await pageOfRef(doc, node.dest) : {};
        outline.push({ title: node.title, level, page: where.page, top: where.top });
        await walk(node.items, level + 1);
      }
    };
    await walk(await doc.getOutline(), 1);

    const metadata = await doc.getMetadata();
    const info = { ...(metadata.info as Record<string, unknown>) };
    const lang = typeof info.Language === 'string' ? info.Language : undefined;
    return { pageCount: doc.numPages, pages, outline, info, lang, fonts: [...allFonts] };
  } finally {
    await doc.destroy();
  }
}

/** Fonts as poppler's `pdffonts` lists them (name, type, embedded, subset), a second opinion on embedding. */
export function pdffonts(bytes: Uint8Array): { name: string; type: string; embedded: boolean; subset: boolean }[] {
  return withTempPdf(bytes, (file) => {
    const out = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    return out
      .split('\n')
      .slice(2)
      .filter((line) => line.trim())
      .map((line) => {
        const parts = line.trim().split(/\s+/);
        // name type [type…] encoding emb sub uni object-id: read the yes/no columns from the end.
        const tail = parts.slice(-5);
        return { name: parts[0] as string, type: parts.slice(1, -6).join(' '), embedded: tail[0] === 'yes', subset: tail[1] === 'yes' };
      });
  });
}

/** `qpdf --check`: exit status 0 and its report. */
export function qpdfCheck(bytes: Uint8Array): { ok: boolean; output: string } {
  return withTempPdf(bytes, (file) => {
    try {
      return { ok: true, output: execFileSync('qpdf', ['--check', file], { encoding: 'utf8' }) };
    } catch (error) {
      const failure = error as { stdout?: string; stderr?: string };
      return { ok: false, output: `${failure.stdout ?? ''}${failure.stderr ?? ''}` };
    }
  });
}

/** Page text as poppler's `pdftotext -layout` extracts it (another extractor than pdf.js). */
export function pdftotext(bytes: Uint8Array, page?: number): string {
  return withTempPdf(bytes, (file) => {
    const range = page ? ['-f', String(page), '-l', String(page)] : [];
    return execFileSync('pdftotext', [...range, '-layout', file, '-'], { encoding: 'utf8' });
  });
}

export interface PageRaster {
  width: number;
  height: number;
  /** Colour at a point given in PDF points from the top-left corner, as "#rrggbb". */
  colorAt(x: number, y: number): string;
}

/** Rasterise one page with poppler (`pdftoppm`) to check what is drawn where (colours, boxes, rules). */
export function rasterizePage(bytes: Uint8Array, page: number, dpi = 72): PageRaster {
  return withTempPdf(bytes, (file) => {
    const ppm = execFileSync('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), '-singlefile', file], { maxBuffer: 64 * 1024 * 1024 });
    // Binary PPM: "P6", width, height, maxval, one whitespace, then RGB bytes.
    let offset = 0;
    const fields: string[] = [];
    while (fields.length < 4) {
      while (/\s/.test(String.fromCharCode(ppm[offset] as number))) offset++;
      let field = '';
      while (!/\s/.test(String.fromCharCode(ppm[offset] as number))) field += String.fromCharCode(ppm[offset++] as number);
      fields.push(field);
    }
    offset++;
    const width = Number(fields[1]);
    const height = Number(fields[2]);
    const scale = dpi / 72;
    return {
      width,
      height,
      colorAt(x, y) {
        const px = Math.min(width - 1, Math.max(0, Math.floor(x * scale)));
        const py = Math.min(height - 1, Math.max(0, Math.floor(y * scale)));
        const at = offset + (py * width + px) * 3;
        return `#${[ppm[at], ppm[at + 1], ppm[at + 2]].map((value) => (value as number).toString(16).padStart(2, '0')).join('')}`;
      },
    };
  });
}

export function withTempPdf<T>(bytes: Uint8Array, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-read-'));
  const file = join(dir, 'doc.pdf');
  try {
    writeFileSync(file, bytes);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
