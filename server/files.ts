/**
 * What an uploaded file really is, judged by its bytes, never by its name, and the name it
 * is shown under. Office files: OLE compound documents (doc, xls) and zip packages (docx,
 * xlsx), told apart by the part names in the zip's central directory. Zip packages are
 * first judged by what their central directory declares (sizes, compression ratio, entry count,
 * overlapping entries), then every entry is really inflated, streamed and off the event loop
 * (./zip-inflate), and refused as soon as it inflates to more than it declares: a header can
 * lie, the bytes cannot. Nested archives are recognised by the first bytes an entry inflates to.
 * Files are stored by id with their SHA-256; a name is only ever shown, never used as a path.
 * What a demand stores is bounded by what is stored, not by what its draft refers to: a field
 * holds at most its `maxFiles` files, a demand at most `uploadMaxBytesPerDemand` bytes.
 * A demand's files are the enterprise's or its recommending unit's (`side`): each side's
 * limits and spare files are counted apart. Both upload routes read and check a file with
 * `receiveUpload` and store it with `storeAttachment`; the enterprise's go through
 * `enterpriseUploadField` (before the body is read) and `storeEnterpriseUpload` (one transaction).
 */
import crypto from 'node:crypto'
import type { FastifyReply, FastifyRequest } from 'fastify'
import { allFields, ATTACHMENT_MIME_TYPES, ATTACHMENT_TYPES, type AttachmentsField, type AttachmentType } from '../types/campaign'
import type { AttachmentRef } from '../types/engine'
import type { Session } from './auth/sessions'
import { cachedDefinition } from './campaigns'
import type { Db, Queryable } from './db'
import { getDemand } from './demands'
import { AppError, badRequest, notFound } from './errors'
import { inflateEntry, InflatedTooLarge } from './zip-inflate'

const startsWith = (buf: Buffer, bytes: number[], at = 0) => bytes.every((b, i) => buf[at + i] === b)

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const ZIP = [0x50, 0x4b, 0x03, 0x04]

/** Limits of a zip package; an Office file near them is already far beyond any real one. */
export const ZIP_LIMITS = {
  /** Sum of the entries' uncompressed sizes, declared and real. */
  totalBytes: 200 * 1024 * 1024,
  /** Uncompressed : compressed, judged once the package inflates to more than `ratioFloorBytes`. */
  ratio: 100,
  ratioFloorBytes: 10 * 1024 * 1024,
  entries: 1000,
  /** An embedded package, held in memory to be inspected in turn: no larger than an upload may be. */
  embeddedBytes: 20 * 1024 * 1024
}

/** First bytes of archive formats that must not hide inside a document. */
const ARCHIVE_MAGIC = [
  ZIP,
  [0x50, 0x4b, 0x05, 0x06],
  [0x50, 0x4b, 0x07, 0x08],
  [0x1f, 0x8b], // gzip
  [0x42, 0x5a, 0x68], // bzip2
  [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], // xz
  [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], // 7z
  [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], // rar
  [0x28, 0xb5, 0x2f, 0xfd] // zstd
]
const ARCHIVE_NAME = /\.(zip|rar|7z|gz|tgz|bz2|xz|zst|tar|cab|jar|arj|lz|lzma)$/i
/** Office packages embedded in an Office package (a chart's workbook in a docx): inspected in turn, one level deep. */
const EMBEDDED_PACKAGE = /^(word|xl|ppt)\/embeddings\/[^/]+\.(docx|docm|xlsx|xlsm|pptx|pptm)$/i

const corrupt = () => badRequest('FILE_CORRUPT', '文件已损坏或格式不完整，请用原来的软件重新保存后上传')
const bomb = () =>
  badRequest('ZIP_BOMB', '文件解压后的大小异常（超过200MB或压缩比过高），可能是恶意压缩文件，不能上传')
const nested = () => badRequest('ZIP_NESTED_ARCHIVE', '文件内部嵌套了压缩包，不能上传；请直接上传文档本身')
const embeddedTooLarge = () =>
  badRequest('ZIP_EMBEDDED_TOO_LARGE', `文件内嵌的文档过大（超过${ZIP_LIMITS.embeddedBytes / 1024 / 1024}MB），请把它作为单独的附件上传`)

