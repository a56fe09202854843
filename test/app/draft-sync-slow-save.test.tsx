/**
 * A slow network under the draft sync: the save request is the edge, answered when the test
 * says so. Leaving the last step waits for `flush()`; when a save was already on its way, the
 * words typed after it began must be on the server too before the review page asks, or the
 * review finds them unsent and keeps 提交需求 disabled.
 */
import type { SaveResult } from '../../types/domain'
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
