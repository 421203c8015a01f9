/**
 * The guide's house template (test/fixtures/templates/house: declared fields,
 * A4 in millimetres, a header logo on the first page, EB Garamond from WOFF2
 * files) builds through the command line and through the app's handlers, and
 * both PDFs read back the same: the fields' values, the embedded Garamond
 * subsets, the logo in the header of page 1 and of no other page.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RenderClient } from '../../main/app/render-client.js';
import { runCli } from '../../main/cli.js';
import { loadSpecFile } from '../../main/engine/spec.js';
import { pdffonts, rasterizePage, readPdf } from '../helpers/pdf-read.js';
import { tempAppDirs } from './fixtures.js';
import { ipcFixture } from './ipc-fixture.js';
import { spawnTsWorker } from './ts-worker.js';

const HOUSE = resolve(import.meta.dirname, '../fixtures/templates/house');
const renderer = new RenderClient({ spawn: () => spawnTsWorker() });
const work = mkdtempSync(join(tmpdir(), 'house-template-'));
afterAll(async () => {
  rmSync(work, { recursive: true, force: true });
  await renderer.dispose();
});

/** The logo's maroon square: 22 mm from the left edge, standing on the header line's foot (35 mm − 22 pt). */
const LOGO_POINT = { x: 62.36 + 15, y: 77.2 - 15 };
const MAROON = [0x7a, 0x1f, 0x3d];

function isMaroon(hex: string): boolean {
  const rgb = [1, 3, 5].map((at) => Number.parseInt(hex.slice(at, at + 2), 16));
  return rgb.every((value, i) => Math.abs(value - MAROON[i]!) <= 8);
}

async function expectHousePdf(bytes: Uint8Array, fields: { priority: string; clearedBy: string }): Promise<void> {
  const pdf = await readPdf(bytes);
  expect(pdf.pages.length).toBeGreaterThanOrEqual(2);
  // A4: 210 × 297 mm.
  expect(pdf.pages[0]).toMatchObject({ width: expect.closeTo(595.28, 1) as number, height: expect.closeTo(841.89, 1) as number });
  const text = pdf.pages.map((page) => page.text).join('\n');
  expect(text).toContain('Approve signature of the space cooperation framework agreement at the summit.');
  expect(text).toContain(`Cleared by: ${fields.clearedBy}`);
  expect(text).toContain(`DECISION NOTE · ${fields.priority.toUpperCase()}`);
  // The body is set in EB Garamond from the WOFF2 files, embedded as subsets.
  const body = pdf.pages[1]!.items.find((item) => item.str.startsWith('As the week of alliance meetings'));
  expect(body?.font).toBe('EBGaramond-Regular');
  const garamond = pdffonts(bytes).filter((font) => font.name.includes('EBGaramond'));
  expect(garamond.length).toBeGreaterThanOrEqual(2);
  for (const font of garamond) expect(font).toMatchObject({ embedded: true, subset: true });
  // The logo: in the header of page 1, on no other page.
  expect(isMaroon(rasterizePage(bytes, 1, 72).colorAt(LOGO_POINT.x, LOGO_POINT.y))).toBe(true);
  for (let page = 2; page <= pdf.pages.length; page++) expect(rasterizePage(bytes, page, 72).colorAt(LOGO_POINT.x, LOGO_POINT.y)).toBe('#ffffff');
}

describe('the house template', () => {
  it('builds through the command line with no warning', async () => {
    cpSync(HOUSE, join(work, 'house'), { recursive: true });
    let err = '';
    const code = await runCli(['build', 'house/house.brief.yaml', '--field', 'priority=Immediate', '-o', 'house.pdf'], { out: () => undefined, err: (t) => (err += `${t}\n`), cwd: work });
    expect(err).toMatch(/^Wrote .*house\.pdf/);
    expect(err.trim().split('\n')).toHaveLength(1);
    expect(code).toBe(0);
    await expectHousePdf(readFileSync(join(work, 'house.pdf')), { priority: 'Immediate', clearedBy: 'A. Tanaka; B. Smith' });
  });

  it('builds through the app’s handlers, which list its fields, with no warning', async () => {
    const dirs = tempAppDirs();
    cpSync(HOUSE, join(dirs.userTemplates, 'house'), { recursive: true });
    const target = join(dirs.documents, 'house-note');
    const { handlers, context } = ipcFixture({ dirs, renderer, choosePdfSavePath: () => Promise.resolve(target), today: '2023-01-13' });

    const { templates, problems } = await handlers.listTemplates({}, context);
    expect(problems).toEqual([]);
    const house = templates.find((template) => template.id === 'house');
    expect(house?.fields?.map((field) => field.name)).toEqual(['decision', 'clearedBy', 'priority', 'deadline']);

    const spec = await loadSpecFile(join(HOUSE, 'house.brief.yaml'));
    const draft = {
      title: spec.title,
      subtitle: spec.subtitle ?? '',
      date: '2023-01-13',
      author: spec.author ?? '',
      audience: '',
      classification: 'UNCLASSIFIED',
      template: 'house',
      sections: spec.sections,
      fields: { decision: 'Approve signature of the space cooperation framework agreement at the summit.', clearedBy: ['C. Jones', 'D. Lee'], priority: 'Priority' },
    };
    const preview = await handlers.renderPreview({ draft }, context);
    expect(preview).toMatchObject({ status: 'rendered', warnings: [] });
    const exported = await handlers.exportPdf({ draft }, context);
    expect(exported).toMatchObject({ status: 'exported', path: `${target}.pdf`, warnings: [] });
    await expectHousePdf(readFileSync(`${target}.pdf`), { priority: 'Priority', clearedBy: 'C. Jones; D. Lee' });
    rmSync(dirs.root, { recursive: true, force: true });
  });
});
