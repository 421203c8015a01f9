/**
 * The kept template-output model: an unchanged brief re-rendered hands the
 * typesetter the very same (frozen) model, whose document key and marking
 * check are then known; any change of a section or template file between two
 * builds is still seen, and the bytes are those of a build without memos.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { setBuildMemosEnabled } from '../../main/engine/build-memos.js';
import { contentLeftOutKept } from '../../main/engine/content-coverage.js';
import { diskFiles, overlayFiles, type OverlayEntry } from '../../main/engine/file-provider.js';
import { derivedFrom, isDeeplyFrozen, parseMarkupKept } from '../../main/engine/kept-model.js';
import { setMarkupMemoEnabled } from '../../main/engine/markup.js';
import { builtInSectionsDir, builtInTemplatesDir } from '../../main/engine/paths.js';
import { buildBrief } from '../../main/engine/render.js';
import { defaultSpec } from '../../main/engine/spec-schema.js';
import { documentKey } from '../../main/engine/typeset/document-memo.js';
import { setRenderCachesEnabled } from '../../main/engine/typeset/index.js';
import { pdftotext } from '../helpers/pdf-read.js';
import { makeSection } from './template/support.js';

const same = (a: Uint8Array, b: Uint8Array) => Buffer.compare(Buffer.from(a), Buffer.from(b)) === 0;
const words = (pdf: Uint8Array) => pdftotext(pdf).replace(/\s+/g, ' ');

function memos(on: boolean): void {
  setBuildMemosEnabled(on);
  setMarkupMemoEnabled(on);
  setRenderCachesEnabled(on);
}

describe('parseMarkupKept', () => {
  afterEach(() => memos(true));

  it('hands back the same frozen model for the same markup and options, and a new one when either changes', () => {
    const markup = '# Title\n\nA paragraph with **bold** text.\n\n- one\n- two\n';
    const first = parseMarkupKept(markup, { file: 'memo (template output)', lang: 'en-US' });
    expect(parseMarkupKept(`${markup}`, { file: 'memo (template output)', lang: 'en-US' })).toBe(first);
    expect(isDeeplyFrozen(first)).toBe(true);
    // Frozen all the way down: a stage that tried to change a block would throw rather than change the next build's model.
    const block = first.blocks[1]!;
    expect(Object.isFrozen(block)).toBe(true);
    expect(() => {
      (block as { type: string }).type = 'heading';
    }).toThrow(TypeError);

    const edited = parseMarkupKept(markup.replace('bold', 'heavy'), { file: 'memo (template output)', lang: 'en-US' });
    expect(edited).not.toBe(first);
    expect(JSON.stringify(edited)).toContain('heavy');
    // The language picks the quotation marks: another language is another model.
    expect(parseMarkupKept(markup.replace('bold', 'heavy'), { file: 'memo (template output)', lang: 'de-DE' })).not.toBe(edited);

    memos(false);
    const a = parseMarkupKept(markup, { file: 'memo (template output)' });
    expect(parseMarkupKept(markup, { file: 'memo (template output)' })).not.toBe(a);
    expect(isDeeplyFrozen(a)).toBe(false);
  });

  it('works a derived value out once per kept model, every time for any other object', () => {
    const model = parseMarkupKept('Some text for a derived value.\n', { file: 'derived' });
    let calls = 0;
    const count = () => ++calls;
    expect(derivedFrom(model, 'count', count)).toBe(1);
    expect(derivedFrom(model, 'count', count)).toBe(1);
    expect(derivedFrom(model, 'other', count)).toBe(2);
    const plain = { blocks: [] };
    expect(derivedFrom(plain, 'count', count)).toBe(3);
    expect(derivedFrom(plain, 'count', count)).toBe(4);
  });

  it('gives a kept model the document key a fresh copy of it gets', () => {
    const markup = '## Heading\n\nBody text of the brief.\n';
    const kept = parseMarkupKept(markup, { file: 'key' });
    const input = { info: { title: 'T' }, manifest: { page: 'A4' }, templateDir: '/t', sectionLangs: new Map([['a', 'de']]) };
    const key = documentKey({ model: kept, ...input });
    expect(documentKey({ model: kept, ...input })).toBe(key);
    expect(documentKey({ model: structuredClone(kept), ...input })).toBe(key);
    expect(documentKey({ model: parseMarkupKept(`${markup}More.\n`, { file: 'key' }), ...input })).not.toBe(key);
    expect(documentKey({ model: kept, ...input, maxPages: 3 })).not.toBe(key);
  });

  it('lets content coverage skip comparing the output text for the same kept model, and compare it for a new one', () => {
    const section = makeSection('alpha', { summary: 'The summary of alpha.', key_facts: [], quotes: [], body: 'The body paragraph of alpha is here.\n' });
    const printed = 'The summary of alpha.\n\nThe body paragraph of alpha is here.\n';
    const kept = parseMarkupKept(printed, { file: 'coverage' });
    expect(contentLeftOutKept({ templateId: 't', sections: [section], sourceTitles: [], model: kept }, printed)).toEqual([]);
    expect(contentLeftOutKept({ templateId: 't', sections: [section], sourceTitles: [], model: kept }, printed)).toEqual([]);
    const shorter = 'The summary of alpha.\n';
    const leftOut = contentLeftOutKept({ templateId: 't', sections: [section], sourceTitles: [], model: parseMarkupKept(shorter, { file: 'coverage' }) }, shorter);
    expect(leftOut[0]?.message).toContain('1 paragraph');
  });
});

describe('a re-render with the kept model', () => {
  afterEach(() => memos(true));

  const spec = defaultSpec();
  const sectionPath = join(builtInSectionsDir(), `${spec.sections[1]}.md`);
  const sectionText = readFileSync(sectionPath, 'utf8');
  const templatePath = join(builtInTemplatesDir(), 'memo', 'brief.hbs');
  const templateText = readFileSync(templatePath, 'utf8');
  const build = (overlay: [string, OverlayEntry][]) => buildBrief(spec, { files: overlayFiles(diskFiles, new Map(overlay)), today: '2026-01-15' });

  it('sees a section changed between two builds, and gives the bytes of a build without memos', async () => {
    const before = await build([[sectionPath, { content: sectionText, mtimeMs: 1 }]]);
    const again = await build([[sectionPath, { content: sectionText, mtimeMs: 1 }]]);
    expect(same(again.pdf, before.pdf)).toBe(true);
    const bodyStart = sectionText.indexOf('\n---', 4) + 4;
    const changed = `${sectionText.slice(0, bodyStart)}\nQuixotic harbourmasters deliberated.\n${sectionText.slice(bodyStart)}`;
    const after = await build([[sectionPath, { content: changed, mtimeMs: 2 }]]);
    expect(words(before.pdf)).not.toContain('Quixotic harbourmasters');
    expect(words(after.pdf)).toContain('Quixotic harbourmasters deliberated.');
    const afterAgain = await build([[sectionPath, { content: changed, mtimeMs: 2 }]]);
    memos(false);
    const uncached = await build([[sectionPath, { content: changed, mtimeMs: 2 }]]);
    expect(same(after.pdf, uncached.pdf)).toBe(true);
    expect(same(afterAgain.pdf, uncached.pdf)).toBe(true);
  }, 60_000);

  it('sees a template file changed between two builds (an unsaved buffer over it)', async () => {
    const before = await build([]);
    const changed = templateText.replace('{{> title-block}}', '{{> title-block}}\n\nPrinted by a changed template, zephyr.\n');
    expect(changed).not.toBe(templateText);
    const after = await build([[templatePath, { content: changed, mtimeMs: 5 }]]);
    expect(words(before.pdf)).not.toContain('zephyr');
    expect(words(after.pdf)).toContain('Printed by a changed template, zephyr.');
    // And back: the kept model follows the output, not the other way round.
    const back = await build([[templatePath, { content: templateText, mtimeMs: 6 }]]);
    expect(words(back.pdf)).not.toContain('zephyr');
    memos(false);
    expect(same(back.pdf, (await build([[templatePath, { content: templateText, mtimeMs: 6 }]])).pdf)).toBe(true);
  }, 60_000);
});
