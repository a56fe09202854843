/**
 * The bureau's campaign studio through the real API: only the issuing (and co-issuing) bureau
 * sees and edits a campaign; drafts keep their problems by path; publication goes through the
 * schema and the change rules (answers already given are never orphaned); take-down, early
 * close and every change in the audit log; and a file dropped into the seed folder is listed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { seedCampaigns } from '../../server/seed'
import type { CampaignDefinition } from '../../types/campaign'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

const NOW = Date.parse('2025-07-08T10:00:00+08:00')
let s: TestServer
let bureau: SignedIn
let hz: SignedIn
let ent: SignedIn

const call = (who: SignedIn | null, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
  s.app.inject({ method, url, headers: who ? { cookie: who.cookie, 'x-csrf-token': who.csrfToken } : {}, ...(payload ? { payload } : {}) })
const ok = async (who: SignedIn, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => {
  const res = await call(who, method, url, payload)
  expect([res.statusCode, res.statusCode < 300 ? '' : res.body]).toEqual([expect.any(Number), ''])
  return res.json()
}
const listed = async () => (await ok(ent, 'GET', '/api/campaigns')).campaigns.map((c: { id: string }) => c.id)

/** A copy of Chongqing, published by the bureau through the studio; returns its id. */
async function publishedCopy(): Promise<{ id: string; definition: CampaignDefinition }> {
  const copy = await ok(bureau, 'POST', '/api/studio/campaigns', { from: 'copy', campaignId: CQ })
  await ok(bureau, 'POST', `/api/studio/campaigns/${copy.id}/publish`)
  return { id: copy.id, definition: copy.definition }
}

/** An enterprise draft in the campaign, with the Chongqing answers. */
async function draftIn(campaignId: string): Promise<string> {
  const d = await ok(ent, 'POST', `/api/campaigns/${campaignId}/demands`)
  await ok(ent, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers: completeAnswers(CQ), currentStep: 'basic' })
  return d.id
}

const edit = (def: CampaignDefinition, change: (d: CampaignDefinition) => void): CampaignDefinition => {
  const next = JSON.parse(JSON.stringify(def))
  change(next)
  return next
}
const saveAndPublish = async (id: string, definition: CampaignDefinition) => {
  await ok(bureau, 'PUT', `/api/studio/campaigns/${id}/draft`, { definition })
  return call(bureau, 'POST', `/api/studio/campaigns/${id}/publish`)
}

beforeAll(async () => {
  s = await startTestServer({ now: NOW })
  bureau = await signInH5(s.app, 'bureau-cq')
  hz = await signInH5(s.app, 'bureau-hz')
  ent = await signInH5(s.app, 'ent-zhixin')
  await ok(ent, 'PUT', '/api/profile', DEMO_PROFILES['ent-zhixin'])
}, 120_000)
afterAll(() => s?.close())

describe('who sees what', () => {
  it('lists to a bureau the campaigns it issues, and to the Hangzhou bureau only Hangzhou’s', async () => {
    const mine = (await ok(bureau, 'GET', '/api/studio/campaigns')).campaigns.map((c: { id: string }) => c.id)
    expect(mine).toEqual(expect.arrayContaining([CQ, `${CQ}-demo`]))
    expect(mine.some((id: string) => id.startsWith('hz-') || id.startsWith('xj-'))).toBe(false)
    const theirs = (await ok(hz, 'GET', '/api/studio/campaigns')).campaigns.map((c: { id: string }) => c.id)
    expect(theirs).toContain('hz-2021-major-research')
    expect(theirs).not.toContain(CQ)
    expect((await call(hz, 'GET', `/api/studio/campaigns/${CQ}`)).statusCode).toBe(404)
    expect((await call(ent, 'GET', '/api/studio/campaigns')).statusCode).toBe(403)
  })

  it('shares a campaign with a co-issuing bureau, which then edits it as the issuer does', async () => {
    const draft = await ok(hz, 'POST', '/api/studio/campaigns', { from: 'blank' })
    expect(draft.definition.issuer).toBe('杭州市科学技术局')
    expect((await call(bureau, 'GET', `/api/studio/campaigns/${draft.id}`)).statusCode).toBe(404)
    await ok(hz, 'PUT', `/api/studio/campaigns/${draft.id}/draft`, { definition: { ...draft.definition, coIssuers: ['重庆市科学技术局'] } })
    const shared = await ok(bureau, 'GET', `/api/studio/campaigns/${draft.id}`)
    expect(shared.definition.coIssuers).toEqual(['重庆市科学技术局'])
  })
})

