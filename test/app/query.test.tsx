/**
 * The app's one cache of server reads (src/services/query.ts), on a clock of the test's own:
 * callers at the same time share one request, a value is kept while younger than its staleTime,
 * `fresh` asks again, a failure is not kept, and `invalidate(prefix)` forgets just those keys.
 * Then the campaigns feature through it, against the real server.
 */
import { createQueryCache } from '../../src/services/query'
import { getCampaign } from '../../src/features/campaigns/api'
import { serverGet } from './support/server'
import type { CampaignSummary } from '../../types/domain'

/** A cache on a clock the test moves, and a loader that counts its calls and answers what it is told. */
function arrange() {
  const clock = { now: 1_000 }
  const cache = createQueryCache(() => clock.now)
  const calls: string[] = []
  const loader =
    (key: string, answer: () => Promise<string> = async () => `${key}#${calls.length}`) =>
    () => {
      calls.push(key)
      return answer()
    }
  return { clock, cache, calls, loader }
}

it('shares one request between callers that ask at the same time', async () => {
  const { cache, calls, loader } = arrange()
  const [a, b] = await Promise.all([cache.query('/x', loader('/x')), cache.query('/x', loader('/x'))])
  expect(calls).toEqual(['/x'])
  expect(b).toBe(a)
})

it('asks again once settled when there is no staleTime, and keeps a value while younger than its staleTime', async () => {
  const { clock, cache, calls, loader } = arrange()
  await cache.query('/plain', loader('/plain'))
  await cache.query('/plain', loader('/plain'))
  expect(calls).toEqual(['/plain', '/plain'])

  const first = await cache.query('/kept', loader('/kept'), { staleTime: 60_000 })
  clock.now += 59_999
  expect(await cache.query('/kept', loader('/kept'), { staleTime: 60_000 })).toBe(first)
  clock.now += 1
  expect(await cache.query('/kept', loader('/kept'), { staleTime: 60_000 })).not.toBe(first)
  expect(calls.filter((k) => k === '/kept')).toHaveLength(2)
})

it('asks again when asked for a fresh value, and the fresh value is kept', async () => {
  const { cache, calls, loader } = arrange()
  await cache.query('/c', loader('/c'), { staleTime: Infinity })
  const fresh = await cache.query('/c', loader('/c'), { staleTime: Infinity, fresh: true })
  expect(await cache.query('/c', loader('/c'), { staleTime: Infinity })).toBe(fresh)
  expect(calls).toEqual(['/c', '/c'])
})

it('does not keep a failure: the next caller asks again', async () => {
  const { cache, calls, loader } = arrange()
  await expect(cache.query('/f', loader('/f', () => Promise.reject(new Error('服务暂不可用'))), { staleTime: Infinity })).rejects.toThrow('服务暂不可用')
  expect(await cache.query('/f', loader('/f'), { staleTime: Infinity })).toBe('/f#2')
  expect(calls).toEqual(['/f', '/f'])
})

it('forgets the keys under a prefix and only those', async () => {
  const { cache, calls, loader } = arrange()
  for (const key of ['/api/demands', '/api/demands/1/versions', '/api/profile']) await cache.query(key, loader(key), { staleTime: Infinity })
  cache.invalidate('/api/demands')
  for (const key of ['/api/demands', '/api/demands/1/versions', '/api/profile']) await cache.query(key, loader(key), { staleTime: Infinity })
  expect(calls).toEqual(['/api/demands', '/api/demands/1/versions', '/api/profile', '/api/demands', '/api/demands/1/versions'])
  cache.invalidate()
  await cache.query('/api/profile', loader('/api/profile'), { staleTime: Infinity })
  expect(calls.filter((k) => k === '/api/profile')).toHaveLength(2)
})

it('gives every feature the same campaign from one request while the app is open', async () => {
  const { campaigns } = await serverGet<{ campaigns: CampaignSummary[] }>('/api/campaigns')
  const id = campaigns[0].id
  const [a, b] = await Promise.all([getCampaign(id), getCampaign(id)])
  expect(b).toBe(a)
  expect(await getCampaign(id)).toBe(a)
  expect(a.id).toBe(id)
  const fresh = await getCampaign(id, { fresh: true })
  expect(fresh).not.toBe(a)
  expect(fresh.id).toBe(id)
})
