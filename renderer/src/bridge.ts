/** The preload bridge, typed by the shared IPC contract. */
import type { BriefStudioApi } from '../../main/shared/ipc-contract.js';

export function bridge(): BriefStudioApi {
  if (!window.briefStudio) throw new Error('The Brief Studio bridge is missing: the page must run inside the app.');
  return window.briefStudio;
}