interface ZipEntry {
  name: string
  method: number
  compressed: number
  uncompressed: number
  offset: number
}

/** The central directory of a zip, read from its end; throws FILE_CORRUPT when it does not add up. */
function readCentralDirectory(buf: Buffer): ZipEntry[] {
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw corrupt()
  if (buf.readUInt16LE(eocd + 4) !== 0 || buf.readUInt16LE(eocd + 6) !== 0) throw corrupt() // split archives
  let count = buf.readUInt16LE(eocd + 10)
  let cdSize = buf.readUInt32LE(eocd + 12)
  let cdOffset = buf.readUInt32LE(eocd + 16)
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    const locator = eocd - 20
    if (locator < 0 || buf.readUInt32LE(locator) !== 0x07064b50) throw corrupt()
    const z64 = Number(buf.readBigUInt64LE(locator + 8))
    if (z64 + 56 > buf.length || buf.readUInt32LE(z64) !== 0x06064b50) throw corrupt()
    count = Number(buf.readBigUInt64LE(z64 + 32))
    cdSize = Number(buf.readBigUInt64LE(z64 + 40))
    cdOffset = Number(buf.readBigUInt64LE(z64 + 48))
  }
  if (count > ZIP_LIMITS.entries) {
    throw badRequest('ZIP_TOO_MANY_ENTRIES', `文件内部的条目过多（超过${ZIP_LIMITS.entries}个），不像正常的文档，不能上传`)
  }
  if (cdOffset + cdSize > buf.length) throw corrupt()

  const entries: ZipEntry[] = []
  let p = cdOffset
  for (let n = 0; n < count; n++) {
    if (p + 46 > cdOffset + cdSize || buf.readUInt32LE(p) !== 0x02014b50) throw corrupt()
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const next = p + 46 + nameLen + extraLen + buf.readUInt16LE(p + 32)
    if (next > cdOffset + cdSize) throw corrupt()
    const entry: ZipEntry = {
      name: buf.toString('utf8', p + 46, p + 46 + nameLen),
      method: buf.readUInt16LE(p + 10),
      compressed: buf.readUInt32LE(p + 20),
      uncompressed: buf.readUInt32LE(p + 24),
      offset: buf.readUInt32LE(p + 42)
    }
    // ZIP64: the 0xffffffff fields follow in the extra field 0x0001, in this order.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen; ) {
      const id = buf.readUInt16LE(x)
      const size = buf.readUInt16LE(x + 2)
      if (x + 4 + size > p + 46 + nameLen + extraLen) throw corrupt()
      if (id === 0x0001) {
        let q = x + 4
        for (const key of ['uncompressed', 'compressed', 'offset'] as const) {
          if (entry[key] !== 0xffffffff) continue
          if (q + 8 > x + 4 + size) throw corrupt()
          entry[key] = Number(buf.readBigUInt64LE(q))
          q += 8
        }
      }
      x += 4 + size
    }
    entries.push(entry)
    p = next
  }
  return entries
}

/** Where an entry's data starts, after its local header; entries may not overlap (overlap bombs). */
function dataRanges(buf: Buffer, entries: ZipEntry[]): Map<ZipEntry, number> {
  const starts = new Map<ZipEntry, number>()
  let end = 0
  for (const e of [...entries].sort((a, b) => a.offset - b.offset)) {
    if (e.offset < end || e.offset + 30 > buf.length || buf.readUInt32LE(e.offset) !== 0x04034b50) throw corrupt()
    const start = e.offset + 30 + buf.readUInt16LE(e.offset + 26) + buf.readUInt16LE(e.offset + 28)
    end = start + e.compressed
    if (end > buf.length) throw corrupt()
    starts.set(e, start)
  }
  return starts
}

