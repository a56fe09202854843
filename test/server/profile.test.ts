import { startTestServer, type TestServer } from '../support/app'
import { signInH5, type SignedIn } from '../support/sign-in'

let s: TestServer
let who: SignedIn
beforeAll(async () => {
  s = await startTestServer()
  who = await signInH5(s.app, 'ent-zhixin')
})
afterAll(() => s.close())

const good = {
  enterpriseName: '重庆智芯微电子有限公司',
  creditCode: '91500108576231840F',
  contactName: '张明',
  mobile: '13800138000',
  unitType: 'enterprise'
}

const put = (payload: unknown, headers: Record<string, string> = {}) =>
  s.app.inject({
    method: 'PUT',
    url: '/api/profile',
    headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, ...headers },
    payload: payload as object
  })
const get = () => s.app.inject({ url: '/api/profile', headers: { cookie: who.cookie } })

describe('profile', () => {
  it('needs a session', async () => {
    expect((await s.app.inject({ url: '/api/profile' })).statusCode).toBe(401)
  })

  it('saves the contact fields, normalised, and gives back the identity’s name and code', async () => {
    const res = await put({ contactName: ' 张明 ', mobile: '138-0013-8000', unitType: 'enterprise' })
    expect(res.statusCode).toBe(200)
    expect(res.json()).toEqual(good)
    expect((await get()).json()).toEqual(good)
    const me = await s.app.inject({ url: '/api/auth/me', headers: { cookie: who.cookie } })
    expect(me.json().profileIncomplete).toBe(false)
  })

  it('accepts the identity’s name and code repeated unchanged (case and spaces aside)', async () => {
    const res = await put({ ...good, creditCode: ' 91500108576231840f ' })
    expect([res.statusCode, res.json()]).toEqual([200, good])
  })

  it.each([
    ['the enterprise name', { enterpriseName: '别家公司' }, ['enterpriseName']],
    ['the credit code, even to another valid one', { creditCode: '91500000MA5U7G3K1E' }, ['creditCode']],
    ['both', { enterpriseName: '别家公司', creditCode: '' }, ['enterpriseName', 'creditCode']]
  ])('refuses a change to %s: the government sign-in supplies them', async (_what, change, fields) => {
    await put(good)
    const res = await put({ ...good, ...change, mobile: '13900139000' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'IDENTITY_FIELD_READONLY', message: expect.stringContaining('政务服务') })
    expect(res.json().fields.map((f: { field: string }) => f.field)).toEqual(fields)
    expect((await get()).json()).toEqual(good)
  })

  it('refuses a bad mobile with a Chinese message naming the field, and keeps what was saved', async () => {
    await put(good)
    const res = await put({ ...good, mobile: '12345' })
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'mobile', code: 'INVALID_MOBILE', message: '手机号应为以1开头的11位数字' }]
    })
    expect((await get()).json()).toEqual(good)
  })

  it('refuses an unknown unit type', async () => {
    const res = await put({ ...good, unitType: 'spaceship' })
    expect(res.statusCode).toBe(400)
    expect(res.json().fields[0]).toMatchObject({ field: 'unitType', code: 'INVALID_CHOICE' })
  })

  it.each([
    ['a missing field', { ...good, mobile: undefined }, 'mobile'],
    ['a number where text belongs', { ...good, mobile: 13800138000 }, 'mobile'],
    ['an absurdly long name', { ...good, enterpriseName: '企'.repeat(5000) }, 'enterpriseName']
  ])('answers 400 BAD_REQUEST for %s', async (_what, payload, field) => {
    const res = await put(payload)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: 'BAD_REQUEST', field })
    expect((await get()).json()).toEqual(good)
  })

  it('answers 400 INVALID_JSON for a broken body and 413 for a huge one', async () => {
    const broken = await s.app.inject({
      method: 'PUT',
      url: '/api/profile',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'application/json' },
      payload: '{"enterpriseName": '
    })
    expect(broken.statusCode).toBe(400)
    expect(broken.json().code).toBe('INVALID_JSON')
    const huge = await s.app.inject({
      method: 'PUT',
      url: '/api/profile',
      headers: { cookie: who.cookie, 'x-csrf-token': who.csrfToken, 'content-type': 'application/json' },
      payload: JSON.stringify({ ...good, enterpriseName: 'x'.repeat(2_000_000) })
    })
    expect(huge.statusCode).toBe(413)
    expect(huge.json().code).toBe('BODY_TOO_LARGE')
    expect((await get()).json()).toEqual(good)
  })

  it('shows one user’s profile only to that user', async () => {
    const other = await signInH5(s.app, 'ent-shancheng')
    const theirs = await s.app.inject({ url: '/api/profile', headers: { cookie: other.cookie } })
    expect(theirs.json().enterpriseName).toBe('重庆山城生物医药股份有限公司')
  })
})

describe('my demands', () => {
  it('lists nothing for a new enterprise and needs a session', async () => {
    expect((await s.app.inject({ url: '/api/demands' })).statusCode).toBe(401)
    const res = await s.app.inject({ url: '/api/demands', headers: { cookie: who.cookie } })
    expect(res.json()).toEqual({ demands: [] })
  })
})
