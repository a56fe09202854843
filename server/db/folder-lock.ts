/**
 * An exclusive lock on the embedded database's folder that dies with its process.
 *
 * The holder listens on a Unix socket named after the folder's real path. The kernel closes
 * a process's sockets the moment it dies (SIGKILL, a crash, power loss), before it is reaped,
 * so a zombie, a PID 1 that never reaps, or a reused pid after a reboot can never hold it.
 * On Linux the socket is in the abstract namespace: it has no file, so nothing is left on
 * disk to go stale. Elsewhere it is a socket file in the temporary folder; a file whose
 * socket no longer answers is a dead holder's and is replaced.
 *
 * A second live process is refused with the holder's pid, which the holder tells anyone who
 * connects. A name still taken by a holder that no longer answers belongs to a process in the
 * middle of dying (a killed process's threads let go of its files last): we wait for it.
 */
import crypto from 'node:crypto'
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

export class FolderLockedError extends Error {
  constructor(dir: string, holder: string) {
    super(`数据目录 ${dir} 正被进程 ${holder} 使用；嵌入式数据库不能由两个进程同时打开。请先停止该进程。`)
    this.name = 'FolderLockedError'
  }
}

function socketName(dir: string): string {
  const id = crypto.createHash('sha256').update(fs.realpathSync(dir)).digest('hex').slice(0, 32)
  return process.platform === 'linux' ? `\0tech-demand-pglite-${id}` : path.join(os.tmpdir(), `tech-demand-pglite-${id}.sock`)
}

const listen = (server: net.Server, name: string) =>
  new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(name, () => {
      server.off('error', reject)
      resolve()
    })
  })

/** What the holder says when asked: its pid; null when nothing answers (a dead holder's file). */
const askHolder = (name: string) =>
  new Promise<string | null>((resolve) => {
    let said = ''
    const socket = net.connect(name)
    socket.setTimeout(2000, () => socket.destroy())
    socket.on('data', (chunk) => (said += chunk.toString('utf8')))
    socket.on('close', () => resolve(said || null))
    socket.on('error', () => resolve(null))
  })

/** How long a holder that no longer answers may take to finish dying (its threads let go of the socket last). */
const DYING_MS = 5000

/** Takes the lock on `dir` (which must exist) or throws FolderLockedError; resolves to its release. */
export async function lockFolder(dir: string): Promise<() => Promise<void>> {
  const name = socketName(dir)
  const server = net.createServer((socket) => socket.end(String(process.pid)))
  const giveUp = Date.now() + DYING_MS
  for (;;) {
    try {
      await listen(server, name)
      break
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err
      const holder = await askHolder(name)
      if (holder !== null) throw new FolderLockedError(dir, holder)
      if (name.startsWith('/')) fs.rmSync(name, { force: true }) // a dead holder's socket file
      else if (Date.now() > giveUp) throw new FolderLockedError(dir, '?')
      else await new Promise((r) => setTimeout(r, 50)) // a holder in the middle of dying
    }
  }
  server.unref() // the lock never keeps the process alive
  return () => new Promise<void>((resolve) => server.close(() => resolve()))
}
