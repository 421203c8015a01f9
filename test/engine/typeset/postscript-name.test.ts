/**
 * The PostScript name read straight from the name table is fontkit's, for
 * every built-in font; where the table's records disagree or use another
 * encoding, fontkit decides (nothing is set on the font).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type Font } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { fontsDir } from '../../../main/engine/paths.js';
import { loadFontFile } from '../../../main/engine/typeset/font-files.js';
import { postscriptNameInTable, presetPostscriptName } from '../../../main/engine/typeset/postscript-name.js';

const fontFiles = readdirSync(fontsDir()).filter((name) => name.endsWith('.ttf'));

function openFont(file: string): Font {
  return create(readFileSync(join(fontsDir(), file))) as Font;
}

/** A name table of the given records (platform, encoding, name id, bytes of the string). */
function nameTable(records: [number, number, number, number[], number?][]): Uint8Array {
  const head = 6 + records.length * 12;
  const strings = records.flatMap(([, , , bytes]) => bytes);
  const table = new Uint8Array(head + strings.length);
  const view = new DataView(table.buffer);
  view.setUint16(2, records.length);
  view.setUint16(4, head);
  let offset = 0;
  records.forEach(([platform, encoding, nameId, bytes, language], i) => {
    const at = 6 + i * 12;
    view.setUint16(at, platform);
    view.setUint16(at + 2, encoding);
    view.setUint16(at + 4, language ?? (platform === 3 ? 0x409 : 0));
    view.setUint16(at + 6, nameId);
    view.setUint16(at + 8, bytes.length);
    view.setUint16(at + 10, offset);
    offset += bytes.length;
  });
  table.set(strings, head);
  return table;
}
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));
const utf16 = (text: string) => [...text].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]);

describe('PostScript names read from the name table', () => {
  it.each(fontFiles)('%s: the name fontkit decodes', (file) => {
    const expected = openFont(file).postscriptName;
    const font = openFont(file);
    presetPostscriptName(font);
    expect(Object.getOwnPropertyDescriptor(font, 'postscriptName')?.value).toBe(expected);
    expect(expected).toMatch(/^[A-Za-z0-9-]+$/);
  });

  it('is what a loaded font reports, without fontkit decoding the table', () => {
    const font = loadFontFile(join(fontsDir(), 'SourceSerif4-Regular.ttf'));
    expect(font.postscriptName).toBe('SourceSerif4-Regular');
    expect((font as unknown as { _tables: Record<string, unknown> })._tables.name).toBeUndefined();
  });

  it('agrees across platforms or answers nothing', () => {
    const both = nameTable([[1, 0, 6, ascii('Serif-Bold')], [3, 1, 1, utf16('Serif')], [3, 1, 6, utf16('Serif-Bold')]]);
    expect(postscriptNameInTable(both, 0, both.length)).toBe('Serif-Bold');
    const differ = nameTable([[1, 0, 6, ascii('Serif-Bold')], [3, 1, 6, utf16('SerifBold')]]);
    expect(postscriptNameInTable(differ, 0, differ.length)).toBeUndefined();
    const symbol = nameTable([[3, 0, 6, utf16('Dingbats')]]);
    expect(postscriptNameInTable(symbol, 0, symbol.length)).toBeUndefined();
    const accented = nameTable([[3, 1, 6, utf16('Café')]]);
    expect(postscriptNameInTable(accented, 0, accented.length)).toBeUndefined();
    const none = nameTable([[3, 1, 1, utf16('Serif')]]);
    expect(postscriptNameInTable(none, 0, none.length)).toBeUndefined();
    // Encodings and languages fontkit decodes otherwise, and an empty name (fontkit: none), are fontkit's.
    const unknownEncoding = nameTable([[0, 7, 6, utf16('Serif')]]);
    expect(postscriptNameInTable(unknownEncoding, 0, unknownEncoding.length)).toBeUndefined();
    const unicode = nameTable([[0, 3, 6, utf16('Serif')]]);
    expect(postscriptNameInTable(unicode, 0, unicode.length)).toBe('Serif');
    const icelandic = nameTable([[1, 0, 6, ascii('Serif'), 15]]);
    expect(postscriptNameInTable(icelandic, 0, icelandic.length)).toBeUndefined();
    const empty = nameTable([[3, 1, 6, []]]);
    expect(postscriptNameInTable(empty, 0, empty.length)).toBeUndefined();
    const cut = nameTable([[3, 1, 6, utf16('Serif-Bold')]]);
    expect(postscriptNameInTable(cut, 0, cut.length - 2)).toBeUndefined();
  });
});