describe('drafts', () => {
  it('starts blank with every problem by path, and refuses to publish it, publishing nothing', async () => {
    const draft = await ok(bureau, 'POST', '/api/studio/campaigns', { from: 'blank' })
    expect(draft).toMatchObject({ state: 'draft', version: null, hasDraft: true })
    expect(draft.problems).toEqual(expect.arrayContaining([{ path: 'title', message: '应为非空文本' }, { path: 'summary', message: '应为非空文本' }]))
    const res = await call(bureau, 'POST', `/api/studio/campaigns/${draft.id}/publish`)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'DEFINITION_INVALID', message: expect.stringContaining('处问题') })
    expect(res.json().fields.map((f: { field: string }) => f.field)).toEqual(expect.arrayContaining(['title', 'summary', 'notice']))
    expect(await listed()).not.toContain(draft.id)
  })

  it('keeps the id and the bureau among the issuers', async () => {
    const draft = await ok(bureau, 'POST', '/api/studio/campaigns', { from: 'blank' })
    const renamed = await call(bureau, 'PUT', `/api/studio/campaigns/${draft.id}/draft`, { definition: { ...draft.definition, id: 'other-id' } })
    expect([renamed.statusCode, renamed.json().code]).toEqual([400, 'CAMPAIGN_ID_FIXED'])
    const handedOff = await call(bureau, 'PUT', `/api/studio/campaigns/${draft.id}/draft`, { definition: { ...draft.definition, issuer: '别的局' } })
    expect([handedOff.statusCode, handedOff.json().code]).toEqual([400, 'STUDIO_ISSUER_REQUIRED'])
    const notObject = await call(bureau, 'POST', '/api/studio/campaigns', { from: 'json', definition: [1, 2] })
    expect([notObject.statusCode, notObject.json().code]).toEqual([400, 'DEFINITION_NOT_OBJECT'])
  })

  it('takes an uploaded definition as a draft of this bureau, under a new id when its own is taken', async () => {
    const upload = JSON.parse(fs.readFileSync(path.join(__dirname, '../../campaigns/xj-2023-major-demands.json'), 'utf8'))
    const draft = await ok(bureau, 'POST', '/api/studio/campaigns', { from: 'json', definition: upload })
    expect(draft.id).toMatch(/^xj-2023-major-demands-[0-9a-f]{6}$/)
    expect(draft.definition.issuer).toBe('重庆市科学技术局')
    expect(draft.problems).toEqual([])
  })
})

