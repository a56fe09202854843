/**
 * The embedded database's folder lock: a live holder in another process refuses a second
 * start with its pid; a holder killed with SIGKILL never blocks the next start, even while
 * it is a zombie that nobody reaps (what a container whose PID 1 is node leaves behind).
 */
import { spawn, type ChildProcess } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { FolderLockedError, lockFolder } from '../../server/db/folder-lock'

const ROOT = path.join(__dirname, '../..')
const HOLDER = path.join(ROOT, 'test/support/lock-holder.ts')

let dir: string
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lock-'))
})
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }))

/**
 * A holder process whose parent never reaps it: `sh` starts it in the background and then
 * becomes `sleep`, which never waits for children. Resolves with the holder's pid once it
 * holds the lock.
 */
function startHolder(): Promise<{ pid: number; parent: ChildProcess }> {
  const parent = spawn('sh', ['-c', `node --import tsx "${HOLDER}" "${dir}" & echo "pid $!"; exec sleep 120`], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'inherit']
  })
  return new Promise((resolve, reject) => {
    let out = ''
    parent.stdout!.on('data', (d) => {
      out += d
      const pid = /pid (\d+)/.exec(out)
      if (pid && out.includes('locked')) resolve({ pid: Number(pid[1]), parent })
      if (out.includes('refused')) reject(new Error(out))
    })
    parent.once('exit', () => reject(new Error('holder did not start: ' + out)))
  })
}

const stateOf = (pid: number) => fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1][0]

it('refuses a second process while the holder lives, naming the holder', async () => {
  const { pid, parent } = await startHolder()
  try {
    const err = await lockFolder(dir).then(
      () => null,
      (e: Error) => e
    )
    expect(err).toBeInstanceOf(FolderLockedError)
    expect(err!.message).toBe(`数据目录 ${dir} 正被进程 ${pid} 使用；嵌入式数据库不能由两个进程同时打开。请先停止该进程。`)
  } finally {
    process.kill(pid, 'SIGKILL')
    parent.kill('SIGKILL')
  }
})

it('is free the moment its holder is killed, though the holder is an unreaped zombie', async () => {
  const { pid, parent } = await startHolder()
  try {
    process.kill(pid, 'SIGKILL')
    for (let i = 0; i < 200 && stateOf(pid) !== 'Z'; i++) await new Promise((r) => setTimeout(r, 10))
    expect(stateOf(pid)).toBe('Z') // kill(pid, 0) still says "alive": a pid check would refuse
    expect(() => process.kill(pid, 0)).not.toThrow()
    const release = await lockFolder(dir)
    await release()
  } finally {
    parent.kill('SIGKILL')
  }
})

it('is refused to a second taker in the same process, and free again once released', async () => {
  const release = await lockFolder(dir)
  await expect(lockFolder(dir)).rejects.toBeInstanceOf(FolderLockedError)
  await release()
  const again = await lockFolder(dir)
  await again()
})
