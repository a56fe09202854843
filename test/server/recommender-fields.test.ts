/**
 * What the recommending unit gives with a recommendation, through the real routes on a real
 * database: its answers to `recommenders.fields` (checked by the engine: 400 VALIDATION_FAILED
 * with every field in Chinese, nothing changed), sign-off opinions, its stamped scan (uploaded
 * through the same checks as the enterprise's files, downloadable by the demand's reviewers),
 * the 重点推荐 mark within its max, a unit type's sub-quotas, the offline deliverables it
 * ticks, and all of it in the summary sheet.
 */
import crypto from 'node:crypto'
import ExcelJS from 'exceljs'
import { publishVersion } from '../../server/campaigns'
import type { CampaignDefinition } from '../../types/campaign'
import type { AttachmentRef } from '../../types/engine'
import type { InboxPage, Ranking, ReviewDemand } from '../../types/recommend'
import { startTestServer, type TestServer } from '../support/app'
import { multipart } from '../support/multipart'
import { seedAccount, seedSubmitted, type Account } from '../support/seed-demands'
import { deflatedZeros, docxEntries, zip } from '../support/zip'
import { completeAnswers, recommenderAnswers } from '../types/fixtures'

const CQ = 'cq-2026-key-areas-demo'
const XJ = 'xj-2023-major-demands-demo'
const HZ = 'hz-2021-major-research-demo'
/** A copy of the Hangzhou demo with a capped mark, a sign-off and a deliverable, and no sub-quota (published below). */
const HZ_X = 'hz-recommender-extras'
const NOW = Date.parse('2025-07-08T10:00:00+08:00')

let s: TestServer
const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 1)])
const sha256 = (b: Buffer) => crypto.createHash('sha256').update(b).digest('hex')