describe('publication and the change rules', () => {
  it('publishes a copy that enterprises then see and file in', async () => {
    const { id } = await publishedCopy()
    expect(await listed()).toContain(id)
    const got = await ok(bureau, 'GET', `/api/studio/campaigns/${id}`)
    expect(got).toMatchObject({ state: 'published', version: 1, hasDraft: false, problems: [] })
    expect(got.definition.title).toMatch(/（副本）$/)
    await draftIn(id)
  })

  it('refuses to remove or retype a field that has answers, naming the count; allows an optional field', async () => {
    const { id, definition } = await publishedCopy()
    await draftIn(id)
    await draftIn(id)
    const removed = await saveAndPublish(id, edit(definition, (d) => (d.steps[2].fields = d.steps[2].fields.filter((f) => f.id !== 'background'))))
    expect(removed.statusCode).toBe(409)
    expect(removed.json()).toMatchObject({ code: 'DEFINITION_CHANGE_REFUSED', fields: [{ field: 'steps.background', message: expect.stringContaining('已有 2 份需求填写，不能删除') }] })
    const retyped = await saveAndPublish(id, edit(definition, (d) => Object.assign(d.steps[1].fields[0], { kind: 'textarea' })))
    expect(retyped.json().fields[0].message).toContain('不能改变类型')
    const required = await saveAndPublish(id, edit(definition, (d) => d.steps[1].fields.push({ id: 'extra', kind: 'text', label: '补充说明', maxLength: 50, required: true })))
    expect(required.json().fields[0]).toMatchObject({ field: 'steps[1].fields[2].required', message: expect.stringContaining('只能是选填') })
    const optional = await saveAndPublish(id, edit(definition, (d) => d.steps[1].fields.push({ id: 'extra', kind: 'text', label: '补充说明', maxLength: 50 })))
    expect(optional.statusCode).toBe(200)
    expect(optional.json()).toMatchObject({ version: 2, hasDraft: false })
    expect(optional.json().versions.map((v: { version: number; source: string }) => [v.version, v.source])).toEqual([[2, 'studio'], [1, 'studio']])
  })

  it('refuses to drop a chosen unit or an answered option, and a quota below what a unit recommended', async () => {
    const { id, definition } = await publishedCopy()
    await draftIn(id) // chose 两江新区 (liangjiang)
    await draftIn(id)
    const unit = await saveAndPublish(id, edit(definition, (d) => (d.recommenders.units = d.recommenders.units.filter((u) => u.id !== 'liangjiang'))))
    expect(unit.statusCode).toBe(409)
    // an option no condition names (dropping 揭榜挂帅's “是” would orphan its conditions first)
    const usedOption = (completeAnswers(CQ).organizationModes as string[])[0]
    const option = await saveAndPublish(id, edit(definition, (d) => {
      const f = d.steps[4].fields.find((x) => x.id === 'organizationModes') as { options: Array<{ value: string }> }
      f.options = f.options.filter((o) => o.value !== usedOption)
    }))
    expect(option.json().fields[0].message).toContain(`选项“${usedOption}”已被 2 份需求选用`)
    await s.db.query(
      `UPDATE demands d SET status = 'recommended', recommender_unit = 'liangjiang', rank = r.n
         FROM (SELECT id, row_number() OVER (ORDER BY id) AS n FROM demands WHERE campaign_id = $1) r WHERE d.id = r.id`,
      [id]
    )
    const quota = await saveAndPublish(id, edit(definition, (d) => d.recommenders.unitTypes.forEach((t) => (t.quota = 1))))
    expect(quota.json().fields.map((f: { message: string }) => f.message)).toEqual(expect.arrayContaining([expect.stringContaining('名额不能低于此数')]))
    // raising a quota, adding a unit and fixing a contact are fine
    const fine = await saveAndPublish(id, edit(definition, (d) => {
      d.recommenders.unitTypes[0].quota = 50
      d.recommenders.units.push({ id: 'new-unit', name: '新增推荐单位', type: d.recommenders.unitTypes[0].id })
      d.contacts[0].phone = '023-63000000'
    }))
    expect(fine.statusCode).toBe(200)
  })

  it('refuses to remove a field the recommending unit has answered', async () => {
    const { id, definition } = await publishedCopy()
    await draftIn(id)
    await s.db.query(`UPDATE demands SET recommender_answers = '{"jointImplementation": "no"}' WHERE campaign_id = $1`, [id])
    const field = definition.recommenders.fields!.find((f) => f.id === 'jointImplementation')!
    const removed = await saveAndPublish(
      id,
      edit(definition, (d) => {
        d.recommenders.fields = []
        d.summaryColumns = d.summaryColumns.filter((c) => !c.source.startsWith('recommender:'))
      })
    )
    expect(removed.statusCode).toBe(409)
    expect(removed.json().fields).toEqual([
      { field: 'recommenders.fields.jointImplementation', code: 'DEFINITION_CHANGE_REFUSED', message: `字段“${field.label}”已有 1 份需求填写，不能删除` }
    ])
  })

  it('tells enterprises filing when the deadline is extended, and stops filing when closed early', async () => {
    const { id, definition } = await publishedCopy()
    const demand = await draftIn(id)
    const extended = await saveAndPublish(id, edit(definition, (d) => (d.deadlines = { enterprise: '2025-07-27', recommender: '2025-08-01' })))
    expect(extended.statusCode).toBe(200)
    const closed = await ok(bureau, 'POST', `/api/studio/campaigns/${id}/close`, { reason: '名额已满' })
    expect(closed.definition.deadlines).toEqual({ enterprise: '2025-07-07', recommender: '2025-08-01' })
    const messages = (await ok(ent, 'GET', '/api/messages?limit=50')).messages.filter((m: { campaignId: string }) => m.campaignId === id)
    // both at the same (fixed) instant
    expect(messages.map((m: { title: string; body: string }) => m.body).sort()).toEqual([
      '主办单位已提前结束本次征集的企业填报（原截止 2025年7月27日 24:00）。名额已满',
      '企业填报截止时间由 2025年7月20日 24:00 调整为 2025年7月27日 24:00。'
    ])
    const save = await call(ent, 'PUT', `/api/demands/${demand}/draft`, { baseVersion: 2, answers: completeAnswers(CQ), currentStep: 'basic' })
    expect([save.statusCode, save.json().code]).toEqual([403, 'DEADLINE_PASSED'])
    expect((await call(ent, 'POST', `/api/campaigns/${id}/demands`)).json().code).toBe('DEADLINE_PASSED')
    expect((await call(bureau, 'POST', `/api/studio/campaigns/${id}/close`, {})).json().code).toBe('ALREADY_CLOSED')
  })

  it('takes a campaign down and puts it back up; every step is in the audit log with who did it', async () => {
    const { id } = await publishedCopy()
    await ok(bureau, 'POST', `/api/studio/campaigns/${id}/unpublish`)
    expect(await listed()).not.toContain(id)
    expect((await call(ent, 'GET', `/api/campaigns/${id}`)).statusCode).toBe(404)
    expect((await call(ent, 'POST', `/api/campaigns/${id}/demands`)).statusCode).toBe(404)
    const back = await ok(bureau, 'POST', `/api/studio/campaigns/${id}/publish`)
    expect(back).toMatchObject({ state: 'published', version: 2 })
    expect(await listed()).toContain(id)
    expect(back.audit.map((a: { action: string; actor: string }) => `${a.action}:${a.actor}`)).toEqual(['publish:陈静', 'unpublish:陈静', 'publish:陈静', 'create:陈静'])
  })

  it('discards unpublished edits, keeping the published version', async () => {
    const { id, definition } = await publishedCopy()
    await ok(bureau, 'PUT', `/api/studio/campaigns/${id}/draft`, { definition: { ...definition, title: '改了一半' } })
    expect((await ok(bureau, 'GET', `/api/studio/campaigns/${id}`)).definition.title).toBe('改了一半')
    const undone = await ok(bureau, 'DELETE', `/api/studio/campaigns/${id}/draft`)
    expect(undone).toMatchObject({ hasDraft: false, version: 1 })
    expect(undone.definition.title).toBe(definition.title)
  })
})

