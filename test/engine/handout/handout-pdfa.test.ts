/**
 * Handout sheets of a PDF/A brief stay PDF/A: PDF/A-1b sheets (labels, notes,
 * several pages a sheet) pass Apache PDFBox Preflight; PDF/A-2b sheets pass
 * qpdf --check and identify their part in XMP that matches the Info
 * dictionary; every font is embedded; the sRGB output intent comes along.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildBrief } from '../../../main/engine/render.js';
import { briefSpecSchema, type BriefSpecInput } from '../../../main/engine/spec-schema.js';
import { ensureFreshCliBundle, installedCommand } from '../../helpers/cli-bundle.js';
import { pdffonts, readPdf } from '../../helpers/pdf-read.js';
import { preflightA1b } from '../../helpers/preflight.js';

const dir = mkdtempSync(join(tmpdir(), 'handout-pdfa-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let counter = 0;
function file(bytes: Uint8Array): string {
  const path = join(dir, `sheets-${++counter}.pdf`);
  writeFileSync(path, bytes);
  return path;
}

const spec = (options: BriefSpecInput['options']) =>
  briefSpecSchema.parse({ title: 'Allies & partners: handout', date: '2023-01-13', author: 'Policy Planning Staff', sections: ['space-agreement', 'alliance-overview'], options });

describe('PDF/A handout sheets', () => {
  it('PDF/A-1b: 2-up sheets with numbered copies (one named in Japanese) and notes pass PDFBox Preflight, every font embedded', async () => {
    const result = await buildBrief(spec({ pdfStandard: 'PDF/A-1b', handout: { layout: '2-up', notes: true, recipients: ['Jane Doe', '林芳正'] } }));
    expect(result.warnings.filter((w) => w.code === 'OPTION_NOT_SUPPORTED')).toEqual([]);
    const read = await readPdf(result.pdf);
    expect(read.pageCount).toBe(result.sheetCount);
    // These are the sheets: two logical pages a side, labels and notes drawn.
    expect(read.pages[0]?.width).toBeGreaterThan(read.pages[0]?.height as number);
    expect(read.pages.map((page) => page.text).join('\n')).toContain('Copy 2 of 2 · 林芳正');
    expect(Buffer.from(result.pdf).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    const verdict = preflightA1b(result.pdf);
    expect(verdict.output, verdict.output).toContain('is a valid PDF/A-1b file');
    expect(verdict.valid).toBe(true);
    const fonts = pdffonts(result.pdf);
    expect(fonts.length).toBeGreaterThan(2);
    for (const font of fonts) expect(font.embedded, font.name).toBe(true);
  });

  it('the same sheets without a standard fail Preflight (the check can fail)', async () => {
    const result = await buildBrief(spec({ handout: { layout: '2-up', notes: true, recipients: ['Jane Doe', '林芳正'] } }));
    expect(preflightA1b(result.pdf).valid).toBe(false);
  });

  it('PDF/A-2b: booklet sheets pass qpdf --check, carry part 2 conformance B in XMP matching the Info dictionary, the sRGB output intent and an /ID', async () => {
    const result = await buildBrief(spec({ pdfStandard: 'PDF/A-2b', handout: { layout: 'booklet', copies: 2 } }));
    const path = file(result.pdf);
    expect(execFileSync('qpdf', ['--check', path], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    const meta = execFileSync('pdfinfo', ['-meta', path], { encoding: 'utf8' });
    expect(meta).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(meta).toContain('<pdfaid:conformance>B</pdfaid:conformance>');
    expect(meta).toContain('<rdf:li xml:lang="x-default">Allies &amp; partners: handout</rdf:li>');
    expect(meta).toContain('<xmp:CreateDate>2023-01-13T00:00:00Z</xmp:CreateDate>');
    const info = execFileSync('pdfinfo', [path], { encoding: 'utf8' });
    expect(info).toMatch(/^Title:\s+Allies & partners: handout$/m);
    expect(info).toMatch(/^Author:\s+Policy Planning Staff$/m);
    expect(meta).toContain('<rdf:li>Policy Planning Staff</rdf:li>');
    const raw = execFileSync('qpdf', ['--qdf', '--object-streams=disable', path, '-'], { encoding: 'latin1' });
    expect(raw).toMatch(/\/OutputConditionIdentifier \(sRGB IEC61966-2\.1\)/);
    expect(raw).toMatch(/\/DestOutputProfile \d+ 0 R/);
    expect(raw).toMatch(/\/ID \[\s*<[0-9a-f]{32}>/);
    for (const font of pdffonts(result.pdf)) expect(font.embedded, font.name).toBe(true);
  });

  it('the same spec gives the same sheet bytes', async () => {
    const options = { pdfStandard: 'PDF/A-1b', handout: { layout: '4-up', copies: 3 } } as const;
    const first = await buildBrief(spec(options));
    const second = await buildBrief(spec(options));
    expect(Buffer.from(first.pdf).equals(Buffer.from(second.pdf))).toBe(true);
  });

  it('the installed command writes PDF/A briefs and sheets too (the bundle carries the sRGB profile PDFKit reads)', () => {
    ensureFreshCliBundle();
    const specFile = join(dir, 'cli.brief.yaml');
    writeFileSync(specFile, ['title: Handout', 'date: 2023-01-13', 'sections: [space-agreement]', 'options:', '  pdfStandard: PDF/A-1b', '  handout: { layout: 4-up }', ''].join('\n'));
    const out = join(dir, 'cli.pdf');
    execFileSync(process.execPath, [installedCommand, 'build', '-q', specFile, '-o', out], { cwd: dir, encoding: 'utf8' });
    expect(execFileSync('pdfinfo', ['-meta', out], { encoding: 'utf8' })).toContain('<pdfaid:part>1</pdfaid:part>');
  });
});
