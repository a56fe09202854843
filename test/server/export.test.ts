/**
 * The summary sheet (汇总表): streamed xlsx, opened again with exceljs and compared: title,
 * the campaign's columns rendered readably, recommendation order, neutralised formulas.
 */
import ExcelJS from 'exceljs'
import { PassThrough } from 'node:stream'
import { findSession } from '../../server/auth/sessions'
import type { Queryable } from '../../server/db'
import type { Reviewer } from '../../server/recommend'
import { neutralise, planExport, writeSummary } from '../../server/summary-export'
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { startTestServer, type TestServer } from '../support/app'
import { seedAccount, seedSubmitted, type Account } from '../support/seed-demands'
import { signInH5, type SignedIn } from '../support/sign-in'
import { completeAnswers, recommenderAnswers } from '../types/fixtures'
import { CQ } from '../support/campaigns'

const HEADERS = CAMPAIGN_DEFINITIONS.find((d) => d.id === CQ)!.summaryColumns.map((c) => c.header)
const FORMULA = '=HYPERLINK("http://evil.example","点击查看")'
/** XML's markup characters and a control character XML cannot hold (the sheet's rows are written as XML text). */
const MARKUP = '工业互联网 & "云"<平台>\u0007'
/** As a spreadsheet reads it: the markup as it was, the control character left out. */
const MARKUP_READ = '工业互联网 & "云"<平台>'
let s: TestServer
let rec: SignedIn
let recJxw: SignedIn
let bureau: SignedIn
const ids: Record<string, string> = {}

const as = (who: SignedIn) => ({ cookie: who.cookie, 'x-csrf-token': who.csrfToken })
const post = async (who: SignedIn, url: string, payload?: object) => {
  const res = await s.app.inject({ method: 'POST', url, headers: as(who), ...(payload ? { payload } : {}) })
  expect([url, res.statusCode]).toEqual([url, 200])
  return res.json()
}

async function download(who: SignedIn | null, query = '') {
  return s.app.inject({ url: `/api/recommend/campaigns/${CQ}/export${query}`, headers: who ? as(who) : {} })
}

async function open(body: Buffer): Promise<Array<Array<ExcelJS.CellValue>>> {
  const wb = new ExcelJS.Workbook()
  await wb.xlsx.load(body as unknown as ArrayBuffer)
  const sheet = wb.getWorksheet('汇总表')!
  const rows: Array<Array<ExcelJS.CellValue>> = []
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const values: ExcelJS.CellValue[] = []
    for (let c = 1; c <= HEADERS.length; c++) {
      const cell = row.getCell(c)
      expect(cell.type).not.toBe(ExcelJS.ValueType.Formula)
      values.push(cell.value)
    }
    rows.push(values)
  })
  expect(sheet.getCell('A1').isMerged).toBe(true)
  return rows
}

beforeAll(async () => {
  s = await startTestServer({ now: Date.parse('2025-07-08T10:00:00+08:00') })
  const now = s.clock.now
  const plain: Account = await seedAccount(s.db, now, { role: 'enterprise', name: '重庆渝芯科技有限公司' })
  const hostile: Account = await seedAccount(s.db, now, { role: 'enterprise', name: '@恶意企业+1' })
  const cq = completeAnswers(CQ)
  ids.formula = await seedSubmitted(s.db, plain, CQ, { ...cq, demandName: FORMULA }, now)
  ids.plus = await seedSubmitted(s.db, hostile, CQ, { ...cq, demandName: '+86车规级芯片', openCompetition: 'no', organizationModes: [] }, now)
  ids.minus = await seedSubmitted(s.db, plain, CQ, { ...cq, demandName: '-40℃低温电池管理芯片' }, now)
  ids.waiting = await seedSubmitted(s.db, plain, CQ, { ...cq, demandName: '未推荐的需求' }, now)
  ids.jxw = await seedSubmitted(s.db, plain, CQ, { ...cq, demandName: MARKUP, recommender: 'city-jxw' }, now)
  rec = await signInH5(s.app, 'rec-liangjiang')
  recJxw = await signInH5(s.app, 'rec-jingxinwei')
  bureau = await signInH5(s.app, 'bureau-cq')
  // 联合实施 is the unit's answer: 是 with its investment, or 否 (its investment is then not asked)
  const joint = { plus: { jointImplementation: 'no', jointInvestment: 300 }, formula: recommenderAnswers(CQ), minus: recommenderAnswers(CQ) }
  for (const k of ['plus', 'formula', 'minus'] as const) await post(rec, `/api/recommend/demands/${ids[k]}/recommend`, { answers: joint[k] })
  // the unit's final order differs from the order it recommended in
  const res = await s.app.inject({
    method: 'PUT',
    url: `/api/recommend/campaigns/${CQ}/ranking`,
    headers: as(rec),
    payload: { ids: [ids.formula, ids.minus, ids.plus] }
  })
  expect(res.statusCode).toBe(200)
  await post(recJxw, `/api/recommend/demands/${ids.jxw}/recommend`)
})
afterAll(() => s.close())