const call = (who: Account | null, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
  s.app.inject({ method, url, headers: who ? { authorization: `Bearer ${who.token}` } : {}, ...(payload ? { payload } : {}) })
const ok = async <T>(who: Account, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object): Promise<T> => {
  const res = await call(who, method, url, payload)
  expect([method, url, res.statusCode, res.statusCode < 300 ? '' : res.body]).toEqual([method, url, expect.any(Number), ''])
  return res.json() as T
}
const recommend = (who: Account, id: string, payload?: object) => call(who, 'POST', `/api/recommend/demands/${id}/recommend`, payload)
const uploadAs = (who: Account, id: string, field: string, filename: string, content: Buffer) => {
  const form = multipart([{ field: 'file', filename, content }])
  return s.app.inject({
    method: 'POST',
    url: `/api/recommend/demands/${id}/attachments?field=${field}`,
    headers: { authorization: `Bearer ${who.token}`, 'content-type': form.contentType },
    payload: form.body
  })
}

/** The demand's row as the database holds it now. */
const row = async (id: string) =>
  (
    await s.db.query<{ status: string; rank: number | null; answers: object; key: boolean; deliverables: string[] }>(
      `SELECT status, rank, recommender_answers AS answers, key_recommended AS key, deliverables_received AS deliverables FROM demands WHERE id = $1`,
      [id]
    )
  )[0]
const events = async (id: string) => (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM demand_status_events WHERE demand_id = $1', [id]))[0].n

/** A submitted demand of a new enterprise (Hangzhou allows one each) in `campaign`. */
async function submitted(campaign: string, answers: Record<string, unknown>): Promise<string> {
  const owner = await seedAccount(s.db, s.clock.now, { role: 'enterprise' })
  return seedSubmitted(s.db, owner, campaign, answers, s.clock.now)
}

async function sheetOf(who: Account, campaign: string): Promise<{ headers: string[]; rows: unknown[][] }> {
  const res = await call(who, 'GET', `/api/recommend/campaigns/${campaign}/export`)
  expect(res.statusCode).toBe(200)
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
  const sheet = wb.getWorksheet('汇总表')!
  const values = (r: number) => (sheet.getRow(r).values as unknown[]).slice(1)
  const rows: unknown[][] = []
  for (let r = 3; r <= sheet.rowCount; r++) rows.push(values(r))
  return { headers: values(2) as string[], rows }
}

beforeAll(async () => {
  s = await startTestServer({ now: NOW })
  const [{ definition }] = await s.db.query<{ definition: CampaignDefinition }>('SELECT definition FROM campaigns WHERE id = $1', [HZ])
  const extras: CampaignDefinition = JSON.parse(JSON.stringify(definition))
  extras.id = HZ_X
  extras.title = '重点推荐限额与会签测试'
  extras.recommenders.keyMark = { label: '重点推荐', max: 1 }
  for (const t of extras.recommenders.unitTypes) delete t.subQuotas // the mark without any sub-quota
  extras.recommenders.signOffs = [{ id: 'leader', label: '分管领导' }]
  extras.deliverables = [{ id: 'originals', label: '盖章原件' }]
  extras.summaryColumns.push(
    { header: '分管领导意见', source: 'recommender:signoff:leader' },
    { header: '盖章原件', source: 'deliverable:originals' }
  )
  await publishVersion(s.db, extras, { source: 'test' }, NOW)
})
afterAll(() => s.close())

describe('Chongqing: 联合实施 and its investment are the unit’s (三（五）)', () => {
  let unit: Account
  let id: string
  beforeAll(async () => {
    unit = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'liangjiang' })
    id = await submitted(CQ, completeAnswers(CQ))
  })

  it('refuses a 是 without the investment, and an unknown key, with every field in Chinese; nothing changes', async () => {
    const before = { row: await row(id), events: await events(id) }
    const res = await recommend(unit, id, { answers: { jointImplementation: 'yes', remark: '无' } })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toEqual({
      code: 'VALIDATION_FAILED',
      message: '还有2处需要完善：“remark”不是本次征集推荐单位的填写项',
      fields: [
        { field: 'remark', code: 'UNKNOWN_FIELD', message: '“remark”不是本次征集推荐单位的填写项' },
        { field: 'jointInvestment', code: 'REQUIRED', message: '联合实施投入金额为必填项' }
      ]
    })
    const tooPrecise = await recommend(unit, id, { answers: { jointImplementation: 'yes', jointInvestment: 12.345 } })
    expect(tooPrecise.json().fields).toEqual([{ field: 'jointInvestment', code: 'TOO_PRECISE', message: '联合实施投入金额最多保留2位小数' }])
    expect({ row: await row(id), events: await events(id) }).toEqual(before)
    expect(before.row).toMatchObject({ status: 'submitted', rank: null, answers: {} })
  })

  it('recommends with the unit’s answers, stores them as the engine normalises them, and shows them to the unit and the bureau', async () => {
    const res = await recommend(unit, id, { answers: { jointImplementation: 'yes', jointInvestment: 500 } })
    expect(res.statusCode).toBe(200)
    expect((res.json() as ReviewDemand).recommendation).toEqual({ answers: { jointImplementation: 'yes', jointInvestment: 500 }, keyRecommended: false, deliverables: [] })
    const bureau = await seedAccount(s.db, NOW, { role: 'bureau', unit: '重庆市科学技术局' })
    expect((await ok<ReviewDemand>(bureau, 'GET', `/api/recommend/demands/${id}`)).recommendation.answers).toEqual({ jointImplementation: 'yes', jointInvestment: 500 })
    // a campaign without the mark or deliverables refuses them
    expect((await call(unit, 'PUT', `/api/recommend/demands/${id}/key-mark`, { keyRecommended: true })).json()).toMatchObject({ code: 'KEY_MARK_UNAVAILABLE' })
    expect((await call(unit, 'PUT', `/api/recommend/demands/${id}/deliverables`, { received: ['paper'] })).json()).toMatchObject({
      code: 'UNKNOWN_DELIVERABLE',
      message: '本次征集没有需要线下报送的材料'
    })
  })

  it('still recommends without a body where the unit need say nothing (no quota change in behaviour)', async () => {
    const other = await submitted(CQ, { ...completeAnswers(CQ), demandName: '另一项车规级芯片需求' })
    const res = await recommend(unit, other)
    expect([res.statusCode, res.json().rank]).toEqual([200, 2])
  })
})

