/**
 * A font's PostScript name without decoding its whole name table. PDFKit
 * reads `font.postscriptName` for every font it embeds, and fontkit answers by
 * decoding every record of the name table (every string, in every language):
 * about 2 ms per font in a fresh process. When every PostScript-name record
 * (name id 6) holds the same ASCII string, that string is fontkit's answer
 * whatever language it prefers, so it is read straight from the table and
 * set on the font. Anything else (no such record, records that differ,
 * encodings other than UTF-16 and Mac Roman, a table out of bounds) is left
 * to fontkit.
 */
import type { Font } from 'fontkit';

interface TableDirectory {
  readonly type?: string;
  readonly directory?: { readonly tables?: Record<string, { readonly offset: number; readonly length: number } | undefined> };
  readonly stream?: { readonly buffer?: Uint8Array };
}

const POSTSCRIPT_NAME_ID = 6;

/** The one PostScript name all of the table's records agree on, or undefined. */
export function postscriptNameInTable(bytes: Uint8Array, start: number, length: number): string | undefined {
  if (start < 0 || length < 6 || start + length > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset + start, length);
  const count = view.getUint16(2);
  const strings = view.getUint16(4);
  if (6 + count * 12 > length) return undefined;
  let name: string | undefined;
  for (let i = 0; i < count; i++) {
    const record = 6 + i * 12;
    if (view.getUint16(record + 6) !== POSTSCRIPT_NAME_ID) continue;
    const platform = view.getUint16(record);
    const encoding = view.getUint16(record + 2);
    const language = view.getUint16(record + 4);
    const size = view.getUint16(record + 8);
    const offset = strings + view.getUint16(record + 10);
    if (offset + size > length) return undefined;
    // fontkit decodes Unicode-platform (encodings 0-6) and Windows Unicode records as UTF-16BE, and
    // Mac Roman English records (1, 0, 0) byte by byte; other Mac languages select other encodings there.
    const utf16 = (platform === 0 && encoding <= 6) || (platform === 3 && (encoding === 1 || encoding === 10));
    const macRoman = platform === 1 && encoding === 0 && language === 0;
    if (!utf16 && !macRoman) return undefined;
    if (utf16 && size % 2 !== 0) return undefined;
    let text = '';
    for (let at = offset; at < offset + size; at += utf16 ? 2 : 1) {
      const unit = utf16 ? view.getUint16(at) : view.getUint8(at);
      // ASCII reads the same in every encoding; anything else is fontkit's to decode.
      if (unit >= 0x80) return undefined;
      text += String.fromCharCode(unit);
    }
    if (name !== undefined && name !== text) return undefined;
    name = text;
  }
  // fontkit reads an empty name as none at all (null).
  return name === '' ? undefined : name;
}

/** Give a plain TrueType/OpenType font its PostScript name read from the table, where it is unambiguous. */
export function presetPostscriptName(font: Font): void {
  const internals = font as unknown as TableDirectory;
  const table = internals.directory?.tables?.name;
  const bytes = internals.stream?.buffer;
  // WOFF tables are compressed; collections keep their tables elsewhere.
  if (internals.type !== 'TTF' || !table || !(bytes instanceof Uint8Array)) return;
  const name = postscriptNameInTable(bytes, table.offset, table.length);
  if (name !== undefined) Object.defineProperty(font, 'postscriptName', { value: name, configurable: true });
}
