// Draws GitGuild's icons into assets/ as PNGs, with no image library: shapes are signed-distance
// functions, 4x4 supersampled for smooth edges.
//   - the app icon (a git branch on a rounded blurple square) at 512, 256, 32 and 16 px;
//   - the tray icons, one per tray state, at every size the platforms ask for (assets/tray/):
//     Windows `<state>-16.png` with @1.5x (24 px) and @2x (32 px) for 150% and 200% displays,
//     Linux `<state>-24.png` with @2x (48 px), macOS `<state>Template.png` (16 pt) with @2x: black
//     and clear only, so the menu bar tints it for light and dark mode. A state is told apart by
//     a badge in the bottom-right corner (none while running), not by colour alone.
// Run: node scripts/generate-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const APP_SIZES = [512, 256, 32, 16];
export const TRAY_STATES = ['running', 'syncing', 'attention', 'paused', 'bot-offline'];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}
function encodePng(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

// Signed distances in unit coordinates (0..1); negative is inside.
const roundedSquare = (x, y, r) => {
  const qx = Math.abs(x - 0.5) - (0.5 - r);
  const qy = Math.abs(y - 0.5) - (0.5 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
const segment = (x, y, ax, ay, bx, by, w) => {
  const t = Math.max(
    0,
    Math.min(1, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)),
  );
  return Math.hypot(x - ax - t * (bx - ax), y - ay - t * (by - ay)) - w / 2;
};

function glyph(x, y, w = 0.075) {
  return Math.min(
    segment(x, y, 0.37, 0.27, 0.37, 0.73, w), // trunk
    segment(x, y, 0.64, 0.35, 0.64, 0.47, w), // branch stem
    segment(x, y, 0.64, 0.47, 0.37, 0.62, w), // merge back into the trunk
    circle(x, y, 0.37, 0.27, 0.09),
    circle(x, y, 0.37, 0.73, 0.09),
    circle(x, y, 0.64, 0.33, 0.09),
  );
}

/**
 * Renders `paint(x, y, row) -> [r, g, b, a] | null` (a in 0..1) with 4x4 supersampling; `row` is
 * the pixel row's top (gradients step per row). Colours are averaged premultiplied, so edges
 * against transparency do not darken.
 */
function render(size, paint) {
  const rgba = Buffer.alloc(size * size * 4);
  const samples = 4;
  const n = samples * samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const colour = paint(
            (px + (sx + 0.5) / samples) / size,
            (py + (sy + 0.5) / samples) / size,
            py / size,
          );
          if (!colour) continue;
          r += colour[0] * colour[3];
          g += colour[1] * colour[3];
          b += colour[2] * colour[3];
          a += colour[3];
        }
      }
      const i = (py * size + px) * 4;
      if (a > 0) {
        rgba[i] = Math.round(r / a);
        rgba[i + 1] = Math.round(g / a);
        rgba[i + 2] = Math.round(b / a);
      }
      rgba[i + 3] = Math.round((255 * a) / n);
    }
  }
  return encodePng(size, rgba);
}

const WHITE = [255, 255, 255, 1];
const BLACK = [0, 0, 0, 1];
/** Vertical gradient between two colours, top to bottom. */
const gradient = (top, bottom, y) => [...top.map((c, k) => c + (bottom[k] - c) * y), 1];
const BLURPLE = [
  [0x68, 0x74, 0xff],
  [0x47, 0x52, 0xc4],
];
const SLATE = [
  [0x8a, 0x90, 0x9c],
  [0x5b, 0x61, 0x6e],
];

function appIcon(x, y, row) {
  if (roundedSquare(x, y, 0.22) >= 0) return null;
  return glyph(x, y) < 0 ? WHITE : gradient(...BLURPLE, row);
}

// ---- tray badges: a disc in the bottom-right corner carrying the state's symbol ----

// Big enough that its symbol stays legible at 16 px (a disc about 9 px across).
const BADGE = { cx: 0.7, cy: 0.7, r: 0.3, gap: 0.07 };
const BADGE_COLOURS = {
  syncing: [0x25, 0x63, 0xeb, 1], // blue: work in progress
  attention: [0xf5, 0x9e, 0x0b, 1], // amber: the admin should look
  paused: [0x6b, 0x72, 0x80, 1], // grey: deliberately idle
  'bot-offline': [0xdc, 0x26, 0x26, 1], // red: the bot is not in Discord
};