describe('Xinjiang: the unit’s contact (附件3) and the deliverables it receives', () => {
  let unit: Account
  let ids: string[]
  beforeAll(async () => {
    unit = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'xj-gxt' })
    const owner = await seedAccount(s.db, NOW, { role: 'enterprise' })
    ids = []
    for (const name of ['光伏运维机器人', '风电叶片检测无人机']) {
      ids.push(await seedSubmitted(s.db, owner, XJ, { ...completeAnswers(XJ), projectName: name }, NOW))
    }
  })

  it('refuses a recommendation without the contact, naming each required field', async () => {
    const res = await recommend(unit, ids[0])
    expect(res.statusCode).toBe(400)
    expect(res.json().fields).toEqual([
      { field: 'contactDepartment', code: 'REQUIRED', message: '联系部门为必填项' },
      { field: 'contactPerson', code: 'REQUIRED', message: '联系人为必填项' },
      { field: 'contactPhone', code: 'REQUIRED', message: '联系电话为必填项' }
    ])
    expect(await row(ids[0])).toMatchObject({ status: 'submitted', rank: null })
  })

  it('ticks the deliverables received (the whole list each time), refuses unknown ones, and exports ✓ per deliverable', async () => {
    const tick = (id: string, received: string[]) => call(unit, 'PUT', `/api/recommend/demands/${id}/deliverables`, { received })
    const bad = await tick(ids[0], ['paper', 'usb'])
    expect(bad.statusCode).toBe(400)
    expect(bad.json()).toMatchObject({ code: 'UNKNOWN_DELIVERABLE', message: '“usb”不是本次征集要求报送的材料' })
    const res = await tick(ids[0], ['disc', 'paper'])
    expect(res.statusCode).toBe(200)
    expect((res.json() as ReviewDemand).recommendation.deliverables).toEqual(['paper', 'disc']) // the campaign's order
    expect((await tick(ids[0], ['paper'])).json().recommendation.deliverables).toEqual(['paper'])

    for (const id of ids) expect((await recommend(unit, id, { answers: recommenderAnswers(XJ) })).statusCode).toBe(200)
    const { headers, rows } = await sheetOf(unit, XJ)
    expect(headers.slice(8)).toEqual(['报送渠道', '推荐单位联系部门', '推荐单位联系人', '推荐单位联系电话', '纸质材料（一式3份）', '电子材料（光盘）'])
    const track = '厅厅联动、厅地联动重大科技项目需求（附件3）'
    expect(rows.map((r) => [r[0], r[1], ...r.slice(8)])).toEqual([
      [1, '光伏运维机器人', track, '科技与装备处', '王建新', '0991-2381234', '✓', undefined],
      [2, '风电叶片检测无人机', track, '科技与装备处', '王建新', '0991-2381234', undefined, undefined]
    ])
  })

  it('keeps the deliverables read-only after the recommender deadline', async () => {
    const [{ at }] = await s.db.query<{ at: Date }>('SELECT recommender_deadline_at AS at FROM campaigns WHERE id = $1', [XJ])
    s.clock.now = at.getTime() + 60_000
    try {
      const late = await seedAccount(s.db, s.clock.now, { role: 'recommender', unit: 'xj-gxt' }) // a session of that day
      const res = await call(late, 'PUT', `/api/recommend/demands/${ids[1]}/deliverables`, { received: ['paper'] })
      expect(res.statusCode).toBe(403)
      expect(res.json().code).toBe('RECOMMENDER_DEADLINE_PASSED')
      expect((await row(ids[1])).deliverables).toEqual([])
    } finally {
      s.clock.now = NOW
    }
  })

  it('gives a unit nothing another unit left: a demand resubmitted to another unit starts with an empty record', async () => {
    const owner = await seedAccount(s.db, NOW, { role: 'enterprise' })
    const id = await seedSubmitted(s.db, owner, XJ, completeAnswers(XJ), NOW)
    await ok(unit, 'PUT', `/api/recommend/demands/${id}/deliverables`, { received: ['paper'] })
    await ok(unit, 'POST', `/api/recommend/demands/${id}/return`, { reason: '请由水利厅推荐' })
    const draft = (await s.app.inject({ url: `/api/demands/${id}`, headers: { authorization: `Bearer ${owner.token}` } })).json()
    const saved = await s.app.inject({
      method: 'PUT',
      url: `/api/demands/${id}/draft`,
      headers: { authorization: `Bearer ${owner.token}` },
      payload: { baseVersion: draft.version, answers: { ...draft.answers, recommender: 'xj-slt' }, currentStep: draft.currentStep }
    })
    const resubmit = await s.app.inject({
      method: 'POST',
      url: `/api/demands/${id}/submit`,
      headers: { authorization: `Bearer ${owner.token}` },
      payload: { baseVersion: saved.json().version }
    })
    expect(resubmit.statusCode).toBe(200)
    const water = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'xj-slt' })
    expect((await ok<ReviewDemand>(water, 'GET', `/api/recommend/demands/${id}`)).recommendation).toEqual({ answers: {}, keyRecommended: false, deliverables: [] })
    // and its first tick does not bring the other unit's back
    expect((await ok<ReviewDemand>(water, 'PUT', `/api/recommend/demands/${id}/deliverables`, { received: ['disc'] })).recommendation.deliverables).toEqual(['disc'])
  })
})

