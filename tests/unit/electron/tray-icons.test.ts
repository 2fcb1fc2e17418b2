import { readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { trayIconFile } from '../../../src-main/electron/tray-icons.js';
import { TRAY_STATES } from '../../../src-main/electron/tray-state.js';

const trayDir = new URL('../../../assets/tray/', import.meta.url);

/** Width, height and RGBA pixels of one of our PNGs (8-bit RGBA, filter 0 on every row). */
function readPng(name: string): { width: number; height: number; rgba: Buffer } {
  const data = readFileSync(new URL(name, trayDir));
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (offset < data.length) {
    const length = data.readUInt32BE(offset);
    const type = data.toString('ascii', offset + 4, offset + 8);
    const body = data.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    }
    if (type === 'IDAT') idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

const variants = (base: string, scales: [string, number][]): [string, number][] =>
  scales.map(([suffix, size]) => [base.replace('.png', `${suffix}.png`), size]);

describe('the tray icons', () => {
  it.each(TRAY_STATES)('%s exists at every size Windows, Linux and macOS ask for', (state) => {
    const expected: [string, number][] = [
      ...variants(trayIconFile(state, 'win32'), [
        ['', 16],
        ['@1.5x', 24],
        ['@2x', 32],
      ]),
      ...variants(trayIconFile(state, 'linux'), [
        ['', 24],
        ['@2x', 48],
      ]),
      ...variants(trayIconFile(state, 'darwin'), [
        ['', 16],
        ['@2x', 32],
      ]),
    ];
    for (const [name, size] of expected) {
      const png = readPng(name);
      expect([name, png.width, png.height]).toEqual([name, size, size]);
    }
  });

  it('macOS template images are black and clear only', () => {
    for (const state of TRAY_STATES) {
      const { rgba } = readPng(trayIconFile(state, 'darwin'));
      for (let i = 0; i < rgba.length; i += 4) {
        if (rgba[i + 3] === 0) continue;
        expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([0, 0, 0]);
      }
    }
  });

  it('each state looks different from the others at 16 px', () => {
    const pixels = TRAY_STATES.map((s) => readPng(trayIconFile(s, 'win32')).rgba.toString('hex'));
    expect(new Set(pixels).size).toBe(TRAY_STATES.length);
    const templates = TRAY_STATES.map((s) =>
      readPng(trayIconFile(s, 'darwin')).rgba.toString('hex'),
    );
    expect(new Set(templates).size).toBe(TRAY_STATES.length);
  });
});
