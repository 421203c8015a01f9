/**
 * Writing the seeds the install step records (shaping, parsed YAML,
 * hyphenation; see scripts/build-cli.mjs): a build reading one sees the old
 * file or the whole new one, never half, and a failed write leaves no temp
 * file behind. They hold built-in content only, never a user's text.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';

export function writeSeedFile(file: string, text: string): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, text);
    renameSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}
