import type { IpcHandlers } from '../../../main/app/ipc-handlers.js';
import { readPdf } from '../../app/fixtures.js';
import type { AppHarness } from './app-harness.js';

/**
 * The page's latest preview request, rendered again through the real handler (the same unsaved buffers
 * in main): the text of its PDF. Another render can supersede it, so it is tried a few times.
 */
export async function textOfLastPreview(harness: AppHarness): Promise<string> {
  const request = harness.bridgeLog.calls.filter((c) => c.name === 'renderPreview').at(-1)!.request as Parameters<IpcHandlers['renderPreview']>[0];
  for (let attempt = 0; attempt < 5; attempt++) {
    const response = await harness.handlers.renderPreview(request, harness.context);
    if (response.status === 'superseded') continue;
    if (response.status !== 'rendered') throw new Error(`The preview did not render: ${JSON.stringify(response)}`);
    return (await readPdf(response.pdf)).text;
  }
  throw new Error('The preview request was superseded five times in a row.');
}