describe('the summary sheet of a recommending unit', () => {
  let rows: Array<Array<ExcelJS.CellValue>>
  beforeAll(async () => {
    const res = await download(rec)
    expect(res.statusCode).toBe(200)
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename*=UTF-8''${encodeURIComponent('2026年度重点领域技术创新需求征集汇总表-两江新区科技主管部门.xlsx')}`
    )
    rows = await open(res.rawPayload)
  })

  it('starts with a title row naming the campaign and the unit, then the campaign’s columns', () => {
    expect(rows[0][0]).toBe('2026年度重点领域技术创新需求征集汇总表（两江新区科技主管部门）')
    expect(rows[1]).toEqual(HEADERS)
    expect(HEADERS[0]).toBe('序号')
  })

  it('lists the recommended demands in recommendation order, and only them', () => {
    expect(rows.slice(2).map((r) => [r[0], r[1]])).toEqual([
      [1, `'${FORMULA}`],
      [2, "'-40℃低温电池管理芯片"],
      [3, "'+86车规级芯片"]
    ])
  })

  it('renders every column readably: labels for options and fields, numbers for amounts', () => {
    expect(rows[2]).toEqual([
      1,
      `'${FORMULA}`,
      '高端器件与芯片 / 车规级芯片',
      '重庆渝芯科技有限公司',
      expect.stringMatching(/^91500108MA\d{7}[0-9A-Z]$/),
      '王五',
      '13900000000',
      '4级（实验室环境中的部件或原理样机验证）',
      '7级（实际使用环境中的系统样机演示）',
      '2027-12-31',
      '川渝协同等跨区域协同创新；产学研协同创新；民营企业牵头或参与攻关',
      '是',
      1200,
      '是',
      500,
      '两江新区科技主管部门'
    ])
    // hidden answers are not exported: no investment when 揭榜挂帅 / 联合实施 is 否 (the unit's 300 was not kept)
    expect(rows[4].slice(3, 16)).toEqual([
      "'@恶意企业+1",
      expect.any(String),
      '王五',
      '13900000000',
      expect.any(String),
      expect.any(String),
      '2027-12-31',
      null,
      '否',
      null,
      '否',
      null,
      '两江新区科技主管部门'
    ])
  })

  it('leaves no text cell a spreadsheet could run', () => {
    for (const row of rows)
      for (const v of row) if (typeof v === 'string') expect([v, /^[=+\-@\t\r]/.test(v)]).toEqual([v, false])
  })
})

