/**
 * Hostile text through the real API: markup (<script>, <img onerror>), zero-width and
 * right-to-left override characters, emoji joined with ZWJ and formula-like text in demand
 * fields, thread messages and the profile. Stored verbatim and given back verbatim as JSON
 * text; written to the summary sheet as text, never as a formula (cells starting with
 * = + - @ are neutralised); a 1 MB string is refused with 413 and a code, a string over a
 * field's limit with 400 and a code, nothing changed.
 */
import ExcelJS from 'exceljs'
import { startTestServer, type TestServer } from '../support/app'
import { signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

const IMG = '<img src=x onerror=alert(2)>'
const MARKUP = `<script>alert(1)</script>${IMG}`
const INVISIBLE = '车规级\u200b芯片\u200c\u200d\ufeff'
const RTL = '\u202egpj.exe'
const EMOJI = '👩‍💻👨‍👩‍👧‍👦🏳️‍🌈'
const FORMULA = "=1+cmd|'/C calc'!A0"
const ONE_MB = 'x'.repeat(1024 * 1024)
/** The unit name the test provider's `ent-hostile` legal-person account carries (test/support/idp-accounts.json). */
const HOSTILE_UNIT = `+${MARKUP}${RTL}有限公司`
const CONTACT = { contactName: '张明', mobile: '13800138000', unitType: 'enterprise' }
const CHINESE = /[\u4e00-\u9fa5]/

let s: TestServer
let ent: SignedIn
let rec: SignedIn

const as = (who: SignedIn) => ({ cookie: who.cookie, 'x-csrf-token': who.csrfToken })
/** `payload`: an object, or JSON text already serialised (for bodies over the limit). */
const call = (who: SignedIn, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object | string) =>
  s.app.inject({
    method,
    url,
    headers: { ...as(who), ...(typeof payload === 'string' ? { 'content-type': 'application/json' } : {}) },
    ...(payload === undefined ? {} : { payload })
  })
const json = (body: unknown) => JSON.stringify(body)

/** Asserts a clean refusal (status, stable code, Chinese message) and that `read` gives what it gave before. */
async function expectRefused(send: () => ReturnType<typeof call>, status: number, read: () => Promise<unknown>) {
  const before = await read()
  const res = await send()
  expect(res.statusCode).toBe(status)
  expect(res.json()).toEqual(expect.objectContaining({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.stringMatching(CHINESE) }))
  expect(await read()).toEqual(before)
}

/** Creates, fills and submits a Chongqing demand (recommended by 两江新区) with these answers on top of the fixture. */
async function submitted(answers: Record<string, unknown>): Promise<string> {
  const d = (await call(ent, 'POST', `/api/campaigns/${CQ}/demands`)).json()
  const saved = await call(ent, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers: { ...completeAnswers(CQ), ...answers }, currentStep: 'basic' })
  expect(saved.statusCode).toBe(200)
  const res = await call(ent, 'POST', `/api/demands/${d.id}/submit`, { baseVersion: saved.json().version })
  expect([res.statusCode, res.json().message]).toEqual([200, undefined])
  return d.id
}

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  ent = await signInH5(s.app, 'ent-hostile')
  rec = await signInH5(s.app, 'rec-liangjiang')
  expect((await call(ent, 'PUT', '/api/profile', CONTACT)).statusCode).toBe(200)
}, 120_000)
afterAll(() => s?.close())

describe('the profile', () => {
  const profile = () => call(ent, 'GET', '/api/profile').then((r) => r.json())

  it('keeps markup, invisible and direction characters and emoji verbatim, from the sign-in and from a save', async () => {
    const res = await call(ent, 'PUT', '/api/profile', { ...CONTACT, contactName: `-张${EMOJI}` })
    expect(res.statusCode).toBe(200)
    expect(await profile()).toMatchObject({ enterpriseName: HOSTILE_UNIT, contactName: `-张${EMOJI}` })
  })

  it('refuses a 1 MB name with 413 and a name over the limit with 400, keeping the profile', async () => {
    await expectRefused(() => call(ent, 'PUT', '/api/profile', json({ ...CONTACT, contactName: ONE_MB })), 413, profile)
    await expectRefused(() => call(ent, 'PUT', '/api/profile', { ...CONTACT, contactName: '长'.repeat(40) }), 400, profile)
    await expectRefused(() => call(ent, 'PUT', '/api/profile', { ...CONTACT, contactName: 'x'.repeat(500_000) }), 400, profile)
  })
})

