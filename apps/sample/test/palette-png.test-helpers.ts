import { crc32, deflateSync, inflateSync } from 'node:zlib';
import { parseInput } from '@achbridge/core';
import { z } from 'zod';

/** A decoded 8-bit image: `rgb` holds width × height × 3 bytes (alpha is laid over white). */
export interface RgbImage {
  width: number;
  height: number;
  rgb: Uint8Array;
}

const SIGNATURE = Uint8Array.from([137, 80, 78, 71, 13, 10, 26, 10]);

function paeth(left: number, up: number, upLeft: number): number {
  const estimate = left + up - upLeft;
  const toLeft = Math.abs(estimate - left);
  const toUp = Math.abs(estimate - up);
  const toUpLeft = Math.abs(estimate - upLeft);
  if (toLeft <= toUp && toLeft <= toUpLeft) return left;
  return toUp <= toUpLeft ? up : upLeft;
}

/** Decodes a non-interlaced 8-bit RGB, RGBA or palette PNG (what Chromium screenshots and `encodePalettePng` produce). */
export function decodePng(png: Uint8Array): RgbImage {
  const data = parseInput('decodePng', z.instanceof(Uint8Array), png);
  if (!SIGNATURE.every((byte, index) => data[index] === byte)) throw new RangeError('not a PNG');
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  let offset = 8;
  let width = 0;
  let height = 0;
  let colorType = -1;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  while (offset < data.length) {
    const length = view.getUint32(offset);
    const type = String.fromCharCode(...data.subarray(offset + 4, offset + 8));
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = view.getUint32(offset + 8);
      height = view.getUint32(offset + 12);
      colorType = body[9] ?? -1;
      if (body[8] !== 8 || body[12] !== 0)
        throw new RangeError('only 8-bit, non-interlaced PNGs are supported');
    } else if (type === 'PLTE') {
      palette = body;
    } else if (type === 'IDAT') {
      idat.push(body);
    }
    offset += 12 + length;
  }
  const channels = colorType === 6 ? 4 : colorType === 2 ? 3 : colorType === 3 ? 1 : 0;
  if (channels === 0) throw new RangeError(`unsupported PNG colour type ${colorType}`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y += 1) {
    const filter = raw[y * (stride + 1)];
    const row = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const out = y * stride;
    for (let x = 0; x < stride; x += 1) {
      const left = x >= channels ? (pixels[out + x - channels] as number) : 0;
      const up = y > 0 ? (pixels[out - stride + x] as number) : 0;
      const upLeft = y > 0 && x >= channels ? (pixels[out - stride + x - channels] as number) : 0;
      const value = row[x] as number;
      const predictor =
        filter === 1
          ? left
          : filter === 2
            ? up
            : filter === 3
              ? (left + up) >> 1
              : filter === 4
                ? paeth(left, up, upLeft)
                : 0;
      pixels[out + x] = (value + predictor) & 255;
    }
  }
  const rgb = new Uint8Array(width * height * 3);
  for (let index = 0; index < width * height; index += 1) {
    if (channels === 1) {
      const entry = (pixels[index] as number) * 3;
      rgb.set(palette?.subarray(entry, entry + 3) ?? [0, 0, 0], index * 3);
      continue;
    }
    const alpha = channels === 4 ? (pixels[index * 4 + 3] as number) : 255;
    for (let channel = 0; channel < 3; channel += 1) {
      const value = pixels[index * channels + channel] as number;
      rgb[index * 3 + channel] = Math.round((value * alpha + 255 * (255 - alpha)) / 255);
    }
  }
  return { width, height, rgb };
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])) >>> 0, 0);
  return Buffer.concat([head, body, crc]);
}

/**
 * Re-encodes an image as an 8-bit palette PNG with at most `maxColors` colours (the most frequent ones; every
 * other colour maps to its nearest palette entry). UI screenshots are mostly flat colours and antialiased
 * text, so this keeps them sharp at a fraction of the size.
 */
export function encodePalettePng(image: RgbImage, maxColors = 256): Buffer {
  const { width, height, rgb } = image;
  const colors = parseInput('encodePalettePng', z.number().int().min(2).max(256), maxColors);
  const counts = new Map<number, number>();
  for (let index = 0; index < rgb.length; index += 3) {
    const key =
      ((rgb[index] as number) << 16) | ((rgb[index + 1] as number) << 8) | (rgb[index + 2] as number);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const palette = [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, colors)
    .map(([key]) => key);
  const indexOf = new Map<number, number>(palette.map((key, index) => [key, index]));
  const nearest = (key: number): number => {
    const known = indexOf.get(key);
    if (known !== undefined) return known;
    let best = 0;
    let bestDistance = Number.POSITIVE_INFINITY;
    palette.forEach((candidate, index) => {
      const dr = ((candidate >> 16) & 255) - ((key >> 16) & 255);
      const dg = ((candidate >> 8) & 255) - ((key >> 8) & 255);
      const db = (candidate & 255) - (key & 255);
      const distance = 2 * dr * dr + 4 * dg * dg + 3 * db * db;
      if (distance < bestDistance) {
        bestDistance = distance;
        best = index;
      }
    });
    indexOf.set(key, best);
    return best;
  };
  const rows = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y += 1) {
    rows[y * (width + 1)] = 0;
    for (let x = 0; x < width; x += 1) {
      const at = (y * width + x) * 3;
      const key = ((rgb[at] as number) << 16) | ((rgb[at + 1] as number) << 8) | (rgb[at + 2] as number);
      rows[y * (width + 1) + 1 + x] = nearest(key);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 3, 0, 0, 0], 8);
  const plte = Buffer.alloc(palette.length * 3);
  palette.forEach((key, index) => {
    plte.set([(key >> 16) & 255, (key >> 8) & 255, key & 255], index * 3);
  });
  return Buffer.concat([
    Buffer.from(SIGNATURE),
    chunk('IHDR', header),
    chunk('PLTE', plte),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
