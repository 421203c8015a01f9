/**
 * The app's Print / Handout dialog through its IPC handlers (the same ones
 * Electron registers), against a real spooler: a private CUPS scheduler with
 * the cups-pdf printer. The sheets the dialog previews are the sheets that
 * print, compared as images; failures come back as data for the dialog.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { RenderClient } from '../../main/app/render-client.js';
import { jobTitle } from '../../main/print/submit-job.js';
import { parseRequest, type BriefDraft, type HandoutSettings } from '../../main/shared/ipc-contract.js';
import { sectionFile, tempAppDirs } from '../app/fixtures.js';
import { ipcFixture } from '../app/ipc-fixture.js';
import { spawnTsWorker } from '../app/ts-worker.js';
import { startCupsServer, waitForPrintedFile, type CupsServer } from '../helpers/cups-server.js';
import { imageDifference, renderPages } from '../helpers/pdf-images.js';
import { readPdf } from '../helpers/pdf-read.js';
import { until } from '../helpers/until.js';

const renderer = new RenderClient({ spawn: () => spawnTsWorker() });
const dirs = tempAppDirs();
let cups: CupsServer;
const previousServer = process.env.CUPS_SERVER;

beforeAll(async () => {
  cups = await startCupsServer('app-test-printer');
  process.env.CUPS_SERVER = cups.socket;
});
afterAll(async () => {
  await renderer.dispose();
  if (previousServer === undefined) delete process.env.CUPS_SERVER;
  else process.env.CUPS_SERVER = previousServer;
  await cups?.stop();
  rmSync(dirs.root, { recursive: true, force: true });
});

const exportTarget = join(dirs.documents, 'sheets.pdf');
const { handlers, context } = ipcFixture({ dirs, renderer, choosePdfSavePath: vi.fn(() => Promise.resolve(exportTarget as string | undefined)) });

const draft: BriefDraft = { title: 'Room handout', subtitle: '', date: '2024-05-06', author: '', audience: '', classification: 'UNCLASSIFIED', template: 'handout', sections: ['force-posture'], options: {} };
const handout = (patch: Partial<HandoutSettings> = {}): HandoutSettings => ({ layout: '4-up', notes: true, copies: 1, ...patch });

/** Job ids lpstat lists: those still waiting or printing, or every job the scheduler remembers. */
const jobIds = (which: 'not-completed' | 'all'): string[] =>
  execFileSync('lpstat', ['-W', which, '-o', 'app-test-printer'], { env: cups.env, encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(/\s+/)[0]!)
    .filter(Boolean);
const queuedJobs = (): string[] => jobIds('not-completed');
const allJobs = (): string[] => jobIds('all');

describe('app Print / Handout dialog handlers', () => {
  it('lists the printers', async () => {
    const listed = await handlers.listPrinters(parseRequest('listPrinters', {}), context);
    expect(listed).toEqual({ status: 'listed', printers: [{ name: 'app-test-printer', isDefault: false, state: 'idle', accepting: true }] });
  });

  it('previews the sheets, prints the same sheets to the chosen printer, and exports them', async () => {
    const request = parseRequest('printHandout', { draft, handout: handout({ recipients: 'Jane Doe\nJohn Roe\n' }), printer: 'app-test-printer' });
    const preview = await handlers.previewHandout(parseRequest('previewHandout', { draft, handout: request.handout }), context);
    if (preview.status !== 'rendered') throw new Error(JSON.stringify(preview));
    const sheets = await readPdf(preview.pdf);
    expect(sheets.pages[0]!.text).toContain('Copy 1 of 2 · Jane Doe');
    expect(sheets.pages.at(-1)!.text).toContain('Copy 2 of 2 · John Roe');

    const printed = await handlers.printHandout(request, context);
    expect(printed).toMatchObject({ status: 'printed', printer: 'app-test-printer', sheets: sheets.pageCount });
    const file = await waitForPrintedFile(cups.outputDir, jobTitle(preview.pdf));
    if (printed.status !== 'printed') throw new Error(JSON.stringify(printed));
    await until(() => !queuedJobs().includes(printed.jobId));
    // Too late to cancel a job that has printed: the answer says so.
    const late = await handlers.cancelPrintJob(parseRequest('cancelPrintJob', { jobId: printed.jobId }), context);
    expect(late).toMatchObject({ status: 'finished', jobId: printed.jobId, message: expect.stringMatching(/already finished/) as unknown });
    try {
      const sent = renderPages(preview.pdf);
      const out = renderPages(file);
      expect(out).toHaveLength(sent.length);
      sent.forEach((image, i) => expect(imageDifference(image, out[i]!), `sheet side ${i + 1}`).toBeLessThan(3));
    } finally {
      rmSync(file, { force: true });
    }

    const exported = await handlers.exportHandout(parseRequest('exportHandout', { draft, handout: request.handout }), context);
    expect(exported).toMatchObject({ status: 'exported', path: exportTarget });
    expect(Buffer.from(readFileSync(exportTarget)).equals(Buffer.from(preview.pdf))).toBe(true);
  });

  it('answers with data the dialog can show: bad recipients at their line, an unknown printer, a closed queue', async () => {
    const badNames = await handlers.previewHandout(parseRequest('previewHandout', { draft, handout: handout({ recipients: 'Jane\nBad\u0007Name' }) }), context);
    expect(badNames).toMatchObject({ status: 'error', error: { code: 'RECIPIENTS_INVALID', location: { file: 'Recipients', line: 2 } } });

    const unknown = await handlers.printHandout(parseRequest('printHandout', { draft, handout: handout(), printer: 'nope' }), context);
    expect(unknown).toMatchObject({ status: 'error', error: { code: 'PRINTER_UNKNOWN' } });

    execFileSync('cupsreject', ['app-test-printer'], { env: cups.env });
    try {
      const closed = await handlers.printHandout(parseRequest('printHandout', { draft, handout: handout(), printer: 'app-test-printer' }), context);
      expect(closed).toMatchObject({ status: 'error', error: { code: 'PRINT_REJECTED' } });
    } finally {
      execFileSync('cupsaccept', ['app-test-printer'], { env: cups.env });
    }
    expect(existsSync(exportTarget)).toBe(true);
  });

  it('cancels a job still queued on a paused printer, and says when a job had already left the queue', async () => {
    execFileSync('cupsdisable', ['app-test-printer'], { env: cups.env });
    try {
      const printed = await handlers.printHandout(parseRequest('printHandout', { draft, handout: handout({ layout: '2-up' }), printer: 'app-test-printer' }), context);
      if (printed.status !== 'printed') throw new Error(JSON.stringify(printed));
      expect(printed.waiting).toMatch(/paused/);
      expect(queuedJobs()).toContain(printed.jobId);

      const cancelled = await handlers.cancelPrintJob(parseRequest('cancelPrintJob', { jobId: printed.jobId }), context);
      expect(cancelled).toEqual({ status: 'cancelled', jobId: printed.jobId });
      expect(queuedJobs()).not.toContain(printed.jobId);

      const again = await handlers.cancelPrintJob(parseRequest('cancelPrintJob', { jobId: printed.jobId }), context);
      expect(again).toMatchObject({ status: 'finished', jobId: printed.jobId, message: expect.stringMatching(/already finished/) as unknown });
    } finally {
      execFileSync('cupsenable', ['app-test-printer'], { env: cups.env });
    }
    // Only jobs this app sent, and never an option such as `cancel -a`.
    const foreign = await handlers.cancelPrintJob(parseRequest('cancelPrintJob', { jobId: 'app-test-printer-9999' }), context);
    expect(foreign).toMatchObject({ status: 'error', error: { code: 'PRINT_REJECTED' } });
    expect(() => parseRequest('cancelPrintJob', { jobId: '-a' })).toThrow(/jobId/);
  });

  it('a print request cancelled while its sheets are being built sends nothing to the spooler', async () => {
    const before = allJobs();
    const printing = handlers.printHandout(parseRequest('printHandout', { draft, handout: handout(), printer: 'app-test-printer', requestId: 'dialog-1' }), context);
    expect(await handlers.cancelPrintRequest(parseRequest('cancelPrintRequest', { requestId: 'dialog-1' }), context)).toEqual({ ok: true });
    const result = await printing;
    expect(result).toEqual({ status: 'cancelled', message: expect.stringMatching(/before anything was sent/) as unknown });
    expect(allJobs()).toEqual(before);
    // The request is over: cancelling it again finds nothing under way.
    expect(await handlers.cancelPrintRequest(parseRequest('cancelPrintRequest', { requestId: 'dialog-1' }), context)).toMatchObject({ ok: false });
  });

  it('prints what the preview shows: an unsaved section edit is sent only once the user chose to go on, and the file stays as saved', async () => {
    const sectionPath = join(dirs.userSections, 'room-notes.md');
    writeFileSync(sectionPath, sectionFile('room-notes', 'Room notes', 'Doors open at nine.'));
    const fields = { title: 'Room notes', summary: 'Summary of Room notes.', tags: ['test'], key_facts: [], quotes: [], sources: [] };
    const unsavedText = 'Doors open at ten now.';
    await handlers.updateSection(parseRequest('updateSection', { id: 'room-notes', fields, body: `${unsavedText}\n` }), context);
    const withNotes = { ...draft, sections: ['room-notes'] };
    try {
      const before = allJobs();
      const told = await handlers.printHandout(parseRequest('printHandout', { draft: withNotes, handout: handout({ layout: '1-up', notes: false }), printer: 'app-test-printer' }), context);
      expect(told).toEqual({ status: 'unsaved', files: [{ kind: 'section', id: 'room-notes', fileName: 'room-notes.md' }] });
      expect(allJobs()).toEqual(before);

      const request = parseRequest('printHandout', { draft: withNotes, handout: handout({ layout: '1-up', notes: false }), printer: 'app-test-printer', unsaved: 'include' });
      const preview = await handlers.previewHandout(parseRequest('previewHandout', { draft: withNotes, handout: request.handout }), context);
      if (preview.status !== 'rendered') throw new Error(JSON.stringify(preview));
      const sheets = await readPdf(preview.pdf);
      expect(sheets.pages.map((page) => page.text).join(' ').replace(/\s+/g, ' ')).toContain(unsavedText);
      const printed = await handlers.printHandout(request, context);
      expect(printed).toMatchObject({ status: 'printed', printer: 'app-test-printer', sheets: sheets.pageCount });
      // The job is named by a hash of the bytes lp was given: the very sheets previewed, unsaved text and all.
      // (cups-pdf redraws the text without its Unicode mapping, so the printout is compared as images.)
      const file = await waitForPrintedFile(cups.outputDir, jobTitle(preview.pdf));
      try {
        const sent = renderPages(preview.pdf);
        const out = renderPages(file);
        expect(out).toHaveLength(sent.length);
        sent.forEach((image, i) => expect(imageDifference(image, out[i]!), `sheet side ${i + 1}`).toBeLessThan(3));
      } finally {
        rmSync(file, { force: true });
      }
      expect(readFileSync(sectionPath, 'utf8')).not.toContain(unsavedText);
    } finally {
      await handlers.discardSection(parseRequest('discardSection', { id: 'room-notes' }), context);
    }
  });

  it('refuses a malformed request before any handler runs', () => {
    expect(() => parseRequest('printHandout', { draft, handout: { ...handout(), layout: '3-up' } })).toThrow(/Rejected print:print-handout: invalid request at `handout.layout`/);
    expect(() => parseRequest('printHandout', { draft, handout: { ...handout(), copies: 0 } })).toThrow(/handout.copies/);
  });
});
