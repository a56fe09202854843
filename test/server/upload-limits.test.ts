/**
 * What one demand may store, counted from what is stored (not from what its draft refers to):
 * a field holds at most its `maxFiles` files and a demand at most UPLOAD_MAX_BYTES_PER_DEMAND
 * bytes, also when uploads come in parallel; a file the person took out of the draft makes way
 * for a new one instead of blocking the field until the daily retention job; a file is stored
 * in one transaction with its audit record.
 */
import { Readable } from 'node:stream'
import type { Demand } from '../../types/domain'
import type { AttachmentRef } from '../../types/engine'
import { startTestServer, type TestServer } from '../support/app'
import { DEMO_PROFILES } from '../support/http-session'
import { multipart } from '../support/multipart'
import { signInH5, type SignedIn } from '../support/sign-in'
import { CQ } from '../support/campaigns'

/** Small, so the cap is reached with a few small files. */
const MAX_BYTES = 64 * 1024
const CHINESE = /[\u4e00-\u9fa5]/

let s: TestServer
let ent: SignedIn

const as = (who: SignedIn) => ({ cookie: who.cookie, 'x-csrf-token': who.csrfToken })
/** A PDF of about `bytes` bytes, different every time (`tag`). */
const pdf = (tag: string | number, bytes = 64) => {
  const head = Buffer.from(`%PDF-1.4\n% ${tag}\n`)
  const tail = Buffer.from('\ntrailer<<>>\n%%EOF\n')
  return Buffer.concat([head, Buffer.alloc(Math.max(0, bytes - head.length - tail.length), 0x20), tail])
}

function upload(demandId: string, content: Buffer, name = '材料.pdf') {
  const form = multipart([{ field: 'file', filename: name, content }])
  return s.app.inject({
    method: 'POST',
    url: `/api/demands/${demandId}/attachments?field=attachments`,
    headers: { ...as(ent), 'content-type': form.contentType },
    payload: form.body
  })
}

async function uploadOk(demandId: string, content: Buffer): Promise<AttachmentRef> {
  const res = await upload(demandId, content)
  expect([res.statusCode, res.body]).toEqual([201, expect.any(String)])
  return res.json()
}

/** A new demand, its draft saved once (with a name) before any upload. */
async function newDemand(): Promise<Demand> {
  const d: Demand = (await s.app.inject({ method: 'POST', url: `/api/campaigns/${CQ}/demands`, headers: as(ent) })).json()
  await saveDraft(d.id, { demandName: '高精度MEMS传感器封装测试工艺' })
  return (await s.app.inject({ url: `/api/demands/${d.id}`, headers: as(ent) })).json()
}

/** Saves the draft's answers as the wizard does, a minute after what came before. */
async function saveDraft(demandId: string, answers: Record<string, unknown>) {
  s.clock.now += 60_000
  const current = (await s.app.inject({ url: `/api/demands/${demandId}`, headers: as(ent) })).json()
  const res = await s.app.inject({
    method: 'PUT',
    url: `/api/demands/${demandId}/draft`,
    headers: as(ent),
    payload: { baseVersion: current.version, answers, currentStep: current.currentStep }
  })
  expect(res.statusCode).toBe(200)
}

const storedIds = async (demandId: string) =>
  (await s.db.query<{ id: string }>('SELECT id FROM attachments WHERE demand_id = $1 ORDER BY created_at, id', [demandId])).map((r) => r.id)

beforeAll(async () => {
  s = await startTestServer({
    now: Date.parse('2025-07-08T10:00:00+08:00'),
    env: { UPLOAD_MAX_BYTES_PER_DEMAND: String(MAX_BYTES), UPLOAD_MAX_PER_USER: '100000' }
  })
  ent = await signInH5(s.app, 'ent-zhixin')
  await s.app.inject({ method: 'PUT', url: '/api/profile', headers: as(ent), payload: DEMO_PROFILES['ent-zhixin'] })
}, 120_000)
afterAll(() => s?.close())

