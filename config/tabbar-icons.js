/**
 * Draws the tab bar icons (81×81 PNG, as WeChat recommends) into src/assets/tabbar/.
 * Run `node config/tabbar-icons.js` after changing a shape or a colour; the PNGs are committed.
 * Shapes are signed-distance functions rendered with 4×4 supersampling, no dependencies.
 */
const fs = require('fs')
const path = require('path')
const zlib = require('zlib')

const SIZE = 81
const STROKE = 5.5
const COLORS = { normal: [0x8a, 0x91, 0x9c], active: [0x1a, 0x56, 0xa8] }

const len = (x, y) => Math.hypot(x, y)
/** Distance to a rounded rectangle's outline. */
function roundRect(px, py, x0, y0, x1, y1, r) {
  const cx = (x0 + x1) / 2, cy = (y0 + y1) / 2
  const hx = (x1 - x0) / 2 - r, hy = (y1 - y0) / 2 - r
  const qx = Math.abs(px - cx) - hx, qy = Math.abs(py - cy) - hy
  const outside = len(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
  return Math.abs(outside)
}
/** Distance to a segment (round caps). */
function segment(px, py, ax, ay, bx, by) {
  const dx = bx - ax, dy = by - ay
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)))
  return len(px - ax - t * dx, py - ay - t * dy)
}
const ring = (px, py, cx, cy, r) => Math.abs(len(px - cx, py - cy) - r)

const SHAPES = {
  // 征集活动: a notice with lines of text
  campaigns: (x, y) =>
    Math.min(
      roundRect(x, y, 17, 10, 64, 71, 9),
      segment(x, y, 28, 27, 53, 27),
      segment(x, y, 28, 40, 53, 40),
      segment(x, y, 28, 53, 44, 53)
    ),
  // 消息: a speech bubble with a tail at the lower left and two lines of text
  messages: (x, y) => {
    const bubble = roundRect(x, y, 11, 14, 70, 58, 11)
    // the tail: the bubble's outline is open where the tail joins it
    const inTail = x > 22 && x < 38 && y > 56
    const tail = Math.min(segment(x, y, 24, 58, 22, 70), segment(x, y, 22, 70, 37, 58))
    return Math.min(inTail ? Infinity : bubble, tail, segment(x, y, 25, 30, 56, 30), segment(x, y, 25, 42, 46, 42))
  },
  // 我的: a person
  profile: (x, y) => {
    const head = ring(x, y, 40.5, 27, 13)
    const body = y <= 68 ? ring(x, y, 40.5, 76, 26) : Infinity
    const base = segment(x, y, 16, 68, 65, 68)
    return Math.min(head, y <= 68 ? body : segment(x, y, 14.5, 68, 66.5, 68), base)
  }
}

function png(width, height, rgba) {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    return c >>> 0
  })
  const crc = (buf) => {
    let c = 0xffffffff
    for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8)
    return (c ^ 0xffffffff) >>> 0
  }
  const chunk = (type, data) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'ascii')
    data.copy(out, 8)
    out.writeUInt32BE(crc(out.subarray(4, 8 + data.length)), 8 + data.length)
    return out
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0
    rgba.copy(raw, y * (width * 4 + 1) + 1, y * width * 4, (y + 1) * width * 4)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

function draw(shape, [r, g, b]) {
  const px = Buffer.alloc(SIZE * SIZE * 4)
  const N = 4
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      let cover = 0
      for (let sy = 0; sy < N; sy++)
        for (let sx = 0; sx < N; sx++) if (shape(x + (sx + 0.5) / N, y + (sy + 0.5) / N) <= STROKE / 2) cover++
      const i = (y * SIZE + x) * 4
      px[i] = r
      px[i + 1] = g
      px[i + 2] = b
      px[i + 3] = Math.round((cover / (N * N)) * 255)
    }
  }
  return png(SIZE, SIZE, px)
}

const outDir = path.join(__dirname, '..', 'src', 'assets', 'tabbar')
fs.mkdirSync(outDir, { recursive: true })
for (const [name, shape] of Object.entries(SHAPES)) {
  for (const [state, color] of Object.entries(COLORS)) {
    const file = path.join(outDir, `${name}${state === 'active' ? '-active' : ''}.png`)
    fs.writeFileSync(file, draw(shape, color))
    console.log(file, fs.statSync(file).size, 'bytes')
  }
}