/**
 * Really inflates one entry, at most `cap` bytes of it (ZIP_BOMB past that), and returns how
 * many bytes it inflated to and, when they are an archive that may be inspected in turn
 * (`embeddedAllowed`), those bytes; any other archive is refused (ZIP_NESTED_ARCHIVE) as soon
 * as its first bytes show it. Only such an archive is held in memory, the rest is counted and dropped.
 */
async function inflateChecked(data: Buffer, method: number, cap: number, embeddedAllowed: boolean): Promise<{ size: number; archive: Buffer | null }> {
  const kept: Buffer[] = []
  let size = 0
  /** Whether the entry is an archive: unknown until its first 8 bytes are out. */
  let isArchive: boolean | null = null
  const judge = (first: Buffer) => {
    const archive = ARCHIVE_MAGIC.some((m) => startsWith(first, m))
    if (archive && !embeddedAllowed) throw nested()
    return archive
  }
  try {
    for await (const chunk of inflateEntry(data, method, cap)) {
      size += chunk.length
      if (isArchive === false) continue
      kept.push(chunk)
      if (isArchive === null && size >= 8) isArchive = judge(Buffer.concat(kept, 8))
      if (isArchive === false) kept.length = 0
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    throw err instanceof InflatedTooLarge ? bomb() : corrupt()
  }
  isArchive ??= judge(Buffer.concat(kept)) // an entry of fewer than 8 bytes
  return { size, archive: isArchive ? Buffer.concat(kept, size) : null }
}

/**
 * Checks a zip package against the limits and returns its entry names.
 * `budget` is what is left of the total size when this package is embedded in another.
 */
async function inspectZip(buf: Buffer, depth = 0, budget = ZIP_LIMITS.totalBytes): Promise<string[]> {
  const entries = readCentralDirectory(buf)
  const starts = dataRanges(buf, entries)
  const total = entries.reduce((sum, e) => sum + e.uncompressed, 0)
  const packed = entries.reduce((sum, e) => sum + e.compressed, 0)
  if (total > budget) throw bomb()
  if (total > ZIP_LIMITS.ratioFloorBytes && total > ZIP_LIMITS.ratio * Math.max(packed, 1)) throw bomb()
  // The declared sizes pass; now the real ones, one entry at a time: none may inflate to more
  // than it declares, nor the package to more than its budget.
  let inflated = 0
  for (const e of entries) {
    if (ARCHIVE_NAME.test(e.name)) throw nested()
    const data = buf.subarray(starts.get(e)!, starts.get(e)! + e.compressed)
    const cap = Math.min(e.uncompressed, budget - inflated)
    const embeddedAllowed = depth === 0 && EMBEDDED_PACKAGE.test(e.name)
    if (embeddedAllowed && e.uncompressed > ZIP_LIMITS.embeddedBytes) throw embeddedTooLarge()
    const { size, archive } = await inflateChecked(data, e.method, cap, embeddedAllowed)
    inflated += size
    // An embedded Office package (its size counted toward the total, its real bytes no more than
    // it declares): held to the same rules.
    if (archive) await inspectZip(archive, depth + 1, budget - total)
  }
  return entries.map((e) => e.name)
}

/** Pixels an image may have: a 200-megapixel phone photo fits, a decompression bomb (60000 × 60000) does not. */
export const IMAGE_MAX_PIXELS = 250_000_000

/** Width × height from a PNG's IHDR or a JPEG's start-of-frame, or null when not found. */
function imagePixels(buf: Buffer, type: 'png' | 'jpg'): number | null {
  if (type === 'png') return buf.length >= 24 && buf.toString('latin1', 12, 16) === 'IHDR' ? buf.readUInt32BE(16) * buf.readUInt32BE(20) : null
  for (let i = 2; i + 9 < buf.length; ) {
    if (buf[i] !== 0xff) return null
    const marker = buf[i + 1]
    if (marker === 0xff) i += 1 // fill byte
    else if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) i += 2 // no length
    else if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return buf.readUInt16BE(i + 5) * buf.readUInt16BE(i + 7)
    else if (marker === 0xda) return null // image data before any frame header
    else i += 2 + buf.readUInt16BE(i + 2)
  }
  return null
}

