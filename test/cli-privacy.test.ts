/**
 * Nothing a user writes is kept anywhere but the files they chose. A brief
 * with a secret sentence is built as a user would (its own process, its own
 * home, cache and temp folders); afterwards no file the build could have
 * written holds the secret word or the glyph ids that spell it.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontsDir } from '../main/engine/paths.js';
import { readPdf } from './helpers/pdf-read.js';

const root = resolve(import.meta.dirname, '..');
const tsxLoader = import.meta.resolve('tsx');
const SECRET_WORD = 'BLUEHERON';
const SECRET = `The covert codename is ${SECRET_WORD}-7731.`;

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...filesUnder(path));
    else if (entry.isFile()) found.push(path);
  }
  return found;
}

/** How the secret word could be stored: its text, and the glyph ids each shipped font gives it, in the forms a cache would write. */
function secretPatterns(): Buffer[] {
  const patterns = [Buffer.from(SECRET_WORD), Buffer.from(SECRET_WORD, 'utf16le'), Buffer.from(SECRET_WORD.toLowerCase())];
  for (const name of readdirSync(fontsDir()).filter((file) => /\.(ttf|otf)$/i.test(file))) {
    const font = create(readFileSync(join(fontsDir(), name))) as Font;
    const ids = font.layout(SECRET_WORD).glyphs.map((glyph) => glyph.id);
    patterns.push(Buffer.from(ids.join(',')), Buffer.from(ids.join(', ')));
    const u16 = Buffer.alloc(ids.length * 2);
    ids.forEach((id, i) => u16.writeUInt16BE(id, i * 2));
    patterns.push(u16);
  }
  return patterns;
}

describe('privacy of what a user writes', () => {
  it('keeps the secret only in the PDF: not in the cache, temp or home folders, nor beside the output', { timeout: 120_000 }, async () => {
    const world = mkdtempSync(join(tmpdir(), 'brief-privacy-'));
    const [home, cache, temp, work] = ['home', 'home/.cache', 'tmp', 'work'].map((dir) => join(world, dir)) as [string, string, string, string];
    for (const dir of [home, cache, temp, work]) mkdirSync(dir, { recursive: true });
    mkdirSync(join(work, 'sections'));
    writeFileSync(
      join(work, 'sections', 'operation.md'),
      `---\nid: operation\ntitle: Operation\nsummary: A classified note.\nsources:\n  - { id: s, title: Note, publisher: Office, date: "2023" }\n---\n${SECRET}\n`,
    );
    writeFileSync(join(work, 'secret.brief.yaml'), `title: Secret brief\ndate: 2023-01-13\nclassification: SECRET\nsections: [operation]\n`);
    const inputs = new Set(filesUnder(world));

    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, XDG_CACHE_HOME: cache, TMPDIR: temp, TMP: temp, TEMP: temp };
    delete env.BRIEF_STUDIO_CACHE_DIR;
    for (let run = 0; run < 2; run++) {
      // Twice: a cache written by the first run would be read (and kept) by the second.
      const result = spawnSync(process.execPath, ['--import', tsxLoader, join(root, 'main', 'cli-main.ts'), 'build', 'secret.brief.yaml', '--sections-dir', 'sections', '-q', '-o', 'secret.pdf'], {
        cwd: work,
        env,
        encoding: 'utf8',
      });
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    }

    const pdf = join(work, 'secret.pdf');
    expect((await readPdf(readFileSync(pdf))).pages.map((page) => page.text).join(' ')).toContain(SECRET_WORD);
    const written = filesUnder(world).filter((file) => file !== pdf && !inputs.has(file));
    const patterns = secretPatterns();
    const holding = written.filter((file) => {
      const bytes = readFileSync(file);
      return patterns.some((pattern) => bytes.includes(pattern));
    });
    expect(holding.map((file) => relative(world, file))).toEqual([]);
    // The check itself can find the secret: the user's own section holds it.
    expect(patterns.some((pattern) => readFileSync(join(work, 'sections', 'operation.md')).includes(pattern))).toBe(true);
  });
});
