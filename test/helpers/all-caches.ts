/**
 * Every cache, memo and faster path of the engine on or off at once. Off
 * gives the reference: whatever the engine reuses must give its bytes.
 */
import { setReuseAcrossBuilds } from '../../main/engine/reuse.js';
import { setHarfBuzzShapingEnabled, setShapingMemoEnabled } from '../../main/engine/typeset/index.js';

export function allCaches(on: boolean): void {
  setReuseAcrossBuilds(on);
  setShapingMemoEnabled(on);
  setHarfBuzzShapingEnabled(on);
}

/** The same bytes. */
export const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