function image(buf: Buffer, type: 'png' | 'jpg'): 'png' | 'jpg' {
  if ((imagePixels(buf, type) ?? 0) > IMAGE_MAX_PIXELS) {
    throw badRequest('IMAGE_TOO_LARGE', '图片尺寸过大（超过2.5亿像素），打开时会耗尽内存，请缩小后重新上传')
  }
  return type
}

/**
 * The content family of a file, or null when it is none we accept; asynchronous, as a zip
 * package's entries are really inflated (streamed, off the event loop) to be checked.
 * Throws for a zip package that is corrupt or abusive (FILE_CORRUPT, ZIP_BOMB, ZIP_TOO_MANY_ENTRIES,
 * ZIP_NESTED_ARCHIVE, ZIP_EMBEDDED_TOO_LARGE) and for an image of absurd dimensions (IMAGE_TOO_LARGE).
 */
export async function sniffFileType(buf: Buffer, declared: AttachmentType | null): Promise<AttachmentType | null> {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return image(buf, 'png')
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return image(buf, 'jpg')
  if (startsWith(buf, CFB)) return declared === 'doc' || declared === 'xls' ? declared : null
  if (startsWith(buf, ZIP)) {
    const names = new Set(await inspectZip(buf))
    if (!names.has('[Content_Types].xml')) return null
    if (names.has('word/document.xml')) return 'docx'
    if (names.has('xl/workbook.xml')) return 'xlsx'
  }
  return null
}

export function extensionOf(name: string): AttachmentType | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase()
  if (ext === 'jpeg') return 'jpg'
  return ATTACHMENT_TYPES.find((t) => t === ext) ?? null
}