describe('files per field: counted from what is stored', () => {
  it('refuses the 11th file into a 10-file field although the draft refers to none of them', async () => {
    const d = await newDemand()
    for (let i = 0; i < 10; i++) await uploadOk(d.id, pdf(i))
    expect(d.answers.attachments).toBeUndefined()

    const res = await upload(d.id, pdf(10))
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 409, code: 'TOO_MANY_FILES' })
    expect(res.json().message).toMatch(CHINESE)
    expect(res.json().message).toContain('“附件”最多上传10个文件')
    expect(await storedIds(d.id)).toHaveLength(10)
  })

  it('stores exactly one of two parallel uploads into a field holding 9 of 10', async () => {
    const d = await newDemand()
    for (let i = 0; i < 9; i++) await uploadOk(d.id, pdf(i))
    const both = await Promise.all([upload(d.id, pdf('a')), upload(d.id, pdf('b'))])
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409])
    expect(both.find((r) => r.statusCode === 409)!.json().code).toBe('TOO_MANY_FILES')
    expect(await storedIds(d.id)).toHaveLength(10)
  })

  it('lets a file taken out of the draft make way for a new one, and never one the draft may still refer to', async () => {
    const d = await newDemand()
    const refs: AttachmentRef[] = []
    for (let i = 0; i < 10; i++) refs.push(await uploadOk(d.id, pdf(i)))
    await saveDraft(d.id, { demandName: d.answers.demandName, attachments: refs })
    // A draft naming all ten: refused before the body is read (a declared 100 MB is not pulled).
    let pulled = 0
    const endless = new Readable({
      read() {
        pulled += 64 * 1024
        this.push(pulled > 100 * 1024 * 1024 ? null : Buffer.alloc(64 * 1024))
      }
    })
    const big = await s.app.inject({
      method: 'POST',
      url: `/api/demands/${d.id}/attachments?field=attachments`,
      headers: { ...as(ent), 'content-type': multipart([]).contentType, 'content-length': String(100 * 1024 * 1024) },
      payload: endless
    })
    expect(big.json().code).toBe('TOO_MANY_FILES')
    expect(pulled).toBeLessThan(2 * 1024 * 1024)

    // The person removes the fourth file; the retention job has not run.
    const [removed] = refs.splice(3, 1)
    await saveDraft(d.id, { demandName: d.answers.demandName, attachments: refs })
    expect(await storedIds(d.id)).toHaveLength(10)

    const added = await uploadOk(d.id, pdf('new'))
    const stored = await storedIds(d.id)
    expect(stored).toHaveLength(10)
    expect(stored).not.toContain(removed.id)
    expect(stored).toEqual(expect.arrayContaining([...refs.map((r) => r.id), added.id]))
    expect((await s.app.inject({ url: `/api/attachments/${removed.id}`, headers: as(ent) })).statusCode).toBe(404)
    const [audit] = await s.db.query<{ detail: { attachment: string; replaced: string[] } }>(
      `SELECT detail FROM audit_log WHERE demand_id = $1 AND action = 'upload_attachment' ORDER BY at DESC LIMIT 1`,
      [d.id]
    )
    expect(audit.detail).toMatchObject({ attachment: added.id, replaced: [removed.id] })

    // The new file is not in the draft yet (its save may be on the way): it does not make way.
    const next = await upload(d.id, pdf('next'))
    expect({ status: next.statusCode, code: next.json().code }).toEqual({ status: 409, code: 'TOO_MANY_FILES' })
    expect(await storedIds(d.id)).toEqual(stored)
  })

  it('never lets a file of a submitted version make way', async () => {
    const d = await newDemand()
    const refs: AttachmentRef[] = []
    for (let i = 0; i < 10; i++) refs.push(await uploadOk(d.id, pdf(i)))
    await saveDraft(d.id, { demandName: d.answers.demandName, attachments: refs })
    // A version that refers to the file, as a submission would leave it (submitting needs every answer).
    await s.db.query(
      `INSERT INTO demand_versions (demand_id, number, title, answers, profile, based_on_version, submitted_by, submitted_at)
       SELECT id, 1, title, answers, '{}', version, owner_id, updated_at FROM demands WHERE id = $1`,
      [d.id]
    )
    await saveDraft(d.id, { demandName: d.answers.demandName, attachments: refs.slice(1) })
    const res = await upload(d.id, pdf('new'))
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 409, code: 'TOO_MANY_FILES' })
    expect(await storedIds(d.id)).toEqual(expect.arrayContaining(refs.map((r) => r.id)))
  })
})

describe('bytes per demand', () => {
  it('refuses a file that would take the demand over UPLOAD_MAX_BYTES_PER_DEMAND, until a file taken out of the draft makes way', async () => {
    const d = await newDemand()
    const first = await uploadOk(d.id, pdf(1, 30 * 1024))
    const second = await uploadOk(d.id, pdf(2, 30 * 1024))
    const res = await upload(d.id, pdf(3, 30 * 1024))
    expect({ status: res.statusCode, code: res.json().code }).toEqual({ status: 413, code: 'DEMAND_FILES_TOO_LARGE' })
    expect(res.json().message).toMatch(CHINESE)
    expect(res.json().message).toContain('64KB')
    expect((await storedIds(d.id)).sort()).toEqual([first.id, second.id].sort())
    // A small one still fits.
    const small = await uploadOk(d.id, pdf(4, 1024))

    await saveDraft(d.id, { demandName: d.answers.demandName, attachments: [second, small] })
    const third = await uploadOk(d.id, pdf(3, 30 * 1024))
    expect((await storedIds(d.id)).sort()).toEqual([second.id, small.id, third.id].sort())
  })
})

describe('one transaction', () => {
  it('stores nothing when its audit record cannot be written', async () => {
    const d = await newDemand()
    await s.db.exec(`
      CREATE FUNCTION refuse_upload_audit() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'audit refused'; END $$;
      CREATE TRIGGER refuse_upload_audit BEFORE INSERT ON audit_log
        FOR EACH ROW WHEN (NEW.action = 'upload_attachment') EXECUTE FUNCTION refuse_upload_audit();`)
    try {
      const res = await upload(d.id, pdf('audited'))
      expect(res.statusCode).toBe(500)
      expect(await storedIds(d.id)).toEqual([])
    } finally {
      await s.db.exec('DROP TRIGGER refuse_upload_audit ON audit_log; DROP FUNCTION refuse_upload_audit();')
    }
    await uploadOk(d.id, pdf('audited'))
  })
})
