/** multipart/form-data bodies as the platforms send them: a file part and plain fields. */
import crypto from 'node:crypto'

export type FormPart = { field: string; value: string } | { field: string; filename: string; content: Buffer }

export function multipart(parts: FormPart[]): { body: Buffer; contentType: string } {
  const boundary = '----test' + crypto.randomBytes(6).toString('hex')
  const chunks = parts.flatMap((p) =>
    'content' in p
      ? [
          Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"; filename="${p.filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
          p.content,
          Buffer.from('\r\n')
        ]
      : [Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.field}"\r\n\r\n${p.value}\r\n`)]
  )
  return { body: Buffer.concat([...chunks, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` }
}