export const FILE_NAME_MAX = 100
/** Longer than any file system allows: not a name a person picked. */
const FILE_NAME_REFUSED = 255
/** Folders, control characters (C0, DEL, C1) and direction controls (U+202E makes "exe.pdf" of "fdp.exe"). */
const FORBIDDEN_IN_NAME = /[/\\\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/

/**
 * The name an attachment is shown under, as the person's device gave it. A name with folders,
 * control or direction characters is refused (FILE_NAME_INVALID), one over 255 characters too
 * (FILE_NAME_TOO_LONG); one over 100 characters is shortened, keeping its extension.
 */
export function attachmentName(raw: string): string {
  const name = raw.normalize('NFC').trim()
  if (FORBIDDEN_IN_NAME.test(name)) {
    throw badRequest('FILE_NAME_INVALID', '文件名不能包含路径符号（/ \\）、控制字符或文字方向控制符，请重命名后重新上传')
  }
  if (!name || /^\.+$/.test(name)) throw badRequest('FILE_NAME_INVALID', '文件没有名称，请重命名后重新上传')
  const chars = [...name]
  if (chars.length > FILE_NAME_REFUSED) {
    throw badRequest('FILE_NAME_TOO_LONG', `文件名过长（超过${FILE_NAME_REFUSED}个字），请缩短后重新上传`)
  }
  if (chars.length <= FILE_NAME_MAX) return name
  const ext = /\.[a-z0-9]{1,5}$/i.exec(name)?.[0] ?? ''
  return chars.slice(0, FILE_NAME_MAX - ext.length).join('') + ext
}

/** The 413 for a file over a field's limit. */
export const fileTooLarge = (maxSizeMB: number) => new AppError(413, 'FILE_TOO_LARGE', `文件不能超过${maxSizeMB}MB`)

/** A stored attachment, as the download routes read it. */
export interface StoredAttachment {
  name: string
  type: AttachmentType
  content: Buffer | Uint8Array
}

/** One of the enterprise's own stored files (404 for anyone else's). */
export async function ownAttachment(db: Queryable, session: Session, id: string): Promise<StoredAttachment> {
  const [row] = await db.query<StoredAttachment>('SELECT name, type, content FROM attachments WHERE id = $1 AND owner_id = $2', [id, session.userId])
  if (!row) throw notFound('附件')
  return row
}

/** Sends a stored attachment as a download under its shown name (its type from its checked content). */
export function sendAttachment(reply: FastifyReply, file: StoredAttachment) {
  return reply
    .header('content-type', ATTACHMENT_MIME_TYPES[file.type])
    .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
    .header('cache-control', 'private, no-store')
    .send(Buffer.from(file.content))
}

/**
 * A stored file of a demand. `spare`: nothing refers to it (not the draft, not a submitted
 * version) although the demand was saved or submitted after it was uploaded: a file the person
 * took out of the draft, or never put in, which the retention job would remove within a day. A
 * file uploaded since the last save is not spare: the save that refers to it may be on its way.
 */
export interface StoredFile {
  id: string
  fieldId: string
  size: number
  spare: boolean
}

/**
 * SQL: the attachment `a` of demand `d` is referred to by neither the draft nor a submitted
 * version nor the recommending unit's answers (its id appears in none of them). The upload
 * limits and the retention job (server/retention.ts) judge "unreferenced" by this one condition.
 */
export const UNREFERENCED_ATTACHMENT = `strpos(d.answers::text, a.id::text) = 0
  AND strpos(d.recommender_answers::text, a.id::text) = 0
  AND NOT EXISTS (SELECT 1 FROM demand_versions v WHERE v.demand_id = a.demand_id AND strpos(v.answers::text, a.id::text) > 0)`

/** Whose file it is: the enterprise's, or the recommending unit's. */
export type FileSide = 'enterprise' | 'recommender'

/**
 * Every file of one side stored for a demand, oldest first. The unit's files have no draft
 * whose save may be on its way: any of them its answers do not name is spare.
 */
export async function storedFiles(db: Queryable, demandId: string, side: FileSide = 'enterprise'): Promise<StoredFile[]> {
  const spare = side === 'enterprise' ? `a.created_at < d.updated_at AND ${UNREFERENCED_ATTACHMENT}` : UNREFERENCED_ATTACHMENT
  return db.query<StoredFile>(
    `SELECT a.id, a.field_id AS "fieldId", a.size, (${spare}) AS spare
       FROM attachments a JOIN demands d ON d.id = a.demand_id
      WHERE a.demand_id = $1 AND a.side = $2
      ORDER BY a.created_at, a.id`,
    [demandId, side]
  )
}

/** The field an upload goes to, as the campaign definition gives it. */
export interface UploadField {
  id: string
  label: string
  maxFiles: number
}

const MB = 1024 * 1024
const bytesText = (bytes: number) =>
  bytes >= MB ? `${+(bytes / MB).toFixed(1)}MB` : bytes >= 1024 ? `${+(bytes / 1024).toFixed(1)}KB` : `${bytes}字节`

export const tooManyFiles = (field: UploadField) =>
  new AppError(409, 'TOO_MANY_FILES', `“${field.label}”最多上传${field.maxFiles}个文件，已经上传满了；请先删除不需要的文件，再上传新的`)

export const demandFilesTooLarge = (maxBytes: number, usedBytes: number) =>
  new AppError(
    413,
    'DEMAND_FILES_TOO_LARGE',
    `一项需求的附件合计不能超过${bytesText(maxBytes)}（已上传${bytesText(usedBytes)}），请删除不需要的附件或压缩后再上传`
  )

/**
 * Which stored files must make way for a new one of `size` bytes in `field`, or a refusal
 * (TOO_MANY_FILES, DEMAND_FILES_TOO_LARGE) when even all of them would not make room. Only
 * spare files may make way: the field's own first, oldest first, and only as many as needed;
 * spare files of other fields only to make room in bytes.
 */
export function filesToReplace(files: StoredFile[], field: UploadField, size: number, maxBytesPerDemand: number): string[] {
  let count = files.filter((f) => f.fieldId === field.id).length
  let bytes = files.reduce((sum, f) => sum + Number(f.size), 0)
  const spare = files.filter((f) => f.spare)
  const replaced: string[] = []
  for (const f of [...spare.filter((f) => f.fieldId === field.id), ...spare.filter((f) => f.fieldId !== field.id)]) {
    const needCount = count >= field.maxFiles
    const needBytes = bytes + size > maxBytesPerDemand
    if (!needBytes && (!needCount || f.fieldId !== field.id)) break
    replaced.push(f.id)
    bytes -= Number(f.size)
    if (f.fieldId === field.id) count--
  }
  if (count >= field.maxFiles) throw tooManyFiles(field)
  if (bytes + size > maxBytesPerDemand) throw demandFilesTooLarge(maxBytesPerDemand, bytes)
  return replaced
}

/** A checked upload, ready to store. */
export interface NewAttachment {
  demandId: string
  ownerId: string
  field: UploadField
  name: string
  type: AttachmentType
  content: Buffer
  sha256: string
  /** The enterprise's unless said. */
  side?: FileSide
}

/**
 * Stores a checked file within its field's and its demand's limits, removing the spare files
 * that make way for it. Run it in one transaction that holds the demand's row lock
 * (SELECT … FOR UPDATE), so that parallel uploads are counted one after the other.
 */
export async function storeAttachment(
  tx: Queryable,
  file: NewAttachment,
  maxBytesPerDemand: number,
  at: Date
): Promise<{ id: string; replaced: string[] }> {
  const side = file.side ?? 'enterprise'
  const replaced = filesToReplace(await storedFiles(tx, file.demandId, side), file.field, file.content.length, maxBytesPerDemand)
  if (replaced.length) await tx.query('DELETE FROM attachments WHERE demand_id = $1 AND id = ANY($2::uuid[])', [file.demandId, replaced])
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO attachments (demand_id, owner_id, field_id, name, type, size, sha256, content, created_at, side)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
    [file.demandId, file.ownerId, file.field.id, file.name, file.type, file.content.length, file.sha256, file.content, at, side]
  )
  return { id: row.id, replaced }
}