describe('Hangzhou: sub-quotas of 二.1 and 二.2, and units without quota', () => {
  const leading = (name: string, modes: string[]) => ({ ...completeAnswers(HZ), recommender: 'leading-enterprise', demandName: name, organizationModes: modes })
  const opinion = { answers: recommenderAnswers(HZ) }

  it('大企业集团: of 2, at most 1 以“揭榜挂帅”或创新联合体 — the meter shows it; the quota still counts the rest', async () => {
    const unit = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'leading-enterprise' })
    const a = await submitted(HZ, leading('揭榜挂帅攻关需求', ['open_competition']))
    const b = await submitted(HZ, leading('创新联合体攻关需求', ['innovation_consortium', 'industry_chain']))
    const c = await submitted(HZ, leading('自主攻关需求', ['independent']))
    const d = await submitted(HZ, leading('产业链协同需求', ['industry_chain']))

    expect((await recommend(unit, a, opinion)).statusCode).toBe(200)
    const refused = await recommend(unit, b, opinion)
    expect(refused.statusCode).toBe(409)
    expect(refused.json()).toEqual({
      code: 'SUB_QUOTA_EXCEEDED',
      message: '本单位推荐的需求中，“以“揭榜挂帅”或创新联合体攻关的方式组织”最多1项，已推荐1项，不能再推荐此类需求；如需推荐，请先将已推荐的同类需求改为不予推荐'
    })
    expect(await row(b)).toMatchObject({ status: 'submitted', rank: null, answers: {} })
    expect((await recommend(unit, c, opinion)).statusCode).toBe(200)
    expect((await recommend(unit, d, opinion)).json()).toMatchObject({ code: 'QUOTA_EXCEEDED' })

    const meter = { quota: 2, used: 2, left: 0, sub: [{ id: 'open-or-consortium', label: '以“揭榜挂帅”或创新联合体攻关的方式组织', max: 1, used: 1 }], keyMarks: { label: '重点推荐', max: null, used: 0 } }
    expect((await ok<Ranking>(unit, 'GET', `/api/recommend/campaigns/${HZ}/ranking`)).groups[0].quota).toEqual(meter)
    expect((await ok<InboxPage>(unit, 'GET', `/api/recommend/campaigns/${HZ}/demands`)).quota).toEqual(meter)

    // withdrawing the 揭榜挂帅 one frees its sub-quota for the 创新联合体 one
    await ok(unit, 'POST', `/api/recommend/demands/${a}/not-recommend`, { reason: '改为推荐创新联合体项目' })
    expect((await recommend(unit, b, opinion)).statusCode).toBe(200)
  })

  it('新型研发机构: 自主设计选题 1 and 在杭转化产业化项目 1', async () => {
    const unit = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'new-rd-institution' })
    const of = (category: string, name: string) => submitted(HZ, { ...completeAnswers(HZ), recommender: 'new-rd-institution', category, demandName: name })
    const first = await of('self_designed', '自主设计选题一')
    const second = await of('self_designed', '自主设计选题二')
    const transfer = await of('transfer', '成果转化项目')
    expect((await recommend(unit, first, opinion)).statusCode).toBe(200)
    expect((await recommend(unit, second, opinion)).json()).toMatchObject({ code: 'SUB_QUOTA_EXCEEDED', message: expect.stringContaining('“自主设计选题”最多1项') })
    expect((await recommend(unit, transfer, opinion)).statusCode).toBe(200)
  })

  it('a 区县科技局 (no quota) recommends as many as it likes; its opinion is required', async () => {
    const unit = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'xihu' })
    const ids = []
    for (let i = 0; i < 4; i++) ids.push(await submitted(HZ, { ...completeAnswers(HZ), recommender: 'xihu', demandName: `西湖区需求${i + 1}` }))
    expect((await recommend(unit, ids[0])).json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'recommendOpinion', code: 'REQUIRED', message: '推荐意见为必填项' }]
    })
    for (const [i, id] of ids.entries()) expect((await recommend(unit, id, opinion)).json().rank).toBe(i + 1)
    expect((await ok<Ranking>(unit, 'GET', `/api/recommend/campaigns/${HZ}/ranking`)).groups[0].quota).toMatchObject({ quota: null, used: 4, left: null })
  })
})

