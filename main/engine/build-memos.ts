/**
 * One switch for the memos kept between builds before typesetting (a
 * section's checked front matter, a template's last output, the last content
 * coverage answer), so a test can prove a build gives the same bytes without them.
 */
let enabled = true;

export function setBuildMemosEnabled(on: boolean): void {
  enabled = on;
}

export function buildMemosEnabled(): boolean {
  return enabled;
}
