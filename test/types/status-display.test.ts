import { DEMAND_STATUS_LABELS, type DemandStatus } from '../../types/domain'
import { DEMAND_STATUS_TONES, statusDisplay } from '../../types/status'

const STATUSES = Object.keys(DEMAND_STATUS_LABELS) as DemandStatus[]

test('every status has one label and one tone, the same wherever it shows', () => {
  for (const s of STATUSES) {
    expect(statusDisplay(s)).toEqual({ label: DEMAND_STATUS_LABELS[s], tone: DEMAND_STATUS_TONES[s] })
  }
  expect(Object.keys(DEMAND_STATUS_TONES).sort()).toEqual([...STATUSES].sort())
})

test('the tones: in progress, waiting on the enterprise, a positive result, closed', () => {
  expect(STATUSES.map((s) => [s, statusDisplay(s).tone])).toEqual([
    ['draft', 'muted'],
    ['submitted', 'progress'],
    ['reviewing', 'progress'],
    ['returned', 'attention'],
    ['recommended', 'positive'],
    ['not_recommended', 'muted'],
    ['selected', 'positive'],
    ['not_selected', 'muted']
  ])
})
