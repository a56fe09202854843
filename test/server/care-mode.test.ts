import { startTestServer, type TestServer } from '../support/app'
import { signInH5, signInMiniProgram, type SignedIn } from '../support/sign-in'

let s: TestServer
let zhixin: SignedIn
let clerkToken: string
beforeAll(async () => {
  s = await startTestServer()
  zhixin = await signInH5(s.app, 'ent-zhixin')
  clerkToken = await signInMiniProgram(s.app, 'rec-liangjiang')
})
afterAll(() => s.close())

const putH5 = (payload: unknown) =>
  s.app.inject({
    method: 'PUT',
    url: '/api/profile/care-mode',
    headers: { cookie: zhixin.cookie, 'x-csrf-token': zhixin.csrfToken },
    payload: payload as object
  })
const meH5 = async () => (await s.app.inject({ url: '/api/auth/me', headers: { cookie: zhixin.cookie } })).json()
const meMp = async () => (await s.app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${clerkToken}` } })).json()

describe('关怀模式 remembered per account', () => {
  it('is null until the account chooses, then saved and given back by /api/auth/me', async () => {
    expect((await meH5()).careMode).toBeNull()
    const on = await putH5({ careMode: true })
    expect([on.statusCode, on.json()]).toEqual([200, { careMode: true }])
    expect((await meH5()).careMode).toBe(true)
    const off = await putH5({ careMode: false })
    expect([off.statusCode, off.json()]).toEqual([200, { careMode: false }])
    expect((await meH5()).careMode).toBe(false)
  })

  it('is the signed-in account’s own: another account’s choice does not change it', async () => {
    await putH5({ careMode: true })
    expect((await meMp()).careMode).toBeNull()
    const res = await s.app.inject({
      method: 'PUT',
      url: '/api/profile/care-mode',
      headers: { authorization: `Bearer ${clerkToken}` },
      payload: { careMode: false }
    })
    expect(res.statusCode).toBe(200)
    expect((await meMp()).careMode).toBe(false)
    expect((await meH5()).careMode).toBe(true)
  })

  it('needs a session, and on H5 the CSRF token', async () => {
    const anon = await s.app.inject({ method: 'PUT', url: '/api/profile/care-mode', payload: { careMode: true } })
    expect(anon.statusCode).toBe(401)
    const noCsrf = await s.app.inject({ method: 'PUT', url: '/api/profile/care-mode', headers: { cookie: zhixin.cookie }, payload: { careMode: false } })
    expect(noCsrf.statusCode).toBe(403)
    expect((await meH5()).careMode).toBe(true)
  })

  it.each([[{}], [{ careMode: 'yes' }], [{ careMode: null }]])('refuses %j with a Chinese message, not a 500', async (payload) => {
    const res = await putH5(payload)
    expect(res.statusCode).toBe(400)
    expect(res.json()).toMatchObject({ code: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fa5]/) })
  })
})