describe('a demand', () => {
  let id: string
  const demand = () => call(ent, 'GET', `/api/demands/${id}`).then((r) => r.json())

  it('keeps hostile text in its fields verbatim, in the draft and in the submitted version', async () => {
    const answers = {
      demandName: `${FORMULA}${RTL}${EMOJI}`,
      background: [completeAnswers(CQ).background, MARKUP, INVISIBLE, RTL, EMOJI, FORMULA].join('\n')
    }
    id = await submitted(answers)
    expect((await demand()).answers).toMatchObject(answers)
    const version = (await call(ent, 'GET', `/api/demands/${id}/versions/1`)).json()
    expect(version.answers).toMatchObject(answers)
  })

  it('refuses a 1 MB answer with 413, keeping the draft; over-long text under the body limit is kept for the submit check', async () => {
    const d = await demand()
    const save = (demandName: string) => call(ent, 'PUT', `/api/demands/${id}/draft`, json({ baseVersion: d.version, answers: { ...d.answers, demandName }, currentStep: 'basic' }))
    await expectRefused(() => save(ONE_MB), 413, demand)
    // Nothing typed is lost: a draft keeps a name over its 50 characters, and the submit says why it cannot go.
    const long = MARKUP.repeat(2000)
    expect((await save(long)).statusCode).toBe(200)
    expect((await demand()).answers.demandName).toBe(long)
    const submit = await call(ent, 'POST', `/api/demands/${id}/submit`, { baseVersion: d.version + 1 })
    expect(submit.statusCode).toBe(400)
    expect(submit.json()).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.stringMatching(CHINESE) })
  })
})

describe('the thread', () => {
  let id: string
  const thread = () => call(ent, 'GET', `/api/demands/${id}/thread`).then((r) => r.json())

  beforeAll(async () => {
    id = await submitted({ demandName: '车规级MCU芯片' })
  })

  it('keeps a hostile message verbatim for both sides and in the unit’s message center', async () => {
    const body = [MARKUP, INVISIBLE, RTL, EMOJI, FORMULA].join(' ')
    expect((await call(ent, 'POST', `/api/demands/${id}/thread`, { body })).statusCode).toBe(201)
    expect((await thread()).messages.at(-1).body).toBe(body)
    expect((await call(rec, 'GET', `/api/demands/${id}/thread`)).json().messages.at(-1).body).toBe(body)
    const center = (await call(rec, 'GET', '/api/messages?limit=50')).json()
    expect(center.messages.find((m: { demandId: string }) => m.demandId === id).body).toContain(body)
  })

  it('refuses a 1 MB message with 413 and a 300,000-character one with 400, posting nothing', async () => {
    await expectRefused(() => call(ent, 'POST', `/api/demands/${id}/thread`, json({ body: ONE_MB })), 413, thread)
    await expectRefused(() => call(ent, 'POST', `/api/demands/${id}/thread`, { body: '长'.repeat(300_000) }), 400, thread)
  })
})

describe('the summary sheet', () => {
  it('holds hostile text as text: formulas neutralised, markup and invisible characters as written', async () => {
    const profile = { enterpriseName: HOSTILE_UNIT, creditCode: '91500103MA61C2P7NR', contactName: `@张${EMOJI}` }
    expect((await call(ent, 'PUT', '/api/profile', { ...CONTACT, contactName: profile.contactName })).statusCode).toBe(200)
    const names = { formula: `${FORMULA}${EMOJI}`, markup: `${IMG}${INVISIBLE}${RTL}`, minus: `-1+1${RTL}` }
    for (const name of Object.values(names)) {
      const id = await submitted({ demandName: name })
      await call(rec, 'POST', `/api/recommend/demands/${id}/open`)
      expect((await call(rec, 'POST', `/api/recommend/demands/${id}/recommend`)).statusCode).toBe(200)
    }

    const res = await call(rec, 'GET', `/api/recommend/campaigns/${CQ}/export`)
    expect(res.statusCode).toBe(200)
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer)
    const sheet = wb.getWorksheet('汇总表')!
    const cells: ExcelJS.Cell[] = []
    sheet.eachRow((row) => row.eachCell((cell) => cells.push(cell)))
    expect(cells.filter((c) => c.type === ExcelJS.ValueType.Formula)).toEqual([])
    // No text cell starts with what a spreadsheet would evaluate.
    expect(cells.map((c) => c.value).filter((v) => typeof v === 'string' && /^[=+\-@\t\r]/.test(v))).toEqual([])

    const rows = sheet.getRows(3, sheet.rowCount - 2)!.map((r) => r.values as ExcelJS.CellValue[])
    expect(rows.map((r) => r[2])).toEqual([`'${names.formula}`, names.markup, `'${names.minus}`])
    for (const r of rows) expect(r.slice(4, 7)).toEqual([`'${profile.enterpriseName}`, profile.creditCode, `'${profile.contactName}`])
  })
})