/** The badge symbol in badge-local coordinates (u, v in -1..1); negative is inside. */
function badgeSymbol(state, u, v) {
  switch (state) {
    case 'syncing': {
      // A ring with a gap at the top right and an arrow head at the gap: "refresh".
      const ring = Math.abs(Math.hypot(u, v) - 0.5) - 0.19;
      const angle = Math.atan2(v, u);
      const inGap = angle < -0.35 && angle > -1.5;
      const head = Math.max(
        segment(u, v, 0.2, -0.62, 0.72, -0.62, 0.001) - 0.001,
        -(v + 0.62),
        Math.abs(u - 0.5) - 0.32 + (v + 0.62) * -0.9,
      );
      return Math.min(inGap ? 1 : ring, head);
    }
    case 'attention':
      return Math.min(segment(u, v, 0, -0.6, 0, 0.1, 0.36), circle(u, v, 0, 0.56, 0.2));
    case 'paused':
      return Math.min(
        segment(u, v, -0.3, -0.5, -0.3, 0.5, 0.34),
        segment(u, v, 0.3, -0.5, 0.3, 0.5, 0.34),
      );
    case 'bot-offline':
      return Math.min(
        segment(u, v, -0.4, -0.4, 0.4, 0.4, 0.34),
        segment(u, v, -0.4, 0.4, 0.4, -0.4, 0.34),
      );
    default:
      return 1;
  }
}

function badgeAt(state, x, y) {
  if (state === 'running') return { gap: false, disc: false, symbol: false };
  const d = circle(x, y, BADGE.cx, BADGE.cy, BADGE.r);
  const u = (x - BADGE.cx) / BADGE.r;
  const v = (y - BADGE.cy) / BADGE.r;
  return {
    gap: circle(x, y, BADGE.cx, BADGE.cy, BADGE.r + BADGE.gap) < 0,
    disc: d < 0,
    symbol: d < 0 && badgeSymbol(state, u, v) < 0,
  };
}

/** Windows and Linux: the app icon (grey when the bot is offline) with a coloured badge. */
function colourTray(state) {
  const base = state === 'bot-offline' ? SLATE : BLURPLE;
  return (x, y, row) => {
    const badge = badgeAt(state, x, y);
    if (badge.disc) return badge.symbol ? WHITE : BADGE_COLOURS[state];
    if (badge.gap) return null;
    if (roundedSquare(x, y, 0.22) >= 0) return null;
    return glyph(x, y, 0.1) < 0 ? WHITE : gradient(...base, row);
  };
}

/** macOS: the branch glyph alone, larger and bolder, black on clear; the badge symbol is cut out. */
function templateTray(state) {
  return (x, y) => {
    const badge = badgeAt(state, x, y);
    if (badge.disc) return badge.symbol ? null : BLACK;
    if (badge.gap) return null;
    const gx = 0.505 + (x - 0.5) * 0.72;
    const gy = 0.5 + (y - 0.5) * 0.72;
    return glyph(gx, gy, 0.1) < 0 ? BLACK : null;
  };
}

const assets = new URL('../assets/', import.meta.url);
const write = (name, png) => {
  const file = new URL(name, assets);
  writeFileSync(file, png);
  console.log(`wrote ${file.pathname}`);
};

for (const size of APP_SIZES) write(`icon-${size}.png`, render(size, appIcon));

mkdirSync(new URL('tray/', assets), { recursive: true });
for (const state of TRAY_STATES) {
  const colour = colourTray(state);
  const template = templateTray(state);
  write(`tray/${state}-16.png`, render(16, colour));
  write(`tray/${state}-16@1.5x.png`, render(24, colour));
  write(`tray/${state}-16@2x.png`, render(32, colour));
  write(`tray/${state}-24.png`, render(24, colour));
  write(`tray/${state}-24@2x.png`, render(48, colour));
  write(`tray/${state}Template.png`, render(16, template));
  write(`tray/${state}Template@2x.png`, render(32, template));
}
