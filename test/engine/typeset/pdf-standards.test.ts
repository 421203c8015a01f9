import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildBrief } from '../../../main/engine/render.js';
import { briefSpecSchema, defaultSpec } from '../../../main/engine/spec-schema.js';
import { typeset } from '../../../main/engine/typeset/index.js';
import { preflightA1b } from '../../helpers/preflight.js';
import { flatten, readStructure } from '../../helpers/pdf-struct.js';
import { sampleInput, SAMPLE_INFO } from './sample-model.js';

function tempPdf(bytes: Uint8Array): string {
  const file = join(mkdtempSync(join(tmpdir(), 'brief-standard-')), 'brief.pdf');
  writeFileSync(file, bytes);
  return file;
}

/** The XMP packet as poppler reads it. */
function xmp(bytes: Uint8Array): string {
  return execFileSync('pdfinfo', ['-meta', tempPdf(bytes)], { encoding: 'utf8' });
}

describe('PDF standards', () => {
  it('PDF/A-1b: the default brief and a sample with every block type (image, table, Japanese, links) pass PDFBox Preflight', async () => {
    const brief = await buildBrief(briefSpecSchema.parse({ ...defaultSpec(), date: '2024-04-10', options: { pdfStandard: 'PDF/A-1b' } }));
    const verdict = preflightA1b(brief.pdf);
    expect(verdict.output).toContain('is a valid PDF/A-1b file');
    expect(verdict.valid).toBe(true);
    const sample = await typeset(sampleInput({ pdfStandard: 'PDF/A-1b', info: { ...SAMPLE_INFO, title: 'Allies & partners <2023>' } }));
    expect(preflightA1b(sample.pdf).output).toContain('is a valid PDF/A-1b file');
    expect(Buffer.from(sample.pdf).subarray(0, 8).toString('latin1')).toBe('%PDF-1.4');
    // Still tagged, with the title escaped in the XMP and whole in the Info dictionary.
    expect(flatten((await readStructure(sample.pdf)).root).some((node) => node.role === 'Table')).toBe(true);
    expect(xmp(sample.pdf)).toContain('Allies &amp; partners &lt;2023&gt;');
    expect(execFileSync('pdfinfo', [tempPdf(sample.pdf)], { encoding: 'utf8' })).toMatch(/^Title:\s+Allies & partners <2023>$/m);
  });

  it('the default output is not PDF/A: Preflight says so (the check can fail)', async () => {
    const plain = await typeset(sampleInput());
    expect(preflightA1b(plain.pdf).valid).toBe(false);
  });

  it.each([
    ['PDF/A-2b', 'B'],
    ['PDF/A-2u', 'U'],
    ['PDF/A-2a', 'A'],
  ] as const)('%s passes qpdf --check and carries part 2, conformance %s in its XMP, with the sRGB output intent', async (standard, conformance) => {
    const result = await typeset(sampleInput({ pdfStandard: standard }));
    const file = tempPdf(result.pdf);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
    const meta = xmp(result.pdf);
    expect(meta).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    expect(meta).toMatch(new RegExp(`<pdfaid:conformance>${conformance}</pdfaid:conformance>`));
    expect(meta).toContain('<xmp:ModifyDate>2023-01-13T00:00:00Z</xmp:ModifyDate>');
    expect(meta).not.toContain('pdfuaid');
    const raw = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1' });
    expect(raw).toMatch(/\/OutputIntents/);
    expect(raw).toMatch(/\/OutputConditionIdentifier \(sRGB IEC61966-2\.1\)/);
    expect(raw).toMatch(/\/StructTreeRoot/);
  });

  it('a template can ask for PDF/A; the spec’s own choice wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'brief-standard-templates-'));
    cpSync(join(process.cwd(), 'templates', 'memo'), join(dir, 'archival-memo'), { recursive: true });
    appendFileSync(join(dir, 'archival-memo', 'template.yaml'), '\npdfStandard: PDF/A-2b\n');
    const base = { ...defaultSpec(), date: '2024-04-10', sections: ['space-agreement'], template: 'archival-memo' };
    const fromTemplate = await buildBrief(briefSpecSchema.parse(base), { templateDirs: [dir] });
    expect(xmp(fromTemplate.pdf)).toMatch(/<pdfaid:part>2<\/pdfaid:part>/);
    const fromSpec = await buildBrief(briefSpecSchema.parse({ ...base, options: { pdfStandard: 'PDF/A-1b' } }), { templateDirs: [dir] });
    expect(xmp(fromSpec.pdf)).toMatch(/<pdfaid:part>1<\/pdfaid:part>/);
    const plain = await buildBrief(briefSpecSchema.parse({ ...base, template: 'memo' }));
    expect(xmp(plain.pdf)).toMatch(/<pdfuaid:part>1<\/pdfuaid:part>/);
    expect(xmp(plain.pdf)).not.toContain('pdfaid:part');
  });
});