/** Room for the multipart boundaries, part headers and the `name` field around the file itself. */
const MULTIPART_OVERHEAD = 64 * 1024

/**
 * The one file of an upload and the name it goes by: the form field `name` when sent (the
 * mini-programs name the file part after a temporary path and send the real name there),
 * else the file part's own file name. Memory holds at most the field's limit: a declared
 * length over it is refused before the body is read, a longer stream is cut off at the limit.
 */
async function readUpload(request: FastifyRequest, maxSizeMB: number): Promise<{ content: Buffer; name: string }> {
  const maxBytes = maxSizeMB * 1024 * 1024
  if (Number(request.headers['content-length']) > maxBytes + MULTIPART_OVERHEAD) throw fileTooLarge(maxSizeMB)
  let content: Buffer | null = null
  let fileName = ''
  let nameField: string | null = null
  try {
    for await (const part of request.parts({ preservePath: true, limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6, fieldSize: 4096 } })) {
      if (part.type === 'file') {
        content = await part.toBuffer()
        fileName = part.filename
      } else if (part.fieldname === 'name') {
        if (part.valueTruncated) throw badRequest('FILE_NAME_TOO_LONG', '文件名过长，请缩短后重新上传')
        nameField = String(part.value)
      }
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    const code = (err as { code?: string }).code
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw fileTooLarge(maxSizeMB)
    if (code === 'FST_FILES_LIMIT') throw badRequest('ONE_FILE_PER_UPLOAD', '一次只能上传一个文件')
    throw new AppError(400, 'UPLOAD_MALFORMED', '上传的内容不完整或格式不正确，请重新上传', undefined, err)
  }
  if (!content) throw badRequest('NO_FILE', '请选择要上传的文件')
  return { content, name: nameField ?? fileName }
}

/** An uploaded file that passed every check, ready for storeAttachment. */
export interface CheckedUpload {
  name: string
  type: AttachmentType
  content: Buffer
  sha256: string
}

/**
 * Reads the one file of a multipart upload for an attachments field and checks it: its size
 * by the field's limit, its name (attachmentName), its real type by its bytes (sniffFileType,
 * zip packages inflated and judged) against the field's `accept` and its own extension.
 * The enterprise's and the recommending unit's upload routes both take files through here.
 */
