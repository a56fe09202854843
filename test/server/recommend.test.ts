/**
 * The recommending unit's workflow end to end through the routes: inbox, review, return with
 * a reason, revision and resubmission, recommend and rank within the quota, not recommend,
 * the deadlines, the bureau's outcome; the enterprise's status page; similar demands.
 */
import { APP_PATHS } from '../../server/messages'
import type { DemandStatusView, InboxPage, Ranking, ReviewCampaign, ReviewDemand, SimilarDemand } from '../../types/recommend'
import { startTestServer, type TestServer } from '../support/app'
import { multipart } from '../support/multipart'
import { requestsAs, signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers, farmAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

const DURING = Date.parse('2025-07-08T10:00:00+08:00')
let s: TestServer
let entA: SignedIn // 重庆智芯微电子有限公司
let entB: SignedIn // 重庆山城生物医药股份有限公司
let rec: SignedIn // 两江新区科技主管部门
let recJxw: SignedIn // 市经济信息委
let bureau: SignedIn // 重庆市科学技术局

const { call, json } = requestsAs(() => s.app)

async function signInAll() {
  entA = await signInH5(s.app, 'ent-zhixin')
  entB = await signInH5(s.app, 'ent-shancheng')
  rec = await signInH5(s.app, 'rec-liangjiang')
  recJxw = await signInH5(s.app, 'rec-jingxinwei')
  bureau = await signInH5(s.app, 'bureau-cq')
}

/** Creates, saves and submits a Chongqing demand; returns its id. */
async function submitted(who: SignedIn, answers: Record<string, unknown>): Promise<string> {
  const d = await call(who, 'POST', `/api/campaigns/${CQ}/demands`)
  expect(d.statusCode).toBe(201)
  const { id, version, currentStep } = d.json()
  const saved = await json<{ version: number }>(who, 'PUT', `/api/demands/${id}/draft`, { baseVersion: version, answers, currentStep })
  await json(who, 'POST', `/api/demands/${id}/submit`, { baseVersion: saved.version })
  return id
}

/** The person's messages of one kind (the test clock stands still, so they are told apart by kind). */
const notifications = (who: SignedIn, kind: string) =>
  call(who, 'GET', '/api/auth/me').then(async (me) =>
    s.db.query<{ kind: string; title: string; body: string; path: string }>(
      'SELECT kind, title, body, path FROM notifications WHERE user_id = $1 AND kind = $2 ORDER BY created_at',
      [me.json().user.id, kind]
    )
  )

beforeAll(async () => {
  s = await startTestServer({ now: DURING })
  await signInAll()
  const profile = { enterpriseName: '重庆智芯微电子有限公司', creditCode: '91500108576231840F', contactName: '张明', mobile: '13800138000', unitType: 'enterprise' }
  expect((await call(entA, 'PUT', '/api/profile', profile)).statusCode).toBe(200)
  const profileB = { enterpriseName: '重庆山城生物医药股份有限公司', creditCode: '91500000MA5U7G3K1E', contactName: '李华', mobile: '13900139000', unitType: 'large_enterprise' }
  expect((await call(entB, 'PUT', '/api/profile', profileB)).statusCode).toBe(200)
})
afterAll(() => s.close())

describe('the recommending unit’s workflow', () => {
  let d1: string // A → 两江新区, chips
  let d2: string // B → 两江新区, agriculture
  let d3: string // B → 市经济信息委
  beforeAll(async () => {
    d1 = await submitted(entA, completeAnswers(CQ))
    s.clock.now = DURING + 60_000 // a minute later, so the newest-first order is known
    d2 = await submitted(entB, farmAnswers(CQ))
    d3 = await submitted(entB, { ...completeAnswers(CQ), demandName: '工业互联网标识解析平台', recommender: 'city-jxw' })
    s.clock.now = DURING
  })

  it('lists the campaigns where the unit recommends, with counts, quota and days left', async () => {
    const { campaigns } = await json<{ campaigns: ReviewCampaign[] }>(rec, 'GET', '/api/recommend/campaigns')
    expect(campaigns.map((c) => c.campaign.id).sort()).toEqual([CQ, `${CQ}-demo`])
    expect(campaigns.find((c) => c.campaign.id === CQ)).toEqual({
      campaign: expect.objectContaining({ id: CQ, recommenderDeadlineAt: '2025-07-25T16:00:00.000Z' }),
      unit: { id: 'liangjiang', name: '两江新区科技主管部门', typeLabel: '其余各区县' },
      quota: 30,
      counts: { received: 2, reviewed: 0, recommended: 0, byStatus: { submitted: 2 } },
      daysLeft: 17,
      countdownText: '剩 17 天 14 小时',
      readOnly: false
    })
    const jxw = await json<{ campaigns: ReviewCampaign[] }>(recJxw, 'GET', '/api/recommend/campaigns')
    expect(jxw.campaigns.find((c) => c.campaign.id === CQ)).toMatchObject({ quota: 20, counts: { received: 1 } })
    const all = await json<{ campaigns: ReviewCampaign[] }>(bureau, 'GET', '/api/recommend/campaigns')
    expect(all.campaigns.find((c) => c.campaign.id === CQ)).toMatchObject({ unit: null, quota: null, counts: { received: 3 } })
    expect(all.campaigns.map((c) => c.campaign.id)).not.toContain('xj-2023-major-demands')
  })

  it('shows the inbox of the demands that chose the unit: filters, search, paging, sorting', async () => {
    const inbox = (who: SignedIn, query = '') => json<InboxPage>(who, 'GET', `/api/recommend/campaigns/${CQ}/demands${query}`)
    const all = await inbox(rec)
    expect(all.total).toBe(2)
    expect(all.items.map((i) => i.id).sort()).toEqual([d1, d2].sort())
    expect(all.quota).toEqual({ quota: 30, used: 0, left: 30 })
    expect(all.items.find((i) => i.id === d1)).toMatchObject({
      title: '车规级功能安全MCU芯片关键技术攻关及产业化',
      enterpriseName: '重庆智芯微电子有限公司',
      domain: { id: 'chips', label: '高端器件与芯片', direction: '车规级芯片' },
      status: 'submitted',
      statusLabel: '已提交',
      rank: null,
      unit: { id: 'liangjiang', name: '两江新区科技主管部门' },
      submittedVersion: 1
    })
    expect((await inbox(rec, '?domain=agriculture')).items.map((i) => i.id)).toEqual([d2])
    expect((await inbox(rec, '?domain=agriculture&direction=%E6%99%BA%E8%83%BD%E5%86%9C%E6%9C%BA')).total).toBe(1)
    expect((await inbox(rec, '?status=submitted')).total).toBe(2)
    expect((await inbox(rec, '?status=recommended')).total).toBe(0)
    expect((await inbox(rec, `?q=${encodeURIComponent('农机')}`)).items.map((i) => i.id)).toEqual([d2]) // name
    expect((await inbox(rec, `?q=${encodeURIComponent('山城生物')}`)).items.map((i) => i.id)).toEqual([d2]) // enterprise
    expect((await inbox(rec, '?q=mcu')).items.map((i) => i.id)).toEqual([d1]) // any case
    expect((await inbox(rec, `?q=${encodeURIComponent('100%')}`)).total).toBe(0) // % is literal
    const page2 = await inbox(rec, '?sort=earliest&pageSize=1&page=2')
    expect(page2).toMatchObject({ total: 2, page: 2, pageSize: 1 })
    expect(page2.items.map((i) => i.id)).toEqual([d2]) // submitted after d1
    expect((await inbox(rec, '?sort=latest')).items.map((i) => i.id)).toEqual([d2, d1])
    expect((await inbox(recJxw)).items.map((i) => i.id)).toEqual([d3])
    expect((await inbox(bureau)).total).toBe(3)
    expect((await inbox(bureau, '?unit=city-jxw')).items.map((i) => i.id)).toEqual([d3])
    for (const bad of ['?status=draft', '?page=0', '?pageSize=101', '?sort=title', '?page=abc']) {
      const res = await call(rec, 'GET', `/api/recommend/campaigns/${CQ}/demands${bad}`)
      expect([bad, res.statusCode, res.json().code]).toEqual([bad, 400, 'BAD_REQUEST'])
    }
  })

  it('opens the submitted version and marks it 审核中 on the unit’s first opening, telling the enterprise once', async () => {
    // reading changes nothing: a GET (or a link from another site) cannot start a review
    expect((await json<ReviewDemand>(rec, 'GET', `/api/recommend/demands/${d1}`)).status).toBe('submitted')
    const view = await json<ReviewDemand>(rec, 'POST', `/api/recommend/demands/${d1}/open`)
    expect(view).toMatchObject({
      id: d1,
      status: 'reviewing',
      statusLabel: '推荐单位审核中',
      campaignTitle: '2026年度重点领域技术创新需求征集',
      version: { number: 1, title: '车规级功能安全MCU芯片关键技术攻关及产业化', profile: { enterpriseName: '重庆智芯微电子有限公司' } }
    })
    expect(view.version.answers.researchContent).toBe(completeAnswers(CQ).researchContent)
    expect(view.next.actions.map((a) => a.action)).toEqual(['return', 'recommend', 'not_recommend'])
    await json(rec, 'POST', `/api/recommend/demands/${d1}/open`)
    expect(await notifications(entA, 'status_reviewing')).toEqual([{
      kind: 'status_reviewing',
      title: '推荐单位已开始审核',
      body: '您在“2026年度重点领域技术创新需求征集”中填报的需求“车规级功能安全MCU芯片关键技术攻关及产业化”已由两江新区科技主管部门开始审核，审核期间暂不能修改。',
      path: APP_PATHS.demandStatus(d1)
    }])
    // the bureau reading it changes nothing
    expect((await json<ReviewDemand>(bureau, 'POST', `/api/recommend/demands/${d2}/open`)).status).toBe('submitted')
    // the enterprise can no longer change it while it is reviewed
    const own = await json<{ version: number }>(entA, 'GET', `/api/demands/${d1}`)
    const save = await call(entA, 'PUT', `/api/demands/${d1}/draft`, { baseVersion: own.version, answers: completeAnswers(CQ), currentStep: 'basic' })
    expect(save.statusCode).toBe(409)
    expect(save.json().code).toBe('DEMAND_LOCKED')
  })

  it('returns it for revision with a reason: in the thread, in a message, on the timeline', async () => {
    const blank = await call(rec, 'POST', `/api/recommend/demands/${d1}/return`, { reason: '   ' })
    expect(blank.statusCode).toBe(400)
    expect(blank.json()).toMatchObject({ code: 'REASON_REQUIRED', message: '请填写退回原因' })
    const reason = '请补充功能安全认证计划和量产验证安排'
    const res = await call(rec, 'POST', `/api/recommend/demands/${d1}/return`, { reason })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'returned', statusLabel: '已退回修改' })
    const thread = await s.db.query<{ kind: string; body: string; author_role: string }>(
      'SELECT kind, body, author_role FROM thread_messages WHERE demand_id = $1',
      [d1]
    )
    expect(thread).toEqual([{ kind: 'return_reason', body: reason, author_role: 'recommender' }])
    expect(await notifications(entA, 'status_returned')).toEqual([{
      kind: 'status_returned',
      title: '需求被退回修改',
      body: `您在“2026年度重点领域技术创新需求征集”中填报的需求“车规级功能安全MCU芯片关键技术攻关及产业化”被两江新区科技主管部门退回修改，原因：${reason}。请在2025年7月20日 24:00前修改后重新提交。`,
      path: APP_PATHS.demandStatus(d1)
    }])
    const again = await call(rec, 'POST', `/api/recommend/demands/${d1}/return`, { reason })
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ code: 'ILLEGAL_TRANSITION', message: '需求当前状态为“已退回修改”，不能退回修改' })
  })

  it('shows the enterprise where its demand is, every change with unit and reason, and what it can do until when', async () => {
    const view = await json<DemandStatusView>(entA, 'GET', `/api/demands/${d1}/status`)
    expect(view).toMatchObject({
      id: d1,
      status: 'returned',
      statusLabel: '已退回修改',
      rank: null,
      unit: { id: 'liangjiang', name: '两江新区科技主管部门' },
      campaignTitle: '2026年度重点领域技术创新需求征集'
    })
    expect(view.steps.map((st) => [st.key, st.state])).toEqual([
      ['submitted', 'done'],
      ['review', 'current'],
      ['recommendation', 'todo'],
      ['outcome', 'todo']
    ])
    expect(view.timeline.map((e) => [e.summary, e.actorUnit, e.toLabel, e.reason])).toEqual([
      ['提交需求', '重庆智芯微电子有限公司', '已提交', null],
      ['推荐单位开始审核', '两江新区科技主管部门', '推荐单位审核中', null],
      ['退回修改', '两江新区科技主管部门', '已退回修改', '请补充功能安全认证计划和量产验证安排']
    ])
    expect(view.timeline[0].at).toBe(new Date(DURING).toISOString())
    expect(view.next).toEqual({
      actions: [
        { action: 'edit', label: '修改需求', until: '2025-07-20T16:00:00.000Z', untilText: '2025年7月20日 24:00' },
        { action: 'submit', label: '提交', until: '2025-07-20T16:00:00.000Z', untilText: '2025年7月20日 24:00' }
      ],
      readOnly: false,
      message: '已被退回修改，请按退回原因修改后在2025年7月20日 24:00前重新提交'
    })
    expect((await call(entB, 'GET', `/api/demands/${d1}/status`)).statusCode).toBe(404)
    expect((await call(rec, 'GET', `/api/demands/${d1}/status`)).statusCode).toBe(403)
  })

  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')
  let file: { id: string }
  /** Uploads a PDF to a demand's attachments field as its owner. */
  async function upload(who: SignedIn, id: string, name: string) {
    const { body, contentType } = multipart([{ field: 'file', filename: name, content: PDF }])
    const res = await s.app.inject({
      method: 'POST',
      url: `/api/demands/${id}/attachments?field=attachments`,
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': contentType },
      payload: body
    })
    expect(res.statusCode).toBe(201)
    return res.json()
  }

  it('takes the revision; the unit reads the new version', async () => {
    const own = await json<{ version: number }>(entA, 'GET', `/api/demands/${d1}`)
    file = await upload(entA, d1, '功能安全认证计划.pdf')
    const revised = { ...completeAnswers(CQ), researchContent: completeAnswers(CQ).researchContent + '六是制定功能安全认证计划。', attachments: [file] }
    const saved = await json<{ version: number }>(entA, 'PUT', `/api/demands/${d1}/draft`, { baseVersion: own.version, answers: revised, currentStep: 'content' })
    expect((await json<{ status: string }>(entA, 'POST', `/api/demands/${d1}/submit`, { baseVersion: saved.version })).status).toBe('submitted')
    const status = await json<DemandStatusView>(entA, 'GET', `/api/demands/${d1}/status`)
    expect(status.timeline.map((e) => e.summary).slice(-1)).toEqual(['重新提交（第2版）'])
    const view = await json<ReviewDemand>(rec, 'POST', `/api/recommend/demands/${d1}/open`)
    expect(view).toMatchObject({ status: 'reviewing', submittedVersion: 2, version: { number: 2 } })
    expect(view.version.answers.researchContent).toBe(revised.researchContent)
  })

  it('lets the unit and the bureau open the files of the submitted version, and nobody else any other file', async () => {
    const url = `/api/recommend/demands/${d1}/attachments/${file.id}`
    for (const who of [rec, bureau]) {
      const res = await call(who, 'GET', url)
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('application/pdf')
      expect(res.headers['content-disposition']).toBe(`attachment; filename*=UTF-8''${encodeURIComponent('功能安全认证计划.pdf')}`)
      expect(res.rawPayload.equals(PDF)).toBe(true)
    }
    expect((await call(recJxw, 'GET', url)).json()).toMatchObject({ code: 'NOT_FOUND' })
    expect((await call(entA, 'GET', url)).statusCode).toBe(403)
    // the file under another demand's id, and a file uploaded after the submission, are not shown
    expect((await call(rec, 'GET', `/api/recommend/demands/${d2}/attachments/${file.id}`)).statusCode).toBe(404)
    const later = await upload(entB, d3, '补充材料.pdf')
    expect((await call(recJxw, 'GET', `/api/recommend/demands/${d3}/attachments/${later.id}`)).json()).toMatchObject({
      code: 'NOT_FOUND',
      message: '附件不存在或无权查看'
    })
  })

  it('recommends in order, with the quota meter, and tells the enterprise its rank', async () => {
    const r1 = await json<ReviewDemand>(rec, 'POST', `/api/recommend/demands/${d1}/recommend`)
    expect(r1).toMatchObject({ status: 'recommended', rank: 1 })
    expect((await json<ReviewDemand>(rec, 'POST', `/api/recommend/demands/${d2}/recommend`)).rank).toBe(2)
    const ranking = await json<Ranking>(rec, 'GET', `/api/recommend/campaigns/${CQ}/ranking`)
    expect(ranking).toMatchObject({ readOnly: false, deadlineText: '2025年7月25日 24:00' })
    expect(ranking.groups).toHaveLength(1)
    expect(ranking.groups[0].quota).toEqual({ quota: 30, used: 2, left: 28 })
    expect(ranking.groups[0].items.map((i) => [i.id, i.rank])).toEqual([
      [d1, 1],
      [d2, 2]
    ])
    expect((await notifications(entA, 'status_recommended')).pop()).toMatchObject({
      title: '需求已获推荐',
      body: expect.stringContaining('已由两江新区科技主管部门推荐，推荐排序第1位')
    })
    const status = await json<DemandStatusView>(entA, 'GET', `/api/demands/${d1}/status`)
    expect(status).toMatchObject({ status: 'recommended', statusLabel: '已推荐', rank: 1 })
    expect(status.steps.find((st) => st.state === 'current')?.key).toBe('recommendation')
    expect(status.next.readOnly).toBe(true)
  })

  it('re-ranks with the full ordered list and refuses a stale or foreign one', async () => {
    const put = (who: SignedIn, ids: string[]) => call(who, 'PUT', `/api/recommend/campaigns/${CQ}/ranking`, { ids })
    const res = await put(rec, [d2, d1])
    expect(res.statusCode).toBe(200)
    expect((res.json() as Ranking).groups[0].items.map((i) => [i.id, i.rank])).toEqual([
      [d2, 1],
      [d1, 2]
    ])
    for (const ids of [[d1], [d1, d2, d3], [d2, d3]]) {
      const stale = await put(rec, ids)
      expect(stale.statusCode).toBe(409)
      expect(stale.json().code).toBe('RANKING_STALE')
    }
    expect((await put(rec, [d1, d1])).statusCode).toBe(400)
    expect((await put(rec, [d1.toUpperCase(), d1])).statusCode).toBe(409)
    expect((await put(bureau, [d2, d1])).statusCode).toBe(403)
    expect((await put(recJxw, [d2, d1])).statusCode).toBe(409) // not its list
    const view = await json<DemandStatusView>(entA, 'GET', `/api/demands/${d1}/status`)
    expect(view.rank).toBe(2)
    expect(view.timeline.pop()).toMatchObject({ action: 'rerank', summary: '推荐排序调整为第2位', rank: 2 })
  })

  it('does not recommend with a reason; the list closes up and the place is free again', async () => {
    const blank = await call(rec, 'POST', `/api/recommend/demands/${d2}/not-recommend`, {})
    expect(blank.statusCode).toBe(400)
    const res = await call(rec, 'POST', `/api/recommend/demands/${d2}/not-recommend`, { reason: '与本区产业方向不符' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toMatchObject({ status: 'not_recommended', rank: null })
    const ranking = await json<Ranking>(rec, 'GET', `/api/recommend/campaigns/${CQ}/ranking`)
    expect(ranking.groups[0].items.map((i) => [i.id, i.rank])).toEqual([[d1, 1]])
    expect(ranking.groups[0].quota.used).toBe(1)
    expect((await notifications(entB, 'status_not_recommended')).pop()).toMatchObject({ body: expect.stringContaining('未予推荐，原因：与本区产业方向不符') })
    const thread = await s.db.query<{ kind: string }>('SELECT kind FROM thread_messages WHERE demand_id = $1', [d2])
    expect(thread).toEqual([{ kind: 'decision' }])
    expect((await json<ReviewDemand>(rec, 'POST', `/api/recommend/demands/${d2}/recommend`)).rank).toBe(2)
  })

  it('refuses what the status machine or the role does not allow', async () => {
    const again = await call(rec, 'POST', `/api/recommend/demands/${d1}/recommend`)
    expect(again.statusCode).toBe(409)
    expect(again.json()).toEqual({ code: 'ILLEGAL_TRANSITION', message: '需求当前状态为“已推荐”，不能推荐' })
    expect((await call(bureau, 'POST', `/api/recommend/demands/${d1}/recommend`)).statusCode).toBe(403)
    expect((await call(rec, 'POST', `/api/recommend/demands/${d1}/outcome`, { selected: true })).statusCode).toBe(403)
    expect((await call(entA, 'POST', `/api/recommend/demands/${d1}/recommend`)).statusCode).toBe(403)
    const early = await call(bureau, 'POST', `/api/recommend/demands/${d1}/outcome`, { selected: true })
    expect(early.statusCode).toBe(409)
    expect(early.json()).toEqual({ code: 'TOO_EARLY', message: '推荐单位可调整推荐至2025年7月25日 24:00，截止后才能确定入选结果' })
    expect((await call(recJxw, 'POST', `/api/recommend/demands/${d1}/recommend`)).statusCode).toBe(404)
  })

  it('shows the bureau counts by field and by unit', async () => {
    const o = await json<{
      counts: { received: number; recommended: number }
      byUnit: Array<{ unit: { id: string }; quota: number | null; received: number; recommended: number }>
      byField: Array<{ domain: { id: string }; received: number; recommended: number }>
    }>(bureau, 'GET', `/api/recommend/campaigns/${CQ}/overview`)
    expect(o.counts).toMatchObject({ received: 3, recommended: 2 })
    expect(o.byUnit.find((u) => u.unit.id === 'liangjiang')).toMatchObject({ quota: 30, received: 2, recommended: 2 })
    expect(o.byUnit.find((u) => u.unit.id === 'city-jxw')).toMatchObject({ quota: 20, received: 1, recommended: 0 })
    expect(o.byField.find((f) => f.domain.id === 'chips')).toMatchObject({ received: 2, recommended: 1 })
    expect(o.byField.find((f) => f.domain.id === 'agriculture')).toMatchObject({ received: 1, recommended: 1 })
    expect((await call(rec, 'GET', `/api/recommend/campaigns/${CQ}/overview`)).statusCode).toBe(403)
  })

  describe('similar demands', () => {
    let twin: string // B's near copy of d1, same unit
    let elsewhere: string // another near copy, other unit
    beforeAll(async () => {
      const copy = completeAnswers(CQ)
      twin = await submitted(entB, { ...copy, demandName: '车规级功能安全MCU芯片研发及产业化', background: copy.background.slice(0, 150) + '亟需突破。' })
      elsewhere = await submitted(entB, { ...copy, demandName: '车规级MCU芯片关键技术攻关', recommender: 'city-jxw' })
    })

    it('puts the near copy first, with a score, and leaves unrelated demands out', async () => {
      const { similar } = await json<{ similar: SimilarDemand[] }>(rec, 'GET', `/api/recommend/demands/${d1}/similar`)
      expect(similar[0]).toMatchObject({ id: twin, enterpriseName: '重庆山城生物医药股份有限公司', unit: { id: 'liangjiang' } })
      expect(similar[0].score).toBeGreaterThan(0.5)
      expect(similar[0].score).toBeLessThanOrEqual(1)
      expect(similar.map((x) => x.id)).not.toContain(d2) // farm machinery: not similar
      expect(similar.map((x) => x.id)).not.toContain(elsewhere) // another unit's: not shown to this unit
      expect(similar.map((x) => x.id)).not.toContain(d1)
    })

    it('shows the bureau similar demands across units, best first', async () => {
      const { similar } = await json<{ similar: SimilarDemand[] }>(bureau, 'GET', `/api/recommend/demands/${d1}/similar`)
      // d3 (市经济信息委) has the same content under another name
      expect(similar.map((x) => x.id).sort()).toEqual([twin, elsewhere, d3].sort())
      const scores = similar.map((x) => x.score)
      expect(scores).toEqual([...scores].sort((a, b) => b - a))
      const jxw = await json<{ similar: SimilarDemand[] }>(recJxw, 'GET', `/api/recommend/demands/${d3}/similar`)
      expect(jxw.similar.map((x) => x.id)).toEqual([elsewhere])
      expect((await call(recJxw, 'GET', `/api/recommend/demands/${d1}/similar`)).statusCode).toBe(404)
    })
  })

  describe('deadlines, by the server clock in Asia/Shanghai', () => {
    let late: string
    beforeAll(async () => {
      late = await submitted(entA, { ...completeAnswers(CQ), demandName: '车规级SiC功率模块封装技术' })
    })
    afterAll(async () => {
      s.clock.now = DURING
      await signInAll()
    })

    it('refuses a return after the enterprise deadline with a clear message, and still allows recommending', async () => {
      s.clock.now = Date.parse('2025-07-21T00:00:00.000+08:00')
      await signInAll() // a unit's session lasts a day of server time (an enterprise's a week)
      const res = await call(rec, 'POST', `/api/recommend/demands/${late}/return`, { reason: '请补充' })
      expect(res.statusCode).toBe(403)
      expect(res.json()).toEqual({
        code: 'DEADLINE_PASSED',
        message: '企业填报已于2025年7月20日 24:00截止，退回后企业无法再修改提交，不能退回；请直接推荐或不予推荐'
      })
      const view = await json<ReviewDemand>(rec, 'GET', `/api/recommend/demands/${late}`)
      expect(view.next.actions.map((a) => a.action)).toEqual(['recommend', 'not_recommend'])
      expect(view.next.message).toBe('企业填报已截止，不能再退回；可推荐或不予推荐，截止2025年7月25日 24:00')
      s.clock.now = Date.parse('2025-07-25T23:59:59.999+08:00')
      await signInAll() // a unit's session lasts a day: the clerk signs in again on the 25th
      expect((await json<ReviewDemand>(rec, 'POST', `/api/recommend/demands/${late}/recommend`)).rank).toBe(3)
    })

    it('makes everything read-only for the unit after its deadline', async () => {
      s.clock.now = Date.parse('2025-07-26T00:00:00.000+08:00')
      await signInAll()
      const refused = await call(rec, 'POST', `/api/recommend/demands/${late}/not-recommend`, { reason: '改变主意' })
      expect(refused.statusCode).toBe(403)
      expect(refused.json()).toEqual({ code: 'RECOMMENDER_DEADLINE_PASSED', message: '推荐已于2025年7月25日 24:00截止，推荐结果只能查看，不能再修改' })
      const rerank = await call(rec, 'PUT', `/api/recommend/campaigns/${CQ}/ranking`, { ids: [late, d1, d2] })
      expect(rerank.statusCode).toBe(403)
      expect(rerank.json().code).toBe('RECOMMENDER_DEADLINE_PASSED')
      // opening a submitted demand no longer starts a review
      const jxwView = await json<ReviewDemand>(recJxw, 'POST', `/api/recommend/demands/${d3}/open`)
      expect(jxwView).toMatchObject({ status: 'submitted', next: { actions: [], readOnly: true } })
      const { campaigns } = await json<{ campaigns: ReviewCampaign[] }>(rec, 'GET', '/api/recommend/campaigns')
      expect(campaigns.find((c) => c.campaign.id === CQ)).toMatchObject({ readOnly: true, daysLeft: 0, countdownText: '已截止' })
      expect((await json<Ranking>(rec, 'GET', `/api/recommend/campaigns/${CQ}/ranking`)).readOnly).toBe(true)
      expect((await json<InboxPage>(rec, 'GET', `/api/recommend/campaigns/${CQ}/demands?status=recommended`)).total).toBe(3)
    })

    it('lets the bureau record the outcome once the ranking is final; the enterprise sees 入选 with its rank', async () => {
      const res = await call(bureau, 'POST', `/api/recommend/demands/${d1}/outcome`, { selected: true })
      expect(res.statusCode).toBe(200)
      expect(res.json()).toMatchObject({ status: 'selected', rank: 1 })
      const view = await json<DemandStatusView>(entA, 'GET', `/api/demands/${d1}/status`)
      expect(view).toMatchObject({ status: 'selected', statusLabel: '入选', rank: 1 })
      expect(view.timeline.pop()).toMatchObject({ summary: '入选', actorUnit: '重庆市科学技术局', actorRoleLabel: '科技主管部门' })
      expect(await notifications(entA, 'status_selected')).toEqual([expect.objectContaining({ title: '需求已入选' })])
      const no = await call(bureau, 'POST', `/api/recommend/demands/${d2}/outcome`, { selected: false, reason: '同类需求已入选' })
      expect(no.json()).toMatchObject({ status: 'not_selected' })
      const notRecommended = await call(bureau, 'POST', `/api/recommend/demands/${d3}/outcome`, { selected: true })
      expect(notRecommended.statusCode).toBe(409)
      expect(notRecommended.json().code).toBe('ILLEGAL_TRANSITION')
      // decided demands still count in the unit's list and quota
      const ranking = await json<Ranking>(rec, 'GET', `/api/recommend/campaigns/${CQ}/ranking`)
      expect(ranking.groups[0].items.map((i) => [i.id, i.rank, i.status])).toEqual([
        [d1, 1, 'selected'],
        [d2, 2, 'not_selected'],
        [late, 3, 'recommended']
      ])
      expect(ranking.groups[0].quota.used).toBe(3)
    })
  })
})
