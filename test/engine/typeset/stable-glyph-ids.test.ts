/**
 * Glyph codes are glyph ids: an edit that brings a glyph the document never
 * used onto its first page leaves the content streams of later pages byte for
 * byte as they were (with PDFKit's numbering by first use, every later glyph
 * would have been renumbered). Rendered with every cache off, so this is the
 * output itself, not reuse. The text still extracts, and the file is valid.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { PDFArray, PDFDocument, PDFRawStream, type PDFPage } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diskFiles, overlayFiles } from '../../../main/engine/file-provider.js';
import { setMarkupMemoEnabled } from '../../../main/engine/markup.js';
import { builtInSectionsDir, fontsDir } from '../../../main/engine/paths.js';
import { buildBrief } from '../../../main/engine/render.js';
import { defaultSpec } from '../../../main/engine/spec-schema.js';
import { setRenderCachesEnabled, setShapingMemoEnabled } from '../../../main/engine/typeset/index.js';
import { pdftotext, qpdfCheck } from '../../helpers/pdf-read.js';

function allCaches(on: boolean): void {
  setMarkupMemoEnabled(on);
  setShapingMemoEnabled(on);
  setRenderCachesEnabled(on);
}

/** Each page's content, decompressed. */
async function pageStreams(bytes: Uint8Array): Promise<Buffer[]> {
  const pdf = await PDFDocument.load(bytes);
  return pdf.getPages().map((page: PDFPage) => {
    const contents = page.node.Contents();
    const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => pdf.context.lookup(ref)) : [contents];
    return Buffer.concat(streams.map((stream) => inflateSync((stream as PDFRawStream).contents)));
  });
}

describe('glyph codes that do not depend on the rest of the document', () => {
  beforeAll(() => allCaches(false));
  afterAll(() => allCaches(true));

  it('an edit on the first page that brings a new glyph leaves later pages’ content streams unchanged', async () => {
    const spec = defaultSpec();
    const path = join(builtInSectionsDir(), `${spec.sections[0]}.md`);
    const text = readFileSync(path, 'utf8');
    const bodyStart = text.indexOf('\n---', 4) + 4;
    const at = bodyStart + text.slice(bodyStart).search(/\bthe\b/);
    // "ê" appears nowhere in the default brief: its glyph is new to the document.
    const edited = `${text.slice(0, at)}thê${text.slice(at + 3)}`;
    expect(text).not.toContain('ê');

    const before = await buildBrief(spec);
    const after = await buildBrief(spec, { files: overlayFiles(diskFiles, new Map([[path, { content: edited, mtimeMs: 1 }]])) });
    expect(after.pageCount).toBe(before.pageCount);

    const was = await pageStreams(before.pdf);
    const now = await pageStreams(after.pdf);
    const changed = was.map((stream, index) => !stream.equals(now[index]!));
    const editedPage = changed.indexOf(true);
    // The edit shows where it was made, and nowhere else: pages after it have the same text and the same bytes.
    expect(editedPage).toBeGreaterThanOrEqual(0);
    expect(pdftotext(after.pdf, editedPage + 1)).toContain('thê');
    const later = changed.slice(editedPage + 1);
    expect(later.length).toBeGreaterThanOrEqual(3);
    for (let page = editedPage + 2; page <= was.length; page++) expect(pdftotext(after.pdf, page)).toBe(pdftotext(before.pdf, page));
    expect(later).toEqual(later.map(() => false));

    const check = qpdfCheck(after.pdf);
    expect(check.ok, check.output).toBe(true);
  }, 60_000);
});

/** Every built-in font file, and the WOFF2 fixtures (their tables are compressed). */
function fontFiles(): string[] {
  const fixtures = join(import.meta.dirname, '../../fixtures/templates/house/fonts');
  return [
    ...readdirSync(fontsDir()).filter((name) => /\.(ttf|otf)$/.test(name)).map((name) => join(fontsDir(), name)),
    ...readdirSync(fixtures).filter((name) => name.endsWith('.woff2')).map((name) => join(fixtures, name)),
  ];
}

describe("the font descriptor's post-table values", () => {
  it('read from the table header equal what fontkit decodes, for every built-in font and the WOFF2 fixtures', async () => {
    const { create } = await import('fontkit');
    const { postHeader } = await import('../../../main/engine/typeset/stable-glyph-ids.js');
    const files = fontFiles();
    expect(files.length).toBeGreaterThan(12);
    const angles = new Set<number>();
    const pitches = new Set<number>();
    for (const file of files) {
      const font = create(readFileSync(file)) as unknown as { _tables: Record<string, unknown> };
      const header = postHeader(font as never);
      // TrueType files are read from the header alone: fontkit never decoded the table (its glyph names).
      if (file.endsWith('.ttf')) expect(font._tables.post, file).toBeUndefined();
      // A fresh font object, so fontkit decodes the table itself.
      const decoded = create(readFileSync(file)) as unknown as { italicAngle: number; post: { isFixedPitch: number } };
      expect(header, file).toEqual({ italicAngle: decoded.italicAngle, isFixedPitch: decoded.post.isFixedPitch });
      angles.add(header.italicAngle);
      pitches.add(header.isFixedPitch);
    }
    // Upright and slanted faces, proportional and fixed-pitch ones: both values really vary.
    expect(angles.size).toBeGreaterThan(1);
    expect(pitches.size).toBe(2);
  });
});

describe('advance widths read from the hmtx table', () => {
  it('equal what fontkit gives for every glyph of the built-in fonts and the WOFF2 fixtures', async () => {
    const { create } = await import('fontkit');
    const { advanceOf } = await import('../../../main/engine/typeset/stable-glyph-ids.js');
    const files = fontFiles();
    let compared = 0;
    const widths = new Set<number>();
    for (const file of files) {
      const bytes = readFileSync(file);
      const font = create(bytes) as unknown as { numGlyphs: number; getGlyph(id: number): { id: number; advanceWidth: number } };
      // A second font object, so that no glyph of the first has had its metrics worked out by fontkit.
      const reference = create(bytes) as unknown as typeof font;
      const step = font.numGlyphs > 5000 ? 37 : 1;
      for (let id = 0; id < font.numGlyphs; id += step) {
        const width = advanceOf(font, font.getGlyph(id) as never);
        expect(width, `${file} glyph ${id}`).toBe(reference.getGlyph(id).advanceWidth);
        widths.add(width);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(widths.size).toBeGreaterThan(100);
  });
});
