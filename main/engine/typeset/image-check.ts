/**
 * An image is checked before PDFKit sees it: PDFKit trusts the size a PNG or
 * JPEG header declares and, for PNGs with transparency, allocates the whole
 * decoded bitmap from it. A header that lies, or a small file that inflates
 * to gigabytes (a "decompression bomb"), must be a located error instead of
 * a crash. PNG and JPEG are the formats PDFKit accepts.
 */
import { Unzlib } from 'fflate';
import { BriefError } from '../errors.js';
import { diskFiles, type FileProvider } from '../file-provider.js';

/** Largest image accepted, in pixels (documented in templates/README.md). */
export const MAX_IMAGE_PIXELS = 50_000_000;
/** Largest image file read, in bytes. */
export const MAX_IMAGE_BYTES = 100 * 1024 * 1024;

export interface CheckedImage {
  bytes: Buffer;
  format: 'png' | 'jpeg';
  width: number;
  height: number;
}

/**
 * The bytes of the image at `path`, once its header and (for PNG) its data
 * agree; else a BriefError (IMAGE_INVALID, or IO for a non-file or an oversized file) at
 * the file. A file that is no image at all is a plain Error.
 */
export function readCheckedImage(path: string, files: FileProvider = diskFiles): CheckedImage {
  const bytes = files.readFileSync(path, { what: 'image', maxBytes: MAX_IMAGE_BYTES });
  const fail = (why: string): never => {
    throw new BriefError('IMAGE_INVALID', `This image cannot be used: ${why}.`, { location: { file: path } });
  };
  if (isPng(bytes)) return { bytes, format: 'png', ...checkPng(bytes, fail) };
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return { bytes, format: 'jpeg', ...checkJpeg(bytes, fail) };
  // Not an image at all: the typesetter leaves it out with a warning, as before.
  throw new Error('the file is not a PNG or JPEG image');
}

