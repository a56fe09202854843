/**
 * Debian's nginx in front of product processes, configured by deploy/nginx.conf with this
 * run's ports and temporary paths: what an operator starts from, run for real.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const ROOT = path.join(__dirname, '../..')
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx'

export interface RunningNginx {
  url: string
  stop(): Promise<void>
}

/** deploy/nginx.conf listening on `port`, balancing over `upstreams`, its files in `dir`. */
function conf(port: number, upstreams: number[], dir: string): string {
  const servers = upstreams.map((p) => `server 127.0.0.1:${p} max_fails=1 fail_timeout=5s;`).join('\n    ')
  return fs
    .readFileSync(path.join(ROOT, 'deploy/nginx.conf'), 'utf8')
    .replace(/server 127\.0\.0\.1:3000[^\n]*\n\s*server 127\.0\.0\.1:3002[^\n]*/, servers)
    .replace('listen 8080;', `listen 127.0.0.1:${port};`)
    .replace('/var/lib/nginx/body', path.join(dir, 'body'))
    .replace('/var/lib/nginx/proxy', path.join(dir, 'proxy'))
}

export async function startNginx(port: number, upstreams: number[], dir: string): Promise<RunningNginx> {
  if (!fs.existsSync(NGINX)) throw new Error(`nginx is missing (${NGINX}): apt-get install -y nginx (.ci/run does)`)
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'nginx.conf'), conf(port, upstreams, dir))
  const child = spawn(NGINX, ['-p', dir, '-c', path.join(dir, 'nginx.conf'), '-g', `daemon off; pid ${path.join(dir, 'nginx.pid')}; error_log stderr;`], {
    stdio: ['ignore', 'ignore', 'pipe']
  })
  let stderr = ''
  child.stderr!.on('data', (d) => (stderr += d))
  const url = `http://127.0.0.1:${port}`
  for (let i = 0; ; i++) {
    if (child.exitCode !== null || i > 100) throw new Error('nginx did not start: ' + stderr)
    if (await fetch(`${url}/api/health`).then((r) => r.ok, () => false)) break
    await new Promise((r) => setTimeout(r, 100))
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      })
  }
}
