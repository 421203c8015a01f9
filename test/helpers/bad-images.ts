/** PNG and JPEG files that lie about themselves, built byte by byte for tests. */
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, sum]);
}

export interface PngHeader {
  width: number;
  height: number;
  depth?: number;
  /** 0 grey, 2 RGB, 3 palette, 4 grey + alpha, 6 RGBA. */
  colorType?: number;
  interlace?: 0 | 1;
}

/** A PNG with the given header and image data (`raw` is deflated; `idat` is taken as is). */
export function pngFile(header: PngHeader, data: { raw?: Buffer; idat?: Buffer }, extra: Buffer[] = []): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(header.width, 0);
  ihdr.writeUInt32BE(header.height, 4);
  ihdr[8] = header.depth ?? 8;
  ihdr[9] = header.colorType ?? 6;
  ihdr[12] = header.interlace ?? 0;
  const idat = data.idat ?? deflateSync(data.raw ?? Buffer.alloc(0));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), ...extra, chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

/** Filtered RGBA rows of a `width` × `height` image: exactly what its header promises. */
export function rgbaRows(width: number, height: number): Buffer {
  const raw = Buffer.alloc((width * 4 + 1) * height, 0x7f);
  for (let y = 0; y < height; y++) raw[y * (width * 4 + 1)] = 0; // filter type "none"
  return raw;
}

export const goodPng = (): Buffer => pngFile({ width: 12, height: 8 }, { raw: rgbaRows(12, 8) });

/** Header says 3000 × 3000 RGBA (36 MB of pixels); the data holds 10 × 10. */
export const shortPng = (): Buffer => pngFile({ width: 3000, height: 3000 }, { raw: rgbaRows(10, 10) });

/** Header says 10 × 10; the data inflates to 64 MB (a decompression bomb). */
export const bombPng = (): Buffer => pngFile({ width: 10, height: 10 }, { idat: deflateSync(Buffer.alloc(64 << 20), { level: 9 }) });

/** Header says 60000 × 60000 (3.6 gigapixels): refused before any data is read. */
export const hugePng = (): Buffer => pngFile({ width: 60000, height: 60000 }, { raw: rgbaRows(10, 10) });

/** A JPEG whose frame header claims 65000 × 65000 pixels. */
export function hugeJpeg(): Buffer {
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, 0xfd, 0xe8, 0xfd, 0xe8, 0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]);
  const sos = Buffer.from([0xff, 0xda, 0x00, 0x0c, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3f, 0x00]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, sos, Buffer.alloc(64), Buffer.from([0xff, 0xd9])]);
}
