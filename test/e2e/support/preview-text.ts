import type { IpcHandlers } from '../../../main/app/ipc-handlers.js';
import { readPdf } from '../../app/fixtures.js';
import type { AppHarness } from './app-harness.js';

type PreviewRequest = Parameters<IpcHandlers['renderPreview']>[0];
type PreviewSource = Pick<AppHarness, 'page' | 'bridgeLog' | 'handlers' | 'context'>;

/**
 * The page's latest preview request, rendered again through the real handler (the same unsaved buffers
 * in main), and the text of its PDF. The page's own previews share the render worker and may supersede
 * it (a watcher refresh, say: the app working as designed), so on `superseded` this waits until the
 * page's render has settled and asks again with the page's newest request.
 */
export async function lastPreview(app: PreviewSource): Promise<{ request: PreviewRequest; text: string }> {
  for (let attempt = 0; attempt < 10; attempt++) {
    const request = app.bridgeLog.calls.filter((c) => c.name === 'renderPreview').at(-1)!.request as PreviewRequest;
    const response = await app.handlers.renderPreview(request, app.context);
    if (response.status === 'rendered') return { request, text: (await readPdf(response.pdf)).text };
    if (response.status !== 'superseded') throw new Error(`The preview did not render: ${JSON.stringify(response)}`);
    await app.page.waitForFunction(() => ['done', 'error'].includes(document.querySelector('#render-status')?.getAttribute('data-state') ?? ''));
  }
  throw new Error('The preview request was superseded ten times in a row.');
}

/** The text of the page's latest preview request, rendered again through the real handler. */
export async function textOfLastPreview(app: PreviewSource): Promise<string> {
  return (await lastPreview(app)).text;
}
