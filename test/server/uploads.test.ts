/**
 * Attachment uploads against hostile files, built here from real bytes: a zip bomb (a
 * docx-shaped zip whose document inflates to 300 MB of zeros, its headers honest or lying
 * about it, checked without stopping the server), nested archives, a zip
 * with more entries than any document, a plain zip or a workbook behind .docx, a PNG
 * decompression bomb, oversize bodies, and names with folders, control and direction
 * characters. Every refusal has a stable code and a Chinese message, stores nothing and
 * leaves the draft as it was.
 */
import crypto from 'node:crypto'
import { Readable } from 'node:stream'
import zlib from 'node:zlib'
import ExcelJS from 'exceljs'
import type { Demand } from '../../types/domain'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { multipart, type FormPart } from '../support/multipart'
import { signInH5, signInMiniProgram, type SignedIn } from '../support/sign-in'
import { deflatedZeros, docxEntries, xlsxEntries, zip } from '../support/zip'

let s: TestServer
let ent: SignedIn
let other: SignedIn
let bearer: string
let d: Demand

const CHINESE = /[\u4e00-\u9fa5]/
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex')

/** The uncompressed sizes an entry's local and central headers declare, in that order. */
function declaredSizes(buf: Buffer, name: string): number[] {
  const sizes: number[] = []
  const named = (at: number, length: number) => buf.toString('utf8', at, at + length) === name
  for (let i = 0; i + 46 <= buf.length; i++) {
    if (buf.readUInt32LE(i) === 0x04034b50 && named(i + 30, buf.readUInt16LE(i + 26))) sizes.push(buf.readUInt32LE(i + 22))
    if (buf.readUInt32LE(i) === 0x02014b50 && named(i + 46, buf.readUInt16LE(i + 28))) sizes.push(buf.readUInt32LE(i + 24))
  }
  return sizes
}

/** `bytes` of noise behind a JPEG's first bytes: a photo as far as compression goes. */
const photo = (bytes: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), crypto.randomBytes(bytes - 4)])

