/**
 * What an uploaded file really is, judged by its bytes, never by its name.
 * Office files: OLE compound documents (doc, xls) and zip packages (docx, xlsx)
 * told apart by their part names. Nothing is decompressed, so zip bombs cost nothing.
 */
import { ATTACHMENT_TYPES, type AttachmentType } from '../types/campaign'

const startsWith = (buf: Buffer, bytes: number[]) => bytes.every((b, i) => buf[i] === b)

const CFB = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const ZIP = [0x50, 0x4b, 0x03, 0x04]

/** The content family of a file, or null when it is none we accept. */
export function sniffFileType(buf: Buffer, declared: AttachmentType | null): AttachmentType | null {
  if (startsWith(buf, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return 'jpg'
  if (startsWith(buf, CFB)) return declared === 'doc' || declared === 'xls' ? declared : null
  if (startsWith(buf, ZIP)) {
    if (buf.includes('[Content_Types].xml') && buf.includes('word/document.xml')) return 'docx'
    if (buf.includes('[Content_Types].xml') && buf.includes('xl/workbook.xml')) return 'xlsx'
  }
  return null
}

export function extensionOf(name: string): AttachmentType | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1].toLowerCase()
  if (ext === 'jpeg') return 'jpg'
  return ATTACHMENT_TYPES.find((t) => t === ext) ?? null
}

/** A display name safe to store and show: no folders, no control or direction characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const clean = base.replace(/[\u0000-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2066-\u2069<>:"|?*]/g, '').trim()
  const chars = [...clean]
  if (chars.length <= 100) return clean || '未命名文件'
  const ext = /\.[a-z0-9]{1,5}$/i.exec(clean)?.[0] ?? ''
  return chars.slice(0, 100 - ext.length).join('') + ext
}
