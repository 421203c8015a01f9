/// <reference types="vite/client" />
import type { BriefStudioApi } from '../../main/shared/ipc-contract.js';

declare global {
  interface Window {
    /** Exposed by the preload script (main/preload.ts). */
    briefStudio: BriefStudioApi;
  }
}