describe('Hangzhou: the stamped scan, uploaded as the enterprise’s files are checked', () => {
  let unit: Account
  let other: Account
  let id: string
  beforeAll(async () => {
    unit = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'binjiang' })
    other = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'xihu' })
    id = await submitted(HZ, completeAnswers(HZ))
  })

  it('refuses what the shared checks refuse: a type the field does not take, a PNG named .pdf, a zip bomb', async () => {
    const count = async () => (await s.db.query<{ n: number }>('SELECT count(*)::int AS n FROM attachments WHERE demand_id = $1', [id]))[0].n
    expect((await uploadAs(unit, id, 'stampedSheet', '推荐表.docx', zip(docxEntries()))).json()).toMatchObject({ code: 'FILE_TYPE_REJECTED', message: '只能上传以下类型的文件：.pdf .jpg .png' })
    expect((await uploadAs(unit, id, 'stampedSheet', '推荐表.pdf', png)).json()).toMatchObject({ code: 'FILE_TYPE_MISMATCH' })
    const bomb = zip(docxEntries({ name: 'word/document.xml', deflated: deflatedZeros(300) }))
    expect((await uploadAs(unit, id, 'stampedSheet', '推荐表.pdf', bomb)).json()).toMatchObject({ code: 'ZIP_BOMB' })
    expect((await uploadAs(unit, id, 'recommendOpinion', '推荐表.pdf', pdf)).json()).toMatchObject({ code: 'UNKNOWN_FIELD' })
    expect((await uploadAs(other, id, 'stampedSheet', '推荐表.pdf', pdf)).statusCode).toBe(404)
    expect(await count()).toBe(0)
  })

  it('stores the scan as the unit’s, names it in the recommendation, and lets the demand’s reviewers download it', async () => {
    const up = await uploadAs(unit, id, 'stampedSheet', '滨江区推荐汇总表（盖章）.pdf', pdf)
    expect(up.statusCode).toBe(201)
    const ref = up.json() as AttachmentRef
    expect(ref).toMatchObject({ name: '滨江区推荐汇总表（盖章）.pdf', type: 'pdf', size: pdf.length, sha256: sha256(pdf) })

    // a reference that does not match the stored file is refused
    const forged = await recommend(unit, id, { answers: { ...recommenderAnswers(HZ), stampedSheet: [{ ...ref, sha256: sha256(png) }] } })
    expect(forged.json()).toMatchObject({ code: 'ATTACHMENT_UNKNOWN', fields: [{ field: 'stampedSheet', code: 'ATTACHMENT_UNKNOWN' }] })

    const done = await recommend(unit, id, { answers: { ...recommenderAnswers(HZ), stampedSheet: [ref] }, keyRecommended: true })
    expect(done.statusCode).toBe(200)
    expect((done.json() as ReviewDemand).recommendation).toMatchObject({ keyRecommended: true, answers: { stampedSheet: [ref] } })

    const bureau = await seedAccount(s.db, NOW, { role: 'bureau', unit: '杭州市科学技术局' })
    for (const who of [unit, bureau]) {
      const down = await call(who, 'GET', `/api/recommend/demands/${id}/attachments/${ref.id}`)
      expect([down.statusCode, down.headers['content-type']]).toEqual([200, 'application/pdf'])
      expect(down.rawPayload.equals(pdf)).toBe(true)
    }
    expect((await call(other, 'GET', `/api/recommend/demands/${id}/attachments/${ref.id}`)).statusCode).toBe(404)
    const [owner] = await s.db.query<{ ownerId: string }>('SELECT owner_id AS "ownerId" FROM demands WHERE id = $1', [id])
    const enterprise = await s.db.query('SELECT 1 FROM attachments WHERE id = $1 AND owner_id = $2', [ref.id, owner.ownerId])
    expect(enterprise).toHaveLength(0) // not the enterprise's file: its own download route does not serve it
  })

  it('counts the unit’s files apart: a file its answers do not name makes way for a new one', async () => {
    const fresh = await submitted(HZ, { ...completeAnswers(HZ), demandName: '另一项滨江需求' })
    const refs: AttachmentRef[] = []
    try {
      for (let i = 0; i < 4; i++) {
        s.clock.now = NOW + i * 1000 // one after the other
        const res = await uploadAs(unit, fresh, 'stampedSheet', `扫描件${i + 1}.pdf`, Buffer.concat([pdf, Buffer.from(`%${i}\n`)]))
        expect(res.statusCode).toBe(201)
        refs.push(res.json())
      }
    } finally {
      s.clock.now = NOW
    }
    const stored = await s.db.query<{ id: string; side: string }>('SELECT id, side FROM attachments WHERE demand_id = $1 ORDER BY created_at, id', [fresh])
    expect(stored).toHaveLength(3) // maxFiles 3: the oldest unnamed one made way
    expect(stored.every((f) => f.side === 'recommender')).toBe(true)
    expect(stored.map((f) => f.id)).not.toContain(refs[0].id)
    const stale = await recommend(unit, fresh, { answers: { ...recommenderAnswers(HZ), stampedSheet: [refs[0]] } })
    expect(stale.json()).toMatchObject({ code: 'ATTACHMENT_UNKNOWN', message: '附件“扫描件1.pdf”不存在或已被替换，请重新上传' })
  })
})

