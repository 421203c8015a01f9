/**
 * `npm run bench -- --json`: the shape a script relies on (not the speed).
 * Runs the real benchmark in its quick mode: both engines, every case.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureFreshCliBundle, repoRoot } from '../helpers/cli-bundle.js';

const ENGINES = ['brief-studio', 'typst-fresh', 'typst-kept'];
const IN_PROCESS_CASES = ['brief-warm', 'brief-novel', 'brief-edit', 'book-warm'];
const PROCESS_CASES = ['brief-cold', 'brief-cold-cpu', 'brief-rss-mb'];

interface BenchCase {
  engine: string;
  case: string;
  median_ms: number;
  min_ms: number;
  max_ms: number;
}

describe('npm run bench -- --json --quick', () => {
  // A hang guard, not a budget: the quick run still starts a dozen processes and sets a book.
  it('prints one JSON object with every case for every engine, and leaves latest.md alone', { timeout: 900_000 }, () => {
    ensureFreshCliBundle();
    const latest = join(repoRoot, 'bench', 'results', 'latest.md');
    const before = statSync(latest, { throwIfNoEntry: false })?.mtimeMs;
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--json', '--quick'], { cwd: repoRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const report = JSON.parse(stdout) as { cases: BenchCase[]; pages: Record<string, { ours: number; typst: number }> };

    const found = report.cases.map((c) => `${c.engine} ${c.case}`);
    const expected = [
      ...IN_PROCESS_CASES.flatMap((kase) => ENGINES.map((engine) => `${engine} ${kase}`)),
      ...PROCESS_CASES.flatMap((kase) => ['brief-studio', 'typst-fresh'].map((engine) => `${engine} ${kase}`)),
    ];
    expect(found.sort()).toEqual(expected.sort());
    for (const c of report.cases) {
      expect(Number.isFinite(c.median_ms) && c.median_ms > 0, `${c.engine} ${c.case}`).toBe(true);
      expect(c.min_ms).toBeLessThanOrEqual(c.median_ms);
      expect(c.median_ms).toBeLessThanOrEqual(c.max_ms);
    }
    // Megabytes, not milliseconds: a node process holds at least some.
    for (const c of report.cases.filter((c) => c.case === 'brief-rss-mb')) expect(c.median_ms).toBeGreaterThan(20);
    // Both engines set the same content: page counts in the same range.
    for (const [kase, pages] of Object.entries(report.pages)) {
      expect(pages.ours, kase).toBeGreaterThan(0);
      expect(Math.abs(pages.ours - pages.typst) / pages.ours, kase).toBeLessThan(0.35);
    }
    expect(statSync(latest, { throwIfNoEntry: false })?.mtimeMs).toBe(before);
  });
});