export async function receiveUpload(request: FastifyRequest, spec: Pick<AttachmentsField, 'maxSizeMB' | 'accept'>): Promise<CheckedUpload> {
  if (!request.isMultipart()) throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', '请以表单文件方式上传')
  const upload = await readUpload(request, spec.maxSizeMB)
  if (upload.content.length === 0) throw badRequest('EMPTY_FILE', '文件是空的，请重新选择')
  const name = attachmentName(upload.name)
  const content = upload.content
  const declared = extensionOf(name)
  const type = await sniffFileType(content, declared)
  const accepted = spec.accept.map((t) => '.' + t).join(' ')
  if (!type && declared && spec.accept.includes(declared)) {
    throw badRequest('FILE_TYPE_MISMATCH', `文件扩展名是.${declared}，但内容不是${declared.toUpperCase()}文件，请检查后重新上传`)
  }
  if (!type || !spec.accept.includes(type)) {
    throw badRequest('FILE_TYPE_REJECTED', `只能上传以下类型的文件：${accepted}`)
  }
  if (declared !== type) throw badRequest('FILE_TYPE_MISMATCH', `文件内容是${type.toUpperCase()}，与扩展名不符，请检查后重新上传`)
  return { name, type, content, sha256: crypto.createHash('sha256').update(content).digest('hex') }
}

const readOnly = () => new AppError(403, 'DEADLINE_PASSED', '需求已不能修改，不能再上传附件')

/**
 * The attachments field of the enterprise's own demand an upload goes to, refused before the
 * body is read: a demand that can no longer change (DEADLINE_PASSED), a field that takes no
 * files (UNKNOWN_FIELD), a draft already naming the field's `maxFiles` files (TOO_MANY_FILES).
 */
export async function enterpriseUploadField(db: Queryable, session: Session, demandId: string, fieldId: string, now: number): Promise<AttachmentsField> {
  const demand = await getDemand(db, session, demandId, now)
  if (demand.readOnly) throw readOnly()
  const def = await cachedDefinition(db, demand.campaignId)
  const field = allFields(def!).find((f) => f.id === fieldId)
  if (!field || field.kind !== 'attachments') throw badRequest('UNKNOWN_FIELD', '该填报项不接受附件')
  const named = demand.answers[field.id]
  if (Array.isArray(named) && named.length >= field.maxFiles) throw tooManyFiles(field)
  return field
}

/**
 * Stores a checked upload (receiveUpload) of the enterprise for its demand, with its audit
 * record, in one transaction holding the demand's row lock: parallel uploads are counted one
 * after the other, and the demand is judged still changeable under the lock.
 */
export async function storeEnterpriseUpload(
  db: Db,
  session: Session,
  demandId: string,
  field: AttachmentsField,
  file: CheckedUpload,
  maxBytesPerDemand: number,
  now: number
): Promise<AttachmentRef> {
  const id = await db.transaction(async (tx) => {
    const [locked] = await tx.query('SELECT id FROM demands WHERE id = $1 AND owner_id = $2 FOR UPDATE', [demandId, session.userId])
    if (!locked) throw notFound('需求')
    if ((await getDemand(tx, session, demandId, now)).readOnly) throw readOnly()
    const at = new Date(now)
    const stored = await storeAttachment(
      tx,
      { demandId, ownerId: session.userId, field: { id: field.id, label: field.label, maxFiles: field.maxFiles }, ...file },
      maxBytesPerDemand,
      at
    )
    await tx.query(`INSERT INTO audit_log (actor_id, demand_id, action, detail, at) VALUES ($1, $2, 'upload_attachment', $3, $4)`, [
      session.userId,
      demandId,
      JSON.stringify({ attachment: stored.id, name: file.name, sha256: file.sha256, replaced: stored.replaced }),
      at
    ])
    return stored.id
  })
  return { id, name: file.name, size: file.content.length, type: file.type, sha256: file.sha256 }
}