describe('the seed folder', () => {
  it('publishes a valid file dropped into it, reports a broken one with its problems, and changes nothing on a second start', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-seed-'))
    const cq = JSON.parse(fs.readFileSync(path.join(__dirname, '../../campaigns/cq-2026-key-areas.json'), 'utf8'))
    fs.writeFileSync(path.join(dir, 'new-notice.json'), JSON.stringify({ ...cq, id: 'dropped-notice', title: '新放入的通知' }))
    fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify({ ...cq, id: 'broken-notice', deadlines: { enterprise: '2025-07-30', recommender: '2025-07-01' } }))
    const first = await seedCampaigns(s.db, NOW, false, dir)
    expect(first.published).toEqual(['dropped-notice'])
    expect(first.skipped.join('\n')).toContain('broken.json')
    expect(first.skipped.join('\n')).toContain('deadlines.recommender')
    expect(await listed()).toContain('dropped-notice')
    expect((await seedCampaigns(s.db, NOW, false, dir)).published).toEqual([])
  })

  it('takes down the demo copies a development run left, when the product starts without the demo (and back)', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-seed-'))
    fs.copyFileSync(path.join(__dirname, '../../campaigns/cq-2026-key-areas.json'), path.join(dir, 'cq-2026-key-areas.json'))
    await seedCampaigns(s.db, NOW, true, dir)
    expect(await listed()).toContain(`${CQ}-demo`)
    const result = await seedCampaigns(s.db, NOW, false, dir)
    expect(result.skipped).toEqual(expect.arrayContaining([expect.stringContaining(`${CQ}-demo`)]))
    expect((await listed()).filter((id: string) => id.endsWith('-demo'))).toEqual([])
    expect(await listed()).toContain(CQ)
    await seedCampaigns(s.db, NOW, true, dir)
    expect(await listed()).toContain(`${CQ}-demo`)
  })
})
