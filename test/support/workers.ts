/** Job workers in child processes (test/support/reminder-worker.ts), to run two at once or kill one. */
import { spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

export interface WorkerProcess {
  pid: number
  workerId: string
  child: ChildProcess
  /** Resolves when the process has exited. */
  exited: Promise<void>
  kill(signal?: NodeJS.Signals): Promise<void>
}

const SCRIPT = path.join(__dirname, 'reminder-worker.ts')

export async function startWorker(env: Record<string, string>): Promise<WorkerProcess> {
  const { NODE_OPTIONS: _jestFlags, ...inherited } = process.env
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
    cwd: path.join(__dirname, '../..'),
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const ready = await new Promise<{ workerId: string }>((resolve, reject) => {
    let out = ''
    const onData = (d: Buffer) => {
      out += d
      const line = out.split('\n').find((l) => l.startsWith('{'))
      if (line) {
        child.stdout!.off('data', onData)
        resolve(JSON.parse(line))
      }
    }
    child.stdout!.on('data', onData)
    child.once('exit', (code) => reject(new Error(`worker exited with ${code} before it was ready: ${stderr}`)))
  })
  return {
    pid: child.pid!,
    workerId: ready.workerId,
    child,
    exited,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal)
      await exited
    }
  }
}
