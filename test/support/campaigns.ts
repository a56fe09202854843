/** The seeded campaigns (campaigns/*.json) as the tests name them; `-demo`: the copy whose deadlines are moved into the future. */
export const CQ = 'cq-2026-key-areas'
export const CQ_DEMO = 'cq-2026-key-areas-demo'
export const HZ_DEMO = 'hz-2021-major-research-demo'
export const XJ_DEMO = 'xj-2023-major-demands-demo'