describe('the bureau’s summary sheet and who may export', () => {
  it('exports every unit’s list, grouped by unit in the campaign’s order, each in rank order', async () => {
    const res = await download(bureau)
    expect(res.statusCode).toBe(200)
    const rows = await open(res.rawPayload)
    expect(rows[0][0]).toBe('2026年度重点领域技术创新需求征集汇总表（全部推荐单位）')
    expect(rows.slice(2).map((r) => [r[15], r[0], r[1]])).toEqual([
      ['市经济信息委', 1, MARKUP_READ],
      ['两江新区科技主管部门', 1, `'${FORMULA}`],
      ['两江新区科技主管部门', 2, "'-40℃低温电池管理芯片"],
      ['两江新区科技主管部门', 3, "'+86车规级芯片"]
    ])
    const one = await open((await download(bureau, '?unit=city-jxw')).rawPayload)
    expect(one.slice(2).map((r) => r[1])).toEqual([MARKUP_READ])
  })

  it('gives each unit only its own list and refuses everyone else', async () => {
    const jxw = await open((await download(recJxw)).rawPayload)
    expect(jxw.slice(2).map((r) => r[1])).toEqual([MARKUP_READ])
    // a recommender cannot widen its export to another unit
    const widened = await open((await download(recJxw, '?unit=liangjiang')).rawPayload)
    expect(widened.slice(2).map((r) => r[1])).toEqual([MARKUP_READ])
    expect((await download(null)).statusCode).toBe(401)
    const ent = await signInH5(s.app, 'ent-zhixin')
    expect((await download(ent)).statusCode).toBe(403)
    expect((await download(bureau, '?unit=no-such-unit')).statusCode).toBe(404)
    const xj = await s.app.inject({ url: '/api/recommend/campaigns/xj-2023-major-demands/export', headers: as(rec) })
    expect(xj.statusCode).toBe(404)
    expect(xj.json().code).toBe('NOT_FOUND')
  })
})

describe('neutralise', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', "'\rcmd"],
    ['车规 = 芯片', '车规 = 芯片'],
    ['', '']
  ])('%j → %j', (input, output) => {
    expect(neutralise(input)).toBe(output)
  })
  it('leaves numbers and empty cells alone', () => {
    expect(neutralise(-5)).toBe(-5)
    expect(neutralise(null)).toBe(null)
  })
})

describe("the overview's charts in the workbook", () => {
  const sheetsOf = async (body: Buffer) => {
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(body as unknown as ArrayBuffer)
    return wb.worksheets.map((w) => ({ name: w.name, head: (w.getRow(1).values as ExcelJS.CellValue[]).slice(1) }))
  }
  it("the bureau's workbook carries a sheet of data per chart after the summary; a unit's only the summary", async () => {
    const forBureau = await sheetsOf((await download(bureau)).rawPayload)
    expect(forBureau.map((w) => w.name)).toEqual(['汇总表', '领域×推荐单位×状态', '每日提交', '名额使用', '退回原因主题'])
    expect(forBureau.find((w) => w.name === '名额使用')!.head).toEqual(['推荐单位', '收到需求', '已推荐', '名额', '使用率'])
    expect((await sheetsOf((await download(rec)).rawPayload)).map((w) => w.name)).toEqual(['汇总表'])
  })
})

describe('the sheet as it is streamed', () => {
  const plan = async (db: Queryable = s.db) => {
    const session = await findSession(db, /sid=([^;]+)/.exec(bureau.cookie)![1], s.clock.now)
    return planExport(db, session as Reviewer, CQ, s.clock.now)
  }
  const written = async (batch: number) => {
    const out = new PassThrough()
    const chunks: Buffer[] = []
    out.on('data', (c: Buffer) => chunks.push(c))
    await writeSummary(s.db, await plan(), out, batch)
    return open(Buffer.concat(chunks))
  }

  it('reads the lists a batch at a time and writes the same sheet whatever the batch size', async () => {
    const whole = await open((await download(bureau)).rawPayload)
    // 1: every row its own query; 2: a full batch, then a short one; 3: exactly one full batch, then an empty one
    for (const batch of [1, 2, 3]) expect(await written(batch)).toEqual(whole)
  })

  it('reads no faster than the download takes the sheet, and stops when the download is abandoned', async () => {
    let queries = 0
    const counted: Queryable = { query: (...args: Parameters<Queryable['query']>) => (queries++, s.db.query(...args)) }
    const p = await plan(counted)
    const out = new PassThrough({ highWaterMark: 16 })
    queries = 0
    const writing = writeSummary(counted, p, out, 1)
    await new Promise((r) => setTimeout(r, 500))
    // nothing was read: a batch (and the next one, read ahead) at the most, not one query per unit of the campaign
    expect(queries).toBeLessThanOrEqual(2)
    out.destroy()
    await expect(writing).resolves.toBeUndefined()
    expect(queries).toBeLessThanOrEqual(2)
  })
})
