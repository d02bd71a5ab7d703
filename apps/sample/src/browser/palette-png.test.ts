import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodePng, encodePalettePng, type RgbImage } from '../../test/palette-png.test-helpers.js';

function chunk(type: string, body: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** An RGBA PNG whose rows use filters 0-4 in turn (as encoders like Chromium's mix them). */
function rgbaPng(width: number, height: number, pixel: (x: number, y: number) => number[]): Buffer {
  const stride = width * 4;
  const raw: number[][] = [];
  for (let y = 0; y < height; y += 1) {
    const row: number[] = [];
    for (let x = 0; x < width; x += 1) row.push(...pixel(x, y));
    raw.push(row);
  }
  const out: number[] = [];
  raw.forEach((row, y) => {
    const filter = y % 5;
    out.push(filter);
    for (let i = 0; i < stride; i += 1) {
      const left = i >= 4 ? (row[i - 4] as number) : 0;
      const up = y > 0 ? (raw[y - 1]?.[i] as number) : 0;
      const upLeft = y > 0 && i >= 4 ? (raw[y - 1]?.[i - 4] as number) : 0;
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] as number;
      out.push(((row[i] as number) - predictor + 256) & 255);
    }
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.from(out))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

describe('decodePng / encodePalettePng', () => {
  it('decodes every row filter and lays alpha over white', () => {
    const png = rgbaPng(7, 10, (x, y) => [
      (x * 37 + y * 11) & 255,
      (x * 5 + y * 70) & 255,
      (x * y * 3) & 255,
      255,
    ]);
    const image = decodePng(png);
    expect(image.width).toBe(7);
    expect(image.height).toBe(10);
    expect([...image.rgb.subarray(0, 3)]).toEqual([0, 0, 0]);
    const at = (6 + 9 * 7) * 3;
    expect([...image.rgb.subarray(at, at + 3)]).toEqual([(6 * 37 + 99) & 255, (30 + 630) & 255, 162]);
    const transparent = decodePng(rgbaPng(1, 1, () => [0, 0, 0, 0]));
    expect([...transparent.rgb]).toEqual([255, 255, 255]);
  });

  it('round-trips an image with at most 256 colours exactly', () => {
    const png = rgbaPng(16, 16, (x, y) => [x * 16, y * 16, 128, 255]);
    const image = decodePng(png);
    const again = decodePng(encodePalettePng(image));
    expect(again).toEqual(image);
  });

  it('maps extra colours to the nearest palette entry', () => {
    const image: RgbImage = { width: 3, height: 1, rgb: Uint8Array.from([0, 0, 0, 0, 0, 0, 250, 250, 250]) };
    const twoColours = decodePng(
      encodePalettePng({ ...image, rgb: Uint8Array.from([0, 0, 0, 0, 0, 0, 255, 255, 255]) }, 2),
    );
    expect([...twoColours.rgb]).toEqual([0, 0, 0, 0, 0, 0, 255, 255, 255]);
    const squeezed = decodePng(
      encodePalettePng(
        { width: 4, height: 1, rgb: Uint8Array.from([0, 0, 0, 0, 0, 0, 250, 250, 250, 10, 10, 10]) },
        2,
      ),
    );
    expect([...squeezed.rgb]).toEqual([0, 0, 0, 0, 0, 0, 250, 250, 250, 0, 0, 0]);
  });

  it('refuses what it cannot read', () => {
    expect(() => decodePng(Uint8Array.from([1, 2, 3]))).toThrow(RangeError);
  });
});
