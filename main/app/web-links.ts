/**
 * The app's only door to the system browser. A link leaves the app only if
 * it is a plain http(s) address (see isSafeExternalUrl); everything else —
 * file:, smb:, javascript:, custom schemes — is refused here.
 */
import { shell } from 'electron';
import { isSafeExternalUrl } from './external-url.js';

export async function openWebLink(candidate: string): Promise<boolean> {
  if (!isSafeExternalUrl(candidate)) return false;
  const url = new URL(candidate).href;
  await shell.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK -- checked just above: http(s) only, no credentials
  return true;
}
