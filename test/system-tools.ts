/**
 * Vitest global setup: the suite drives real programs (Chromium, poppler,
 * qpdf, a CUPS scheduler with a PDF printer, PDFBox Preflight). When one is
 * missing, say at once which Debian packages bring them, instead of letting
 * dozens of tests fail one by one.
 */
import { existsSync } from 'node:fs';

/** What each package puts on the machine that the tests use. */
const PACKAGES: Record<string, string[]> = {
  chromium: ['/usr/bin/chromium'],
  'poppler-utils': ['/usr/bin/pdftoppm', '/usr/bin/pdffonts', '/usr/bin/pdfinfo'],
  qpdf: ['/usr/bin/qpdf'],
  cups: ['/usr/sbin/cupsd', '/usr/sbin/lpadmin', '/usr/bin/lp'],
  'printer-driver-cups-pdf': ['/usr/lib/cups/backend/cups-pdf'],
  'libpdfbox2-java': ['/usr/share/java/preflight.jar', '/usr/share/java/pdfbox2.jar'],
  'libactivation-java': ['/usr/share/java/javax.activation.jar'],
  'libjaxb-api-java': ['/usr/share/java/jaxb-api.jar'],
};

export function missingPackages(exists: (path: string) => boolean = existsSync): string[] {
  return Object.entries(PACKAGES)
    .filter(([, files]) => files.some((file) => !exists(file)))
    .map(([name]) => name);
}

export default function setup(): void {
  if (process.platform !== 'linux') return;
  const missing = missingPackages();
  if (missing.length === 0) return;
  throw new Error(
    `The tests need programs that are not installed: ${missing.join(', ')}.\n` +
      `On Debian or Ubuntu: sudo apt-get install -y ${Object.keys(PACKAGES).join(' ')}\n` +
      '(.ci/run installs the same list.)',
  );
}
