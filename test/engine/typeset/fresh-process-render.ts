/**
 * Typesets the sample brief in a fresh process and prints the SHA-256 of the
 * PDF. With the argument `odd-first` it first typesets a document full of
 * characters that share glyphs with common ones (no-break spaces, ligatures),
 * which must not change the sample's bytes.
 */
import { createHash } from 'node:crypto';
import { typeset } from '../../../main/engine/typeset/index.js';
import { para, sampleInput } from './sample-model.js';

if (process.argv[2] === 'odd-first') {
  await typeset(sampleInput({ model: { blocks: [para('a\u00a0b\u00a0c ﬁ ﬂ ‒ ― 1\u00a02 \u2007 \u202f')] } }));
}
const { pdf } = await typeset(sampleInput());
process.stdout.write(createHash('sha256').update(pdf).digest('hex'));