describe('the 重点推荐 mark and sign-offs (a campaign that caps the mark at 1 and needs 分管领导’s opinion)', () => {
  let unit: Account
  let ids: string[]
  const answers = { ...recommenderAnswers(HZ), 'signoff:leader': '同意推荐。' }
  beforeAll(async () => {
    unit = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'binjiang' })
    ids = []
    for (let i = 0; i < 3; i++) ids.push(await submitted(HZ_X, { ...completeAnswers(HZ), demandName: `重点推荐测试需求${i + 1}` }))
  })

  it('refuses a recommendation without the sign-off’s opinion', async () => {
    const res = await recommend(unit, ids[0], { answers: recommenderAnswers(HZ) })
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'signoff:leader', code: 'REQUIRED', message: '分管领导意见为必填项' }]
    })
  })

  it('marks at most max per unit, with a clear 409; the mark goes with a withdrawal and can be moved', async () => {
    expect((await recommend(unit, ids[0], { answers, keyRecommended: true })).json()).toMatchObject({ rank: 1, recommendation: { keyRecommended: true } })
    const over = await recommend(unit, ids[1], { answers, keyRecommended: true })
    expect(over.statusCode).toBe(409)
    expect(over.json()).toEqual({
      code: 'KEY_MARK_EXCEEDED',
      message: '每个推荐单位最多标记1项“重点推荐”，本单位已标记1项；如需标记此项，请先取消其他需求的“重点推荐”'
    })
    expect(await row(ids[1])).toMatchObject({ status: 'submitted', key: false })
    expect((await recommend(unit, ids[1], { answers })).statusCode).toBe(200)
    expect((await call(unit, 'PUT', `/api/recommend/demands/${ids[1]}/key-mark`, { keyRecommended: true })).json()).toMatchObject({ code: 'KEY_MARK_EXCEEDED' })
    expect((await call(unit, 'PUT', `/api/recommend/demands/${ids[2]}/key-mark`, { keyRecommended: true })).json()).toMatchObject({ code: 'NOT_RECOMMENDED' })

    const ranking = await ok<Ranking>(unit, 'GET', `/api/recommend/campaigns/${HZ_X}/ranking`)
    expect(ranking.groups[0].items.map((i) => [i.rank, i.keyRecommended])).toEqual([
      [1, true],
      [2, false]
    ])
    expect(ranking.groups[0].quota.keyMarks).toEqual({ label: '重点推荐', max: 1, used: 1 })

    await ok(unit, 'POST', `/api/recommend/demands/${ids[0]}/not-recommend`, { reason: '调整' })
    expect(await row(ids[0])).toMatchObject({ status: 'not_recommended', rank: null, key: false })
    expect((await ok<ReviewDemand>(unit, 'PUT', `/api/recommend/demands/${ids[1]}/key-mark`, { keyRecommended: true })).recommendation.keyRecommended).toBe(true)
  })

  it('exports the mark, the sign-off opinion and the deliverable as columns', async () => {
    await ok(unit, 'PUT', `/api/recommend/demands/${ids[1]}/deliverables`, { received: ['originals'] })
    await ok(unit, 'POST', `/api/recommend/demands/${ids[2]}/recommend`, { answers: { ...answers, 'signoff:leader': '  原则同意。 ' } })
    const { headers, rows } = await sheetOf(unit, HZ_X)
    const col = (h: string) => headers.indexOf(h)
    expect(rows.map((r) => [r[0], r[col('重点推荐')], r[col('推荐意见')], r[col('分管领导意见')], r[col('盖章原件')]])).toEqual([
      [1, '✓', recommenderAnswers(HZ).recommendOpinion, '同意推荐。', '✓'],
      [2, undefined, recommenderAnswers(HZ).recommendOpinion, '原则同意。', undefined]
    ])
  })
})

