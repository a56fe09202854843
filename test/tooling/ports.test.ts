/** The test servers' port helper: a port taken before the server listens means another start on new ports, and nothing else does. */
import net from 'node:net'
import { freePort, retryWhilePortTaken } from '../support/ports'

function listen(port: number): Promise<net.Server> {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => resolve(server))
  })
}

const close = (server: net.Server) => new Promise((resolve) => server.close(resolve))

describe('retryWhilePortTaken', () => {
  it('starts again on a new free port when the one it was given is taken before it listens', async () => {
    const taken = await freePort()
    const squatter = await listen(taken) // another process takes it between the look and the listen
    const tried: number[] = []
    try {
      const server = await retryWhilePortTaken(async () => {
        const port = tried.length === 0 ? taken : await freePort()
        tried.push(port)
        return listen(port)
      })
      expect(tried).toHaveLength(2)
      expect(tried[1]).not.toBe(taken)
      expect((server.address() as net.AddressInfo).port).toBe(tried[1])
      await close(server)
    } finally {
      await close(squatter)
    }
  })

  it('gives up after three attempts, with the last error', async () => {
    const squatter = await listen(await freePort())
    const port = (squatter.address() as net.AddressInfo).port
    let attempts = 0
    try {
      await expect(
        retryWhilePortTaken(() => {
          attempts++
          return listen(port)
        })
      ).rejects.toThrow(/EADDRINUSE/)
      expect(attempts).toBe(3)
    } finally {
      await close(squatter)
    }
  })

  it('does not start again for any other failure', async () => {
    let attempts = 0
    await expect(
      retryWhilePortTaken(async () => {
        attempts++
        throw new Error('server did not become healthy (exit code 1)')
      })
    ).rejects.toThrow('did not become healthy')
    expect(attempts).toBe(1)
  })
})
