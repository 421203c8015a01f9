/**
 * Page signatures, on real briefs: an edit that changes only the first page
 * leaves every other page's signature alone (and those pages read back the
 * same), an edit that reaches every page (the title in the running head)
 * changes them all, and a PDF the reader cannot follow gets none.
 */
import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { pageSignatures } from '../../main/app/page-signatures.js';
import { buildBrief } from '../../main/engine/render.js';
import { defaultSpec } from '../../main/engine/spec-schema.js';
import { readPdf } from './fixtures.js';

describe('page signatures', () => {
  it('changes only for the pages an edit changed', async () => {
    const spec = defaultSpec();
    const before = await buildBrief(spec);
    // The subtitle is on the first page only, and this edit adds no new letter to the fonts.
    const after = await buildBrief({ ...spec, subtitle: spec.subtitle!.slice(0, -1) });
    const a = pageSignatures(before.pdf)!;
    const b = pageSignatures(after.pdf)!;
    expect(a).toHaveLength(before.pageCount);
    expect(b).toHaveLength(after.pageCount);
    expect(before.pageCount).toBeGreaterThan(2);
    expect(b[0]).not.toBe(a[0]);
    expect(b.slice(1)).toEqual(a.slice(1));
    const [textA, textB] = await Promise.all([readPdf(before.pdf), readPdf(after.pdf)]);
    expect(textB.pages[0]).not.toBe(textA.pages[0]);
    expect(textB.pages.slice(1)).toEqual(textA.pages.slice(1));

    // Same input, same signatures: the build is deterministic.
    expect(pageSignatures((await buildBrief(spec)).pdf)).toEqual(a);
    // The title is in every page's running head: every page changes.
    const retitled = pageSignatures((await buildBrief({ ...spec, title: `${spec.title} (draft)` })).pdf)!;
    for (const [index, signature] of retitled.entries()) expect(signature).not.toBe(a[index]);
  });

  it('gives no signatures for a PDF it cannot follow, so the preview draws every page', async () => {
    const { pdf } = await buildBrief(defaultSpec());
    // Saved again with object streams: no classic cross-reference table.
    const rewritten = await (await PDFDocument.load(pdf)).save({ useObjectStreams: true });
    expect(pageSignatures(rewritten)).toBeUndefined();
    expect(pageSignatures(new TextEncoder().encode('not a pdf'))).toBeUndefined();
  });
});
