/**
 * Apache PDFBox Preflight (Debian's libpdfbox2-java) on a PDF: the PDF/A-1b
 * verdict and its error lines. Java 17 needs javax.activation and jaxb-api on
 * the classpath too; .ci/run installs all of them.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const JARS = ['preflight', 'pdfbox2', 'fontbox2', 'xmpbox', 'commons-logging', 'javax.activation', 'jaxb-api'].map((name) => `/usr/share/java/${name}.jar`);

export interface PreflightVerdict {
  valid: boolean;
  output: string;
}

export function preflightA1b(bytes: Uint8Array): PreflightVerdict {
  const missing = JARS.filter((jar) => !existsSync(jar));
  if (missing.length > 0) throw new Error(`PDFBox Preflight is not installed (missing ${missing.join(', ')}): apt-get install libpdfbox2-java libactivation-java libjaxb-api-java`);
  const dir = mkdtempSync(join(tmpdir(), 'brief-preflight-'));
  try {
    const file = join(dir, 'brief.pdf');
    writeFileSync(file, bytes);
    const run = spawnSync('java', ['-cp', JARS.join(':'), 'org.apache.pdfbox.preflight.Validator_A1b', file], { encoding: 'utf8' });
    const output = `${run.stdout}${run.stderr}`;
    return { valid: run.status === 0 && /is a valid PDF\/A-1b file/.test(output), output };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
