export interface SpawnedServer {
  base: string
  logFile: string
  stop(keepData?: boolean): Promise<void>
}
export function spawnServer(prefix: string, env?: Record<string, string>): Promise<SpawnedServer>