describe('files of each side', () => {
  it('never lets the enterprise name the unit’s stamped scan, or a file of another field, as its attachment', async () => {
    const [{ definition }] = await s.db.query<{ definition: CampaignDefinition }>('SELECT definition FROM campaigns WHERE id = $1', [CQ])
    const sides: CampaignDefinition = JSON.parse(JSON.stringify(definition))
    sides.id = 'cq-file-sides'
    sides.recommenders.fields = [
      ...(sides.recommenders.fields ?? []),
      { id: 'stampedSheet', kind: 'attachments', label: '盖章推荐表', maxFiles: 1, maxSizeMB: 10, accept: ['pdf'] }
    ]
    await publishVersion(s.db, sides, { source: 'test' }, NOW)
    const unit = await seedAccount(s.db, NOW, { role: 'recommender', unit: 'liangjiang' })
    const owner = await seedAccount(s.db, NOW, { role: 'enterprise' })
    const id = await seedSubmitted(s.db, owner, sides.id, completeAnswers(CQ), NOW)
    const scan = (await uploadAs(unit, id, 'stampedSheet', '盖章推荐表.pdf', pdf)).json() as AttachmentRef
    expect(scan.sha256).toBe(sha256(pdf))

    const current = await ok<{ version: number; answers: Record<string, unknown> }>(owner, 'GET', `/api/demands/${id}`)
    const saved = await ok<{ version: number }>(owner, 'PUT', `/api/demands/${id}/draft`, {
      baseVersion: current.version,
      answers: { ...current.answers, attachments: [scan] },
      currentStep: 'files'
    })
    const submit = await call(owner, 'POST', `/api/demands/${id}/submit`, { baseVersion: saved.version })
    expect(submit.statusCode).toBe(400)
    expect(submit.json()).toMatchObject({ code: 'ATTACHMENT_UNKNOWN', fields: [{ field: 'attachments', code: 'ATTACHMENT_UNKNOWN' }] })
  })
})
