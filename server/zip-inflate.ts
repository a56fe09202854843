/**
 * Real inflation of one zip entry, never trusting the sizes its headers declare: the entry's
 * data is streamed through zlib's asynchronous inflater (its work runs on libuv's thread pool,
 * so the event loop stays free between chunks) and the stream is stopped as soon as more bytes
 * come out than the caller allows. A lying entry costs at most its cap and one chunk.
 */
import zlib from 'node:zlib'

/** Output chunk of the inflater: big enough to keep the round trips to the thread pool few. */
const CHUNK_BYTES = 64 * 1024

/** The entry inflates to more than its cap. */
export class InflatedTooLarge extends Error {
  constructor() {
    super('zip entry inflates past its cap')
  }
}

/** The entry's compression method is neither stored (0) nor deflate (8). */
export class UnsupportedMethod extends Error {
  constructor(method: number) {
    super(`zip compression method ${method}`)
  }
}

/**
 * The bytes an entry's data really inflates to, chunk by chunk; throws InflatedTooLarge as soon
 * as they pass `cap`, UnsupportedMethod for another method, and zlib's error for broken data.
 * Stored entries are their own bytes. A consumer that stops early also stops the inflater.
 */
export async function* inflateEntry(data: Buffer, method: number, cap: number): AsyncGenerator<Buffer> {
  if (method === 0 || data.length === 0) {
    if (data.length > cap) throw new InflatedTooLarge()
    if (data.length > 0) yield data
    return
  }
  if (method !== 8) throw new UnsupportedMethod(method)
  const inflater = zlib.createInflateRaw({ chunkSize: CHUNK_BYTES })
  inflater.end(data)
  let total = 0
  try {
    for await (const chunk of inflater as AsyncIterable<Buffer>) {
      total += chunk.length
      if (total > cap) throw new InflatedTooLarge()
      yield chunk
    }
  } finally {
    inflater.destroy()
  }
}
