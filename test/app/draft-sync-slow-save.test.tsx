/**
 * A slow network under the draft sync: the save request is the edge, answered when the test
 * says so. Leaving the last step waits for `flush()`; when a save was already on its way, the
 * words typed after it began must be on the server too before the review page asks, or the
 * review finds them unsent and keeps 提交需求 disabled.
 */
import type { Demand, SaveResult } from '../../types/domain'
import type { Answers } from '../../types/engine'
import { DraftSync } from '../../src/features/wizard/hooks/draft-sync'

it('a flush while a save is in flight resolves once the edits made meanwhile are saved too', async () => {
  const sent: Answers[] = []
  const answer: Array<() => void> = []
  const save = (_id: string, body: { answers: Answers }) => {
    sent.push(body.answers)
    const version = sent.length + 1
    return new Promise<SaveResult>((resolve) => answer.push(() => resolve({ version, savedAt: new Date().toISOString() })))
  }
  const sync = new DraftSync({ demandId: 'slow-1', campaignId: 'c', baseVersion: 1, baseAnswers: {}, answers: {}, currentStep: 'one', dirty: false, save })

  sync.edit({ leadPerson: '马晓东' })
  const first = sync.flush() // on its way, slowly
  sync.edit({ leadPerson: '马晓东', leadPhone: '13899800000' }) // typed meanwhile
  let flushed = false
  const leaving = sync.flush().then(() => (flushed = true))

  answer[0]()
  await first
  await new Promise((r) => setTimeout(r, 0))
  expect(sent).toEqual([{ leadPerson: '马晓东' }, { leadPerson: '马晓东', leadPhone: '13899800000' }])
  expect(flushed).toBe(false) // the phone number is not on the server yet
  expect(sync.getSnapshot().dirty).toBe(true)

  answer[1]()
  await leaving
  expect(sync.getSnapshot()).toMatchObject({ dirty: false, version: 3, status: { kind: 'saved' } })
  sync.dispose()
})

it('the page shown again takes over a copy saved elsewhere later, never one read before its own latest save', async () => {
  let version = 1
  const save = async () => ({ version: ++version, savedAt: '2026-12-03T05:10:00.000Z' })
  const sync = new DraftSync({ demandId: 'shown-1', campaignId: 'c', baseVersion: 1, baseAnswers: {}, answers: {}, currentStep: 'one', dirty: false, save })
  const copy = (v: number, answers: Answers): Demand =>
    ({ id: 'shown-1', version: v, answers, currentStep: 'one', readOnly: false, updatedAt: '2026-12-03T05:11:00.000Z' }) as Demand

  // Read when the page came back, before this phone's save of the new name was answered:
  const readBefore = copy(1, { demandName: '旧名称' })
  sync.edit({ demandName: '新名称' })
  await sync.flush()
  expect(sync.takeOver(readBefore)).toBe(false)
  expect(sync.getSnapshot()).toMatchObject({ version: 2, dirty: false, status: { kind: 'saved' } })
  expect(sync.working).toEqual({ demandName: '新名称' })

  // Saved on another device after that: taken over, nothing sent back.
  expect(sync.takeOver(copy(5, { demandName: '另一台手机改的名称' }))).toBe(true)
  expect(sync.getSnapshot()).toMatchObject({ version: 5, dirty: false, status: { kind: 'saved' } })
  expect(version).toBe(2)

  // Something unsent here: the phone's words are kept, whatever the server holds.
  sync.edit({ demandName: '还没发出的名称' })
  expect(sync.takeOver(copy(9, { demandName: '又一台手机改的名称' }))).toBe(false)
  sync.dispose()
})