function checkSize(width: number, height: number, fail: (why: string) => never): void {
  if (width < 1 || height < 1) fail(`its header declares a size of ${width} × ${height} pixels`);
  if (width * height > MAX_IMAGE_PIXELS) {
    fail(`its header declares ${width} × ${height} pixels, more than the limit of ${MAX_IMAGE_PIXELS / 1e6} megapixels`);
  }
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (bytes: Buffer): boolean => bytes.length >= 8 && PNG_SIGNATURE.every((b, i) => bytes[i] === b);

/** Channels per colour type, and the bit depths each allows (PNG spec, table 11.1). */
const PNG_COLOR_TYPES: Record<number, { channels: number; depths: number[] }> = {
  0: { channels: 1, depths: [1, 2, 4, 8, 16] },
  2: { channels: 3, depths: [8, 16] },
  3: { channels: 1, depths: [1, 2, 4, 8] },
  4: { channels: 2, depths: [8, 16] },
  6: { channels: 4, depths: [8, 16] },
};
/** Adam7 passes: x start, y start, x step, y step. */
const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function checkPng(bytes: Buffer, fail: (why: string) => never): { width: number; height: number } {
  if (bytes.length < 33 || bytes.readUInt32BE(8) !== 13 || bytes.toString('latin1', 12, 16) !== 'IHDR') fail('its PNG header (IHDR) is missing or damaged');
  const width = bytes.readUInt32BE(16);
  const height = bytes.readUInt32BE(20);
  const [depth, colorType, compression, filter, interlace] = [bytes[24]!, bytes[25]!, bytes[26]!, bytes[27]!, bytes[28]!];
  checkSize(width, height, fail);
  const color = PNG_COLOR_TYPES[colorType];
  if (!color || !color.depths.includes(depth)) fail(`its PNG header names colour type ${colorType} with ${depth}-bit samples, which PNG does not define`);
  if (compression !== 0 || filter !== 0 || interlace > 1) fail('its PNG header names an unknown compression, filter or interlace method');

  const bitsPerPixel = color.channels * depth;
  const rowBytes = (w: number): number => Math.ceil((w * bitsPerPixel) / 8);
  let expected = 0;
  if (interlace === 0) {
    expected = height * (1 + rowBytes(width));
  } else {
    for (const [x0, y0, dx, dy] of ADAM7) {
      const w = width > x0 ? Math.ceil((width - x0) / dx) : 0;
      const h = height > y0 ? Math.ceil((height - y0) / dy) : 0;
      if (w > 0 && h > 0) expected += h * (1 + rowBytes(w));
    }
  }

  // Walk the chunks, inflating the image data as it comes and counting bytes
  // (nothing of the bitmap is kept): stop as soon as it runs past the size declared.
  let produced = 0;
  let tooLong = false;
  const inflater = new Unzlib((chunk) => {
    produced += chunk.length;
    if (produced > expected) tooLong = true;
  });
  let offset = 8;
  let sawData = false;
  let ended = false;
  try {
    while (offset + 8 <= bytes.length) {
      const length = bytes.readUInt32BE(offset);
      const type = bytes.toString('latin1', offset + 4, offset + 8);
      const dataStart = offset + 8;
      if (dataStart + length + 4 > bytes.length) fail(`the file ends inside its ${type} chunk (the file is cut short)`);
      if (type === 'IDAT') {
        sawData = true;
        // Small slices bound what one push can inflate to (deflate expands at most ~1000×).
        for (let at = dataStart; at < dataStart + length && !tooLong; at += 4096) {
          inflater.push(bytes.subarray(at, Math.min(at + 4096, dataStart + length)));
        }
        if (tooLong) fail(`its image data is longer than the ${width} × ${height} pixels its header declares (a lying header or a decompression bomb)`);
      } else if (type === 'IEND') {
        ended = true;
        break;
      }
      offset = dataStart + length + 4;
    }
    if (!sawData) fail('it has no image data (IDAT)');
    inflater.push(new Uint8Array(0), true);
  } catch (error) {
    if (error instanceof BriefError) throw error;
    if (produced < expected) fail(`its image data is shorter than the ${width} × ${height} pixels its header declares, or damaged`);
    fail(`its image data is damaged (${error instanceof Error ? error.message : String(error)})`);
  }
  if (tooLong) fail(`its image data is longer than the ${width} × ${height} pixels its header declares (a lying header or a decompression bomb)`);
  if (produced < expected) fail(`its image data is shorter than the ${width} × ${height} pixels its header declares`);
  if (!ended) fail('the file is cut short (no IEND chunk)');
  return { width, height };
}

/** Start-of-frame markers carry the size: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC). */
const isStartOfFrame = (marker: number): boolean => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

function checkJpeg(bytes: Buffer, fail: (why: string) => never): { width: number; height: number } {
  let offset = 2;
  let size: { width: number; height: number } | undefined;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) fail(`its marker structure is damaged at byte ${offset}`);
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset += 1; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    const length = bytes.readUInt16BE(offset + 2);
    if (length < 2 || offset + 2 + length > bytes.length) fail('the file ends inside a JPEG segment (the file is cut short)');
    if (isStartOfFrame(marker)) {
      if (length < 8) fail('its JPEG frame header is damaged');
      const height = bytes.readUInt16BE(offset + 5);
      const width = bytes.readUInt16BE(offset + 7);
      if (height === 0) fail('its JPEG header leaves the height to a later DNL marker, which PDF readers do not support');
      checkSize(width, height, fail);
      size = { width, height };
    }
    if (marker === 0xda) {
      if (!size) fail('its image data starts before any frame header');
      if (bytes.length - (offset + 2 + length) < 2) fail('it has no image data after its scan header');
      return size;
    }
    offset += 2 + length;
  }
  return fail(size ? 'it has no image data (no scan)' : 'it has no JPEG frame header (SOF)');
}
