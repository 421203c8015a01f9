/** Which links may leave the app for the system browser: plain web pages only. */
export function isSafeExternalUrl(candidate: string): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  // Credentials in a link are a phishing pattern; a bare host is required.
  if (url.username || url.password || !url.hostname) return false;
  return true;
}
