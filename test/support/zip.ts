/**
 * Builds real zip files in tests: Office packages, nested archives and zip bombs.
 * Entries are deflated (or given already deflated, for bombs too large to hold inflated) or
 * stored, and their headers may declare a size other than the real one.
 */
import zlib from 'node:zlib'

export interface ZipEntry {
  name: string
  /** The entry's content, deflated by the writer. */
  data?: Buffer
  /** Or the entry already deflated, with its inflated size and CRC-32. */
  deflated?: { bytes: Buffer; size: number; crc: number }
  /** `data` stored as it is (method 0) rather than deflated. */
  stored?: boolean
  /** The uncompressed size the headers declare, when they should lie about it. */
  declaredSize?: number
}

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8')
    const data = e.data ?? Buffer.alloc(0)
    const packed = e.deflated ?? { bytes: e.stored ? data : zlib.deflateRawSync(data), size: data.length, crc: zlib.crc32(data) }
    const method = e.stored ? 0 : 8
    const size = e.declaredSize ?? packed.size
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(0x0800, 6) // UTF-8 names
    local.writeUInt16LE(method, 8)
    local.writeUInt32LE(packed.crc >>> 0, 14)
    local.writeUInt32LE(packed.bytes.length, 18)
    local.writeUInt32LE(size, 22)
    local.writeUInt16LE(name.length, 26)
    const cd = Buffer.alloc(46)
    cd.writeUInt32LE(0x02014b50, 0)
    cd.writeUInt16LE(20, 4)
    cd.writeUInt16LE(20, 6)
    cd.writeUInt16LE(0x0800, 8)
    cd.writeUInt16LE(method, 10)
    cd.writeUInt32LE(packed.crc >>> 0, 16)
    cd.writeUInt32LE(packed.bytes.length, 20)
    cd.writeUInt32LE(size, 24)
    cd.writeUInt16LE(name.length, 28)
    cd.writeUInt32LE(offset, 42)
    locals.push(local, name, packed.bytes)
    central.push(cd, name)
    offset += 30 + name.length + packed.bytes.length
  }
  const cdBytes = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(cdBytes.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, cdBytes, end])
}

const xml = (s: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${s}`)

/** The parts of a minimal Word document; `body` replaces word/document.xml. */
export function docxEntries(body?: ZipEntry): ZipEntry[] {
  return [
    { name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>') },
    { name: '_rels/.rels', data: xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>') },
    body ?? { name: 'word/document.xml', data: xml('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/></w:body></w:document>') }
  ]
}

/** The parts of a minimal workbook. */
export function xlsxEntries(): ZipEntry[] {
  return [
    { name: '[Content_Types].xml', data: xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>') },
    { name: 'xl/workbook.xml', data: xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>') }
  ]
}

/**
 * `mb` megabytes of zeros, deflated a megabyte at a time into one stream (each block
 * flushed, so the blocks can be repeated), without holding the inflated bytes.
 */
export function deflatedZeros(mb: number): { bytes: Buffer; size: number; crc: number } {
  const megabyte = Buffer.alloc(1024 * 1024)
  const block = zlib.deflateRawSync(megabyte, { finishFlush: zlib.constants.Z_FULL_FLUSH })
  let crc = 0
  for (let i = 0; i < mb; i++) crc = zlib.crc32(megabyte, crc)
  return { bytes: Buffer.concat([...Array<Buffer>(mb).fill(block), zlib.deflateRawSync(Buffer.alloc(0))]), size: mb * megabyte.length, crc }
}
