/**
 * Exporting handout sheets from the app: the message counts what was
 * written, read back from the file (its sheet sides), and the brief's pages
 * placed on them over every copy, never the brief's own page count.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { RenderClient } from '../../main/app/render-client.js';
import { parseRequest, type BriefDraft, type HandoutSettings } from '../../main/shared/ipc-contract.js';
import { describeSheetsWritten } from '../../renderer/src/sheets-written.js';
import { readPdf } from '../helpers/pdf-read.js';
import { tempAppDirs } from './fixtures.js';
import { ipcFixture } from './ipc-fixture.js';
import { spawnTsWorker } from './ts-worker.js';

const renderer = new RenderClient({ spawn: () => spawnTsWorker() });
const dirs = tempAppDirs();
afterAll(async () => {
  await renderer.dispose();
  rmSync(dirs.root, { recursive: true, force: true });
});

const target = join(dirs.documents, 'sheets.pdf');
const { handlers, context } = ipcFixture({ dirs, renderer, choosePdfSavePath: () => Promise.resolve(target) });

const draft: BriefDraft = {
  title: 'Room handout',
  subtitle: '',
  date: '2024-05-06',
  author: '',
  audience: '',
  classification: 'UNCLASSIFIED',
  template: 'handout',
  sections: ['force-posture', 'alliance-overview', 'security-environment'],
  options: {},
};

/** The brief's own pages, built as the export of the brief. */
async function briefPages(): Promise<number> {
  const exported = await handlers.exportPdf(parseRequest('exportPdf', { draft }), context);
  if (exported.status !== 'exported') throw new Error(JSON.stringify(exported));
  return (await readPdf(readFileSync(exported.path))).pageCount;
}

describe('export of handout sheets', () => {
  it.each<[string, HandoutSettings, number]>([
    ['4-up, 3 copies', { layout: '4-up', notes: false, copies: 3 }, 3],
    ['2-up, one copy per recipient', { layout: '2-up', notes: true, copies: 1, recipients: 'Jane Doe\nJohn Roe\n' }, 2],
  ])('%s: the sheet sides read from the written file, and the pages on them', async (_name, handout, copies) => {
    const pages = await briefPages();
    const exported = await handlers.exportHandout(parseRequest('exportHandout', { draft, handout }), context);
    if (exported.status !== 'exported') throw new Error(JSON.stringify(exported));
    const written = await readPdf(readFileSync(target));
    expect(exported.pageCount).toBe(written.pageCount);
    expect(exported.pagesOnSheets).toBe(pages * copies);
    // The counts differ here, so the brief's page count can not pass for the sheets'.
    expect(written.pageCount).not.toBe(pages);
    expect(describeSheetsWritten(exported.pageCount, exported.pagesOnSheets)).toBe(`${written.pageCount} sheet sides (${pages * copies} pages on them)`);
  });

  it('words one of each in the singular', () => {
    expect(describeSheetsWritten(1, 1)).toBe('1 sheet side (1 page on it)');
    expect(describeSheetsWritten(2)).toBe('2 sheet sides');
  });
});
