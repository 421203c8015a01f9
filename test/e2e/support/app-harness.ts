/**
 * The app in Debian's Chromium, over the real main side: the built renderer
 * page, the preload bridge injected with page.exposeFunction, and behind it
 * the real IPC handlers, render workers and engine. Dialogs answer from
 * queues the test fills; printing prints the page to PDF for the test to read.
 * Every e2e file starts the app through here.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { DocumentSession } from '../../../main/app/document-session.js';
import { createIpcHandlers, type HandlerContext, type IpcHandlers, type PrintRequest, type UnsavedChoice } from '../../../main/app/ipc-handlers.js';
import { RecentFiles } from '../../../main/app/recent-files.js';
import { RecoveryStore } from '../../../main/app/recovery-store.js';
import { RenderClient } from '../../../main/app/render-client.js';
import { SettingsStore } from '../../../main/app/settings.js';
import { EditBuffers } from '../../../main/app/edit-buffers.js';
import { builtInSectionsDir, builtInTemplatesDir } from '../../../main/engine/index.js';
import { tempAppDirs } from '../../app/fixtures.js';
import { spawnTsWorker } from '../../app/ts-worker.js';
import { installBridge, type BridgeLog } from './bridge.js';
import { buildRenderer } from './build-renderer.js';
import { serveFolder, type StaticServer } from './static-server.js';

export const SCREENSHOTS = resolve(import.meta.dirname, '../../../test-output/screenshots');
/** How long one step of the UI may take: a hang guard, generous for a machine busy with other jobs. */
export const UI_WAIT = 60_000;

export interface DialogAnswers {
  pdfPath: (string | undefined)[];
  briefPath: (string | undefined)[];
  discard: UnsavedChoice[];
  deleteTemplate: boolean[];
}

export interface WindowLog {
  titles: string[];
  closed: number;
  printed: PrintRequest[];
  printPdf: Uint8Array | undefined;
}

export interface AppHarness {
  page: Page;
  browser: Browser;
  handlers: IpcHandlers;
  context: HandlerContext;
  dirs: ReturnType<typeof tempAppDirs>;
  /** The editors' unsaved text the main side lays over the disk (what the handlers were given). */
  editBuffers: EditBuffers;
  /** Unsaved work kept in dirs.userData/recovery, as the app keeps it. */
  recovery: RecoveryStore;
  answers: DialogAnswers;
  windowLog: WindowLog;
  bridgeLog: BridgeLog;
  /** Uncaught page errors and console errors, for a test to assert none happened. */
  pageErrors: string[];
  close(): Promise<void>;
}

export interface AppHarnessOptions {
  /** Prefix of the temporary app folders. */
  prefix: string;
  viewport?: { width: number; height: number };
  /** Runs after the temporary folders exist and before the app starts (seed sections, templates). */
  seed?: (dirs: ReturnType<typeof tempAppDirs>) => void;
  today?: string;
  /** The folders of an earlier harness: the app starts again on the same user-data folder (after a crash, say). */
  dirs?: ReturnType<typeof tempAppDirs>;
}

export async function startAppHarness(options: AppHarnessOptions): Promise<AppHarness> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dirs = options.dirs ?? tempAppDirs(options.prefix);
  options.seed?.(dirs);
  const answers: DialogAnswers = { pdfPath: [], briefPath: [], discard: [], deleteTemplate: [] };
  const windowLog: WindowLog = { titles: [], closed: 0, printed: [], printPdf: undefined };
  const renderer = new RenderClient({ spawn: () => spawnTsWorker(), pageHashes: true });
  const exporter = new RenderClient({ spawn: () => spawnTsWorker() });
  const checker = new RenderClient({ spawn: () => spawnTsWorker() });
  const editBuffers = new EditBuffers();
  const recovery = new RecoveryStore(dirs.userData);
  const server: StaticServer = await serveFolder(await buildRenderer());

  const handlers = createIpcHandlers({
    folders: { builtInSectionsDir: builtInSectionsDir(), builtInTemplatesDir: builtInTemplatesDir(), userSectionsDir: dirs.userSections, userTemplatesDir: dirs.userTemplates, documentsDir: dirs.documents },
    previewRenderer: renderer,
    exportRenderer: exporter,
    templateChecker: checker,
    editBuffers,
    dialogs: {
      chooseBriefToOpen: () => Promise.resolve(answers.briefPath.shift()),
      chooseBriefSavePath: () => Promise.resolve(answers.briefPath.shift()),
      choosePdfSavePath: () => Promise.resolve(answers.pdfPath.shift()),
      confirmUnsavedChanges: () => Promise.resolve(answers.discard.shift() ?? 'cancel'),
      confirmDeleteTemplate: () => Promise.resolve(answers.deleteTemplate.shift() ?? false),
    },
    shell: { openPath: () => Promise.resolve(''), showItemInFolder: () => undefined, openWebLink: () => Promise.resolve(true) },
    settings: new SettingsStore(dirs.userData),
    recent: new RecentFiles(dirs.userData),
    recovery,
    today: () => options.today ?? '2024-06-03',
  });

  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: options.viewport ?? { width: 1440, height: 900 }, deviceScaleFactor: 1 });
  page.setDefaultTimeout(UI_WAIT);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });
  const context: HandlerContext = {
    session: new DocumentSession(),
    window: {
      setDocumentState: (title) => void windowLog.titles.push(title),
      close: () => void windowLog.closed++,
      // The app prints the page through the system dialog; here the page is printed to PDF, which the test reads back.
      print: async (request) => {
        windowLog.printed.push(request);
        const mm = (microns: number) => `${(microns / 1000).toFixed(2)}mm`;
        windowLog.printPdf = await page.pdf({ width: mm(request.pageSize.width), height: mm(request.pageSize.height), printBackground: true, margin: { top: '0', right: '0', bottom: '0', left: '0' } });
        return { printed: true };
      },
    },
  };
  // Under tsx (bench scripts) functions sent to the page carry esbuild's `__name` helper; give the page a no-op one.
  await page.addInitScript({ content: 'globalThis.__name ??= (fn) => fn;' });
  const bridgeLog = await installBridge(page, handlers, context);
  await page.goto(server.url);
  try {
    await page.waitForSelector('body[data-ready="true"]', { timeout: UI_WAIT });
  } catch (error) {
    // Say what the page said: a start-up that fails shows only a toast.
    const toasts = await page.locator('.toast').allTextContents().catch(() => []);
    throw new Error(`The app did not start. Page errors: ${JSON.stringify(pageErrors)}; toasts: ${JSON.stringify(toasts)}`, { cause: error });
  }

  return {
    page, browser, handlers, context, dirs, editBuffers, recovery, answers, windowLog, bridgeLog, pageErrors,
    async close() {
      await browser.close();
      await server.close();
      await Promise.all([renderer.dispose(), exporter.dispose(), checker.dispose()]);
      editBuffers.clear();
    },
  };
}
