/**
 * `brief-studio build --handout …` and `options.handout` in a spec: the same
 * sheets either way, read back with pdf.js; bad handout input is a located
 * error with exit 2 and no stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../main/cli.js';
import { readPdf } from '../../helpers/pdf-read.js';

process.env.BRIEF_STUDIO_CACHE_DIR ??= mkdtempSync(join(tmpdir(), 'brief-cache-'));

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), cwd });
  return { code, out, err };
}

const SPEC = ['title: Handout check', 'date: 2023-01-13', 'template: handout', 'sections: [space-agreement]', ''].join('\n');

describe('handout on the command line', () => {
  it('--handout 2-up --copies 2 --paper a4 gives numbered landscape A4 sheets; the same options in the spec give the same bytes', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'handout-cli-'));
    writeFileSync(join(cwd, 'plain.brief.yaml'), SPEC);
    writeFileSync(join(cwd, 'sheets.brief.yaml'), `${SPEC}options:\n  handout: { layout: 2-up, copies: 2, paper: a4 }\n`);
    const plain = await cli(['build', 'plain.brief.yaml', '-o', 'logical.pdf'], cwd);
    expect(plain.code).toBe(0);
    const fromFlags = await cli(['build', 'plain.brief.yaml', '--handout', '2-up', '--copies', '2', '--paper', 'a4', '-o', 'flags.pdf'], cwd);
    expect(fromFlags.err).toMatch(/Wrote .*flags\.pdf \((\d+) pages, (\d+) sheet sides as 2-up/);
    expect(fromFlags.code).toBe(0);
    const fromSpec = await cli(['build', 'sheets.brief.yaml', '-o', 'spec.pdf'], cwd);
    expect(fromSpec.code).toBe(0);
    expect(readFileSync(join(cwd, 'flags.pdf')).equals(readFileSync(join(cwd, 'spec.pdf')))).toBe(true);

    const logical = await readPdf(readFileSync(join(cwd, 'logical.pdf')));
    const sheets = await readPdf(readFileSync(join(cwd, 'flags.pdf')));
    const perCopy = Math.ceil(logical.pageCount / 2);
    expect(sheets.pageCount).toBe(2 * perCopy);
    for (const sheet of sheets.pages) {
      expect(sheet.width).toBeCloseTo(841.89, 1);
      expect(sheet.height).toBeCloseTo(595.28, 1);
    }
    // The outline survives imposition: each entry opens the sheet with its page.
    const section = logical.outline.find((o) => o.title.includes('Space Cooperation'))!;
    expect(sheets.outline.find((o) => o.title === section.title)?.page).toBe(Math.ceil(section.page! / 2));
    // Each logical page's words are on its sheet, on its half, in every copy.
    logical.pages.forEach((page, index) => {
      const firstLine = page.items.find((i) => i.str.length > 20 && i.str !== 'UNCLASSIFIED')!;
      for (let copy = 0; copy < 2; copy++) {
        const sheet = sheets.pages[copy * perCopy + Math.floor(index / 2)]!;
        const hit = sheet.items.find((i) => i.str === firstLine.str);
        expect(hit, `page ${index + 1} copy ${copy + 1}`).toBeDefined();
        expect(hit!.x < sheet.width / 2).toBe(index % 2 === 0);
        expect(sheet.text).toContain(`Copy ${copy + 1} of 2`);
      }
    });
  });

  it('--recipients prints one named copy per line of the file', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'handout-cli-'));
    writeFileSync(join(cwd, 'b.brief.yaml'), SPEC);
    writeFileSync(join(cwd, 'names.txt'), '# delegation\nAmb. Jane Doe\n\n岸田文雄\n');
    const { code } = await cli(['build', 'b.brief.yaml', '--handout', 'booklet', '--notes', '--recipients', 'names.txt', '-o', 'out.pdf'], cwd);
    expect(code).toBe(0);
    const pdf = await readPdf(readFileSync(join(cwd, 'out.pdf')));
    const text = pdf.pages.map((p) => p.text).join('\n');
    expect(text).toContain('Copy 1 of 2 · Amb. Jane Doe');
    expect(text).toContain('Copy 2 of 2 · 岸田文雄');
    expect(text).not.toContain('delegation');
  });

  it('refuses a spec whose copies and recipients disagree, at the copies line', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'handout-cli-'));
    writeFileSync(join(cwd, 'b.brief.yaml'), `${SPEC}options:\n  handout:\n    copies: 3\n    recipients: [Jane Doe, John Roe]\n`);
    const result = await cli(['build', 'b.brief.yaml', '-o', 'out.pdf'], cwd);
    expect(result.code).toBe(2);
    expect(result.err).toContain('b.brief.yaml:7:13');
    expect(result.err).toContain('should be equal to the number of recipients');
  });

  it.each([
    ['an empty recipients file', ['--recipients', 'empty.txt'], 'RECIPIENTS_INVALID', 'empty.txt', 'has no names'],
    ['a recipients file with a control character', ['--recipients', 'control.txt'], 'RECIPIENTS_INVALID', 'control.txt:2:4', 'control character'],
    ['a recipients file that is not text', ['--recipients', 'binary.txt'], 'RECIPIENTS_INVALID', 'binary.txt:2', 'not UTF-8'],
    ['a missing recipients file', ['--recipients', 'nobody.txt'], 'RECIPIENTS_INVALID', 'nobody.txt', 'does not exist'],
    ['copies and recipients together', ['--copies', '3', '--recipients', 'empty.txt'], 'SPEC_INVALID', 'command line', 'one or the other'],
    ['copies that are not a number', ['--copies', 'ten'], 'SPEC_INVALID', 'command line', 'whole number'],
    ['an unknown layout', ['--handout', '3-up'], 'SPEC_INVALID', 'command line', '--handout: should be one of "1-up", "2-up", "4-up", "booklet", found "3-up"'],
    ['an unknown paper', ['--paper', 'legal'], 'SPEC_INVALID', 'command line', '--paper: should be one of "letter", "a4", found "legal"'],
  ])('refuses %s with exit 2 and a located message', async (_name, flags, code, location, message) => {
    const cwd = mkdtempSync(join(tmpdir(), 'handout-cli-'));
    writeFileSync(join(cwd, 'b.brief.yaml'), SPEC);
    writeFileSync(join(cwd, 'empty.txt'), '\n# nobody yet\n\n');
    writeFileSync(join(cwd, 'control.txt'), 'Jane Doe\nBad\u0007Name\n');
    writeFileSync(join(cwd, 'binary.txt'), Buffer.from([0x4a, 0x61, 0x0a, 0xff, 0xfe, 0x00, 0x0a]));
    const result = await cli(['build', 'b.brief.yaml', ...flags, '-o', 'out.pdf'], cwd);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`error[${code}]`);
    expect(result.err).toContain(location);
    expect(result.err).toContain(message);
    expect(result.err).not.toContain('    at ');
  });
});
