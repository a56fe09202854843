/**
 * Direct access to the real server the app tests run against (started by globalSetup):
 * used to read what the screens should show, never to stand in for the app's own calls.
 */
export const API = process.env.APP_TEST_API_BASE as string

export async function serverGet<T>(path: string): Promise<T> {
  const res = await fetch(API + path)
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`)
  return (await res.json()) as T
}

export async function serverTime(): Promise<number> {
  return (await serverGet<{ now: number }>('/api/time')).now
}
