/**
 * A visitor (no session) on a tab page: the unread badge does not ask the server, which could
 * only answer 401 (a console error on H5). A session is known without asking: a stored bearer
 * token (mini-programs) or H5's csrf_token cookie, which a sign-in sets beside its session.
 */
import Taro from '@tarojs/taro'
import { refreshUnreadBadge } from '../../src/features/messages'
import { clearToken } from '../../src/services/token'

const unreadCalls = (spy: jest.SpyInstance) =>
  spy.mock.calls.filter(([opts]) => String((opts as { url?: string }).url).includes('/api/messages/unread-count'))

beforeEach(() => {
  clearToken()
  document.cookie = 'csrf_token=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/'
})
afterEach(() => jest.restoreAllMocks())

it('a visitor causes no unread-count request, and the badge is removed', async () => {
  const request = jest.spyOn(Taro, 'request')
  const remove = jest.spyOn(Taro, 'removeTabBarBadge').mockImplementation(() => Promise.resolve({ errMsg: 'removeTabBarBadge:ok' }))
  expect(await refreshUnreadBadge()).toBeNull()
  expect(unreadCalls(request)).toHaveLength(0)
  expect(remove).toHaveBeenCalledWith({ index: 1 })
})

it('with the H5 session cookie present, the badge asks the server (which here knows no such session: signed out)', async () => {
  document.cookie = 'csrf_token=abc; path=/'
  const request = jest.spyOn(Taro, 'request')
  jest.spyOn(Taro, 'removeTabBarBadge').mockImplementation(() => Promise.resolve({ errMsg: 'removeTabBarBadge:ok' }))
  expect(await refreshUnreadBadge()).toBeNull()
  expect(unreadCalls(request)).toHaveLength(1)
})