/** A worksheet of `rows` rows of numbers, about as compressible as a real one. */
function sheetXml(rows: number): Buffer {
  let seed = 42
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
  const body = Array.from({ length: rows }, (_, r) => `<row r="${r + 1}"><c r="A${r + 1}"><v>${next()}</v></c><c r="B${r + 1}"><v>${next() / 1000}</v></c></row>`)
  return Buffer.from(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${body.join('')}</sheetData></worksheet>`)
}

const as = (who: SignedIn | string) =>
  typeof who === 'string' ? { authorization: `Bearer ${who}` } : { cookie: who.cookie, 'x-csrf-token': who.csrfToken }

/** An upload of any body: a Buffer, or a stream for bodies too large to hold. */
const send = (payload: Buffer | Readable, contentType: string, opts: { who?: SignedIn | string; field?: string; headers?: Record<string, string> } = {}) =>
  s.app.inject({
    method: 'POST',
    url: `/api/demands/${d.id}/attachments?field=${opts.field ?? 'attachments'}`,
    headers: { ...as(opts.who ?? ent), 'content-type': contentType, ...opts.headers },
    payload
  })
function post(parts: FormPart[], who: SignedIn | string = ent, field = 'attachments') {
  const form = multipart(parts)
  return send(form.body, form.contentType, { who, field })
}
const upload = (filename: string, content: Buffer, field?: string) => post([{ field: 'file', filename, content }], ent, field)

/** Attachments stored and the draft, which a refused upload must leave alone. */
async function state() {
  const [{ n }] = await s.db.query<{ n: string }>('SELECT count(*) AS n FROM attachments')
  const draft = (await s.app.inject({ url: `/api/demands/${d.id}`, headers: as(ent) })).json()
  return { attachments: Number(n), version: draft.version, answers: draft.answers }
}

/** Asserts a refusal: status, stable code, Chinese message, nothing stored, draft unchanged. */
async function expectRefused(send: () => Promise<{ statusCode: number; json(): { code: string; message: string } }>, status: number, code: string) {
  const before = await state()
  const res = await send()
  expect({ status: res.statusCode, code: res.json().code }).toEqual({ status, code })
  expect(res.json().message).toMatch(CHINESE)
  expect(await state()).toEqual(before)
  return res.json().message
}

beforeAll(async () => {
  // Some fifty uploads by one person at one instant: more than a person makes (rate-limit.test.ts checks the limit).
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  ent = await signInH5(s.app, 'ent-zhixin')
  other = await signInH5(s.app, 'ent-shancheng')
  bearer = await signInMiniProgram(s.app, 'ent-zhixin')
  await s.app.inject({ method: 'PUT', url: '/api/profile', headers: as(ent), payload: DEMO_PROFILES['ent-zhixin'] })
  d = (await s.app.inject({ method: 'POST', url: '/api/campaigns/cq-2026-key-areas/demands', headers: as(ent) })).json()
  // A draft with content, so "unchanged" means something.
  const saved = await s.app.inject({
    method: 'PUT',
    url: `/api/demands/${d.id}/draft`,
    headers: as(ent),
    payload: { baseVersion: d.version, answers: { demandName: '高精度MEMS传感器封装测试工艺' }, currentStep: 'basic' }
  })
  expect(saved.statusCode).toBe(200)
}, 120_000)
afterAll(() => s?.close())

describe('files that are what they say', () => {
  it('stores a PDF with its SHA-256 and serves it back only to the owner', async () => {
    const res = await upload('可行性报告.pdf', pdf)
    expect(res.statusCode).toBe(201)
    const ref = res.json()
    expect(ref).toMatchObject({ name: '可行性报告.pdf', type: 'pdf', size: pdf.length, sha256: sha256(pdf) })
    const down = await s.app.inject({ url: `/api/attachments/${ref.id}`, headers: as(ent) })
    expect(down.rawPayload.equals(pdf)).toBe(true)
    expect(down.headers['content-type']).toBe('application/pdf')
    expect((await s.app.inject({ url: `/api/attachments/${ref.id}`, headers: as(other) })).statusCode).toBe(404)
  })

  it('accepts a real workbook (written by exceljs) and a Word package with a chart’s embedded workbook', async () => {
    const wb = new ExcelJS.Workbook()
    wb.addWorksheet('指标').addRow(['指标', '数值', '单位'])
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer())
    const sheet = await upload('技术指标.xlsx', xlsx)
    expect(sheet.statusCode).toBe(201)
    expect(sheet.json()).toMatchObject({ type: 'xlsx', sha256: sha256(xlsx) })

    const docx = zip([...docxEntries(), { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: xlsx }])
    const doc = await upload('需求说明.docx', docx)
    expect(doc.statusCode).toBe(201)
    expect(doc.json()).toMatchObject({ name: '需求说明.docx', type: 'docx' })
  })

  it('accepts honest packages whose every entry is really inflated: a 6 MB worksheet, stored pictures', async () => {
    const sheet = sheetXml(70_000)
    expect(sheet.length).toBeGreaterThan(6 * 1024 * 1024)
    const xlsx = zip([...xlsxEntries(), { name: 'xl/worksheets/sheet1.xml', data: sheet }, { name: 'xl/media/image1.jpeg', data: photo(256 * 1024), stored: true }])
    const book = await upload('技术指标.xlsx', xlsx)
    expect(book.statusCode).toBe(201)
    expect(book.json()).toMatchObject({ type: 'xlsx', size: xlsx.length, sha256: sha256(xlsx) })

    const docx = zip([...docxEntries(), { name: 'word/media/image1.jpeg', data: photo(256 * 1024), stored: true }, { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: xlsx }])
    const doc = await upload('需求说明.docx', docx)
    expect(doc.statusCode).toBe(201)
    expect(doc.json()).toMatchObject({ type: 'docx', sha256: sha256(docx) })
  })

  it('takes the name from the mini-program’s `name` field, not the temporary path', async () => {
    const docx = zip(docxEntries())
    // WeChat names the file part after its temporary file; the field may come before or after it.
    const after = await post([{ field: 'file', filename: 'tmp_4f9a1c.docx', content: docx }, { field: 'name', value: '可行性研究报告（终稿）.docx' }], bearer)
    expect(after.statusCode).toBe(201)
    expect(after.json().name).toBe('可行性研究报告（终稿）.docx')
    const before = await post([{ field: 'name', value: '企业简介.pdf' }, { field: 'file', filename: 'wxfile_tmp.pdf', content: pdf }], bearer)
    expect(before.json()).toMatchObject({ name: '企业简介.pdf', type: 'pdf' })
  })
})

describe('archives', () => {
  it('refuses a zip bomb: a docx whose document inflates to 300 MB of zeros', async () => {
    const zeros = deflatedZeros(300)
    const bomb = zip(docxEntries({ name: 'word/document.xml', deflated: zeros }))
    expect(bomb.length).toBeLessThan(400 * 1024)
    // The bomb is real: streaming it through inflate yields 300 MB.
    let inflated = 0
    for await (const chunk of Readable.from([zeros.bytes]).pipe(zlib.createInflateRaw())) inflated += (chunk as Buffer).length
    expect(inflated).toBe(300 * 1024 * 1024)

    const message = await expectRefused(() => upload('需求说明.docx', bomb), 400, 'ZIP_BOMB')
    expect(message).toContain('200MB')
  })

  it('refuses a docx whose document really inflates to 300 MB while its headers declare 1 MB, and a stored part longer than declared', async () => {
    const lying = zip(docxEntries({ name: 'word/document.xml', deflated: deflatedZeros(300), declaredSize: 1024 * 1024 }))
    expect(declaredSizes(lying, 'word/document.xml')).toEqual([1024 * 1024, 1024 * 1024])
    expect(lying.length).toBeLessThan(400 * 1024)
    const message = await expectRefused(() => upload('需求说明.docx', lying), 400, 'ZIP_BOMB')
    expect(message).toContain('200MB')

    const stored = zip([...docxEntries(), { name: 'word/media/image1.jpeg', data: photo(512 * 1024), stored: true, declaredSize: 1024 }])
    expect(declaredSizes(stored, 'word/media/image1.jpeg')).toEqual([1024, 1024])
    await expectRefused(() => upload('需求说明.docx', stored), 400, 'ZIP_BOMB')
  })

  it('answers other requests while a lying package is being inflated', async () => {
    // Declared: a 150 MB document beside a 1.6 MB photo, a ratio under 100. Real: 300 MB of zeros,
    // so the check inflates 150 MB before it knows.
    const lying = zip([
      ...docxEntries({ name: 'word/document.xml', deflated: deflatedZeros(300), declaredSize: 150 * 1024 * 1024 }),
      { name: 'word/media/image1.jpeg', data: photo(1600 * 1024), stored: true }
    ])
    // Told when the check makes its first streaming inflater (zlib's, working on the thread pool):
    // zlib's export is not writable, only configurable, hence defineProperty.
    const createInflateRaw = zlib.createInflateRaw
    const put = (value: typeof createInflateRaw) => Object.defineProperty(zlib, 'createInflateRaw', { value, configurable: true, enumerable: true })
    const started = new Promise<string>((resolve) =>
      put((options) => {
        put(createInflateRaw)
        resolve('inflating')
        return createInflateRaw(options)
      })
    )
    try {
      await expectRefused(
        async () => {
          let answered = false
          const uploading = upload('需求说明.docx', lying).then((res) => {
            answered = true
            return res
          })
          expect(await Promise.race([started, uploading.then(() => 'answered')])).toBe('inflating')
          const health = await s.app.inject({ url: '/api/health' })
          expect(health.statusCode).toBe(200)
          expect(answered).toBe(false) // the upload is still being checked
          return uploading
        },
        400,
        'ZIP_BOMB'
      )
    } finally {
      put(createInflateRaw)
    }
  })

  it('refuses a compression ratio no document has (50 MB from 50 KB), and a bomb inside an embedded workbook', async () => {
    await expectRefused(() => upload('需求说明.docx', zip(docxEntries({ name: 'word/document.xml', deflated: deflatedZeros(50) }))), 400, 'ZIP_BOMB')
    const inner = zip([...xlsxEntries(), { name: 'xl/worksheets/sheet1.xml', deflated: deflatedZeros(250) }])
    const outer = zip([...docxEntries(), { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: inner }])
    await expectRefused(() => upload('需求说明.docx', outer), 400, 'ZIP_BOMB')
  })

  it('refuses an embedded workbook larger than an upload may be, which would be held in memory to be inspected', async () => {
    // 21 MB of stored zeros inside; beside a photo, the package keeps a ratio under 100.
    const inner = zip([...xlsxEntries(), { name: 'xl/media/image1.png', data: Buffer.alloc(21 * 1024 * 1024), stored: true }])
    const outer = zip([...docxEntries(), { name: 'word/media/image1.jpeg', data: photo(300 * 1024), stored: true }, { name: 'word/embeddings/Microsoft_Excel_Worksheet.xlsx', data: inner }])
    const message = await expectRefused(() => upload('需求说明.docx', outer), 400, 'ZIP_EMBEDDED_TOO_LARGE')
    expect(message).toContain('20MB')
  })

  it('refuses nested archives, by name and by content', async () => {
    const byName = zip([...docxEntries(), { name: 'word/media/资料.zip', data: Buffer.from('anything') }])
    const message = await expectRefused(() => upload('需求说明.docx', byName), 400, 'ZIP_NESTED_ARCHIVE')
    expect(message).toContain('压缩包')
    const byContent = zip([...docxEntries(), { name: 'word/media/image1.png', data: zip(docxEntries()) }])
    await expectRefused(() => upload('需求说明.docx', byContent), 400, 'ZIP_NESTED_ARCHIVE')
    const gzipped = zip([...xlsxEntries(), { name: 'xl/media/image1.png', data: zlib.gzipSync(Buffer.alloc(1000)) }])
    await expectRefused(() => upload('指标.xlsx', gzipped), 400, 'ZIP_NESTED_ARCHIVE')
  })

  it('refuses a zip with more entries than any document', async () => {
    const many = zip([...docxEntries(), ...Array.from({ length: 1000 }, (_, i) => ({ name: `word/part${i}.xml`, data: Buffer.from('<a/>') }))])
    await expectRefused(() => upload('需求说明.docx', many), 400, 'ZIP_TOO_MANY_ENTRIES')
  })

  it('refuses a truncated package as corrupt', async () => {
    const docx = zip(docxEntries())
    await expectRefused(() => upload('需求说明.docx', docx.subarray(0, docx.length - 40)), 400, 'FILE_CORRUPT')
  })
})

describe('images', () => {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    body.copy(out, 4)
    out.writeUInt32BE(zlib.crc32(body) >>> 0, 8 + data.length)
    return out
  }
  /** A real 1-bit greyscale PNG of zeros: `width` × `height` pixels, each row 1 filter byte + width / 8. */
  function png1bit(width: number, height: number) {
    const ihdr = Buffer.alloc(13)
    ihdr.writeUInt32BE(width, 0)
    ihdr.writeUInt32BE(height, 4)
    ihdr.writeUInt8(1, 8) // bit depth
    const raw = height * (1 + width / 8)
    const zeros = deflatedZeros(raw / (1024 * 1024))
    const adler = Buffer.alloc(4)
    adler.writeUInt32BE((((raw % 65521) << 16) | 1) >>> 0)
    const idat = Buffer.concat([Buffer.from([0x78, 0x01]), zeros.bytes, adler])
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))])
  }

  it('accepts a real PNG and refuses a decompression bomb: 8184 × 32768 pixels from a few kilobytes', async () => {
    const small = png1bit(8184, 1024)
    expect(zlib.inflateSync(small.subarray(33 + 8, small.length - 12 - 4)).length).toBe(1024 * 1024)
    expect((await upload('图纸.png', small)).statusCode).toBe(201)
    const bomb = png1bit(8184, 32768)
    expect(bomb.length).toBeLessThan(64 * 1024)
    const message = await expectRefused(() => upload('图纸.png', bomb), 400, 'IMAGE_TOO_LARGE')
    expect(message).toContain('图片尺寸过大')
  })

  it('refuses a JPEG whose frame header declares 20000 × 20000 pixels', async () => {
    const sof = Buffer.from([0xff, 0xc0, 0x00, 0x0b, 0x08, 0x4e, 0x20, 0x4e, 0x20, 0x01, 0x01, 0x11, 0x00])
    const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00])
    const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof, Buffer.from([0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00]), Buffer.alloc(32), Buffer.from([0xff, 0xd9])])
    await expectRefused(() => upload('现场照片.jpg', jpeg), 400, 'IMAGE_TOO_LARGE')
  })
})

describe('wrong type behind a right extension', () => {
  it('refuses a plain zip, or a workbook, named .docx', async () => {
    const plain = zip([{ name: 'readme.txt', data: Buffer.from('not a document') }])
    const message = await expectRefused(() => upload('需求说明.docx', plain), 400, 'FILE_TYPE_MISMATCH')
    expect(message).toContain('.docx')
    await expectRefused(() => upload('需求说明.docx', zip(xlsxEntries())), 400, 'FILE_TYPE_MISMATCH')
    // Word's parts without the content-types part that makes them a package.
    await expectRefused(() => upload('需求说明.docx', zip(docxEntries().slice(1))), 400, 'FILE_TYPE_MISMATCH')
  })

  it('refuses a PNG named .pdf and an executable named .pdf; a type the field does not take is named', async () => {
    await expectRefused(() => upload('report.pdf', png), 400, 'FILE_TYPE_MISMATCH')
    await expectRefused(() => upload('tool.pdf', Buffer.from('MZ\x90\x00 this is not a pdf')), 400, 'FILE_TYPE_MISMATCH')
    const message = await expectRefused(() => upload('setup.exe', Buffer.from('MZ\x90\x00')), 400, 'FILE_TYPE_REJECTED')
    expect(message).toContain('.pdf .doc .docx')
  })

  it('refuses a field that takes no files', async () => {
    await expectRefused(() => upload('a.pdf', pdf, 'demandName'), 400, 'UNKNOWN_FIELD')
  })
})

describe('size', () => {
  it('refuses a file over the field’s limit with 413', async () => {
    const message = await expectRefused(() => upload('big.pdf', Buffer.concat([pdf, Buffer.alloc(20 * 1024 * 1024)])), 413, 'FILE_TOO_LARGE')
    expect(message).toBe('文件不能超过20MB')
  })

  it('refuses a declared length over the limit before reading the body', async () => {
    let pulled = 0
    const endless = new Readable({
      read() {
        pulled += 64 * 1024
        this.push(pulled > 100 * 1024 * 1024 ? null : Buffer.alloc(64 * 1024))
      }
    })
    const form = multipart([])
    await expectRefused(() => send(endless, form.contentType, { headers: { 'content-length': String(100 * 1024 * 1024) } }), 413, 'FILE_TOO_LARGE')
    expect(pulled).toBeLessThan(2 * 1024 * 1024)
  })

  it('cuts off a streamed body without a length at the limit', async () => {
    const form = multipart([{ field: 'file', filename: 'big.pdf', content: Buffer.alloc(0) }])
    const split = form.body.indexOf('\r\n\r\n') + 4
    const chunks = [form.body.subarray(0, split), ...Array<Buffer>(40).fill(Buffer.alloc(1024 * 1024, 0x25)), form.body.subarray(split)]
    await expectRefused(() => send(Readable.from(chunks), form.contentType), 413, 'FILE_TOO_LARGE')
  })

  it('refuses an empty file, a form without a file, two files and a broken form', async () => {
    await expectRefused(() => upload('空.pdf', Buffer.alloc(0)), 400, 'EMPTY_FILE')
    await expectRefused(() => post([{ field: 'name', value: 'a.pdf' }]), 400, 'NO_FILE')
    await expectRefused(
      () => post([{ field: 'file', filename: 'a.pdf', content: pdf }, { field: 'file', filename: 'b.pdf', content: pdf }]),
      400,
      'ONE_FILE_PER_UPLOAD'
    )
    const form = multipart([{ field: 'file', filename: 'a.pdf', content: pdf }])
    await expectRefused(() => send(form.body.subarray(0, form.body.length - 30), form.contentType), 400, 'UPLOAD_MALFORMED')
  })
})

describe('names', () => {
  it.each([
    ['folders', '../../etc/passwd.pdf'],
    ['a Windows folder', '..\\..\\boot.pdf'],
    ['a NUL', 'report.pdf\u0000.exe'],
    ['a control character', 'report\u0007.pdf'],
    ['a right-to-left override', 'invoice\u202efdp.pdf']
  ])('refuses a name with %s, and never uses it as a path', async (_what, name) => {
    const message = await expectRefused(() => post([{ field: 'file', filename: 'ok.pdf', content: pdf }, { field: 'name', value: name }], bearer), 400, 'FILE_NAME_INVALID')
    expect(message).toContain('文件名')
  })

  it('refuses path characters in the file part’s own name too', async () => {
    await expectRefused(() => upload('../../etc/passwd.pdf', pdf), 400, 'FILE_NAME_INVALID')
  })

  it('refuses a name longer than any file system allows, shortens a long one keeping its extension', async () => {
    await expectRefused(() => post([{ field: 'file', filename: 'a.pdf', content: pdf }, { field: 'name', value: '长'.repeat(300) + '.pdf' }], bearer), 400, 'FILE_NAME_TOO_LONG')
    await expectRefused(() => post([{ field: 'file', filename: 'a.pdf', content: pdf }, { field: 'name', value: 'x'.repeat(5000) + '.pdf' }], bearer), 400, 'FILE_NAME_TOO_LONG')
    const long = await post([{ field: 'file', filename: 'a.pdf', content: pdf }, { field: 'name', value: '报'.repeat(150) + '.pdf' }], bearer)
    expect(long.statusCode).toBe(201)
    expect(long.json().name).toBe('报'.repeat(96) + '.pdf')
  })

  it('keeps markup, zero-width characters and emoji in a name as text', async () => {
    const name = '<img src=x onerror=alert(1)>\u200b👨‍👩‍👧报告.pdf'
    const res = await post([{ field: 'file', filename: 'a.pdf', content: pdf }, { field: 'name', value: name }], bearer)
    expect(res.statusCode).toBe(201)
    expect(res.json().name).toBe(name)
    const down = await s.app.inject({ url: `/api/attachments/${res.json().id}`, headers: as(ent) })
    expect(down.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent(name)}`)
  })
})
