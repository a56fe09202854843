/**
 * The message center and the thread of a demand against the real server: an enterprise
 * submits a demand, the recommending unit (两江新区) opens it and returns it with a reason.
 * The enterprise then sees both messages with the unread badge, opens one (read, and its page
 * opens), reads the thread with the return reason highlighted, answers in it, and marks all
 * read. Only the platform's tab bar and navigation APIs are spied on.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { refreshUnreadBadge } from '../../src/features/messages'
import { MessageCenterScreen } from '../../src/features/messages/message-center-screen'
import { NotificationSettingsScreen } from '../../src/features/messages/settings'
import { ThreadScreen } from '../../src/features/messages/thread'
import { signOut, startTokenSession } from '../../src/services/session'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { api, ENTERPRISE, openAndReturn, RECOMMENDER, submitNewDemand, tokenFor, unreadCount, UNIT_NAME } from './support/journey'

const TITLE = `消息中心测试：车规级MCU芯片${Date.now() % 100000}`
const REASON = '请补充核心技术参数指标的测试条件，并说明与国际同类产品的对比依据。'

let enterprise: string
let recommender: string
let demandId: string

interface Listed {
  messages: Array<{ id: string; title: string; body: string; path: string; read: boolean; demandId: string | null }>
  unread: number
}

const badgeSpy = () => jest.spyOn(Taro, 'setTabBarBadge').mockImplementation(() => Promise.resolve({ errMsg: 'setTabBarBadge:ok' }))
const removeBadgeSpy = () => jest.spyOn(Taro, 'removeTabBarBadge').mockImplementation(() => Promise.resolve({ errMsg: 'removeTabBarBadge:ok' }))
const navigateSpy = () => jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))

const items = (root: Element) => Array.from(root.querySelectorAll<HTMLElement>('[data-message-id]'))
const ofDemand = async () => (await api<Listed>(enterprise, 'GET', '/api/messages?limit=50')).messages.filter((m) => m.demandId === demandId)

beforeAll(async () => {
  ;[enterprise, recommender] = await Promise.all([tokenFor(ENTERPRISE), tokenFor(RECOMMENDER)])
  demandId = await submitNewDemand(enterprise, TITLE)
  await openAndReturn(recommender, demandId, REASON)
  // The app holds the enterprise's session as a mini-program would.
  startTokenSession(enterprise)
})

afterEach(() => jest.restoreAllMocks())

describe('message center', () => {
  it('lists the review and the return with the unread badge on the 消息 tab', async () => {
    const badge = badgeSpy()
    const { container } = render(<MessageCenterScreen />, {})
    await eventually(() => expect(container.textContent).toContain('需求被退回修改'))

    const mine = await ofDemand()
    expect(mine.map((m) => m.title)).toEqual(['需求被退回修改', '推荐单位已开始审核'])
    for (const m of mine) {
      const item = container.querySelector(`[data-message-id="${m.id}"]`)!
      expect(item).not.toBeNull()
      expect(item.getAttribute('data-read')).toBe('false')
      expect(item.getAttribute('aria-label')).toMatch(/^未读，/)
    }
    const returned = container.querySelector(`[data-message-id="${mine[0].id}"]`)!
    expect(returned.textContent).toContain(REASON)
    expect(returned.textContent).toContain(UNIT_NAME)
    expect(returned.querySelector('.message-item__kind')?.textContent).toBe('退回修改')
    // newest first
    const order = items(container).map((el) => el.getAttribute('data-message-id'))
    expect(order.indexOf(mine[0].id)).toBeLessThan(order.indexOf(mine[1].id))

    // The tab's badge and the summary say what the server counts.
    const count = await unreadCount(enterprise)
    expect(count).toBeGreaterThanOrEqual(2)
    expect(badge).toHaveBeenLastCalledWith({ index: 1, text: String(count) })
    expect(container.querySelector('[data-testid="unread-summary"]')?.textContent).toBe(`${count} 条未读`)
  })

  it('refreshes the badge from the unread count (what the tab pages do on show and every minute)', async () => {
    const badge = badgeSpy()
    const n = await refreshUnreadBadge()
    expect(n).toBe(await unreadCount(enterprise))
    expect(badge).toHaveBeenCalledWith({ index: 1, text: String(n) })
  })

  it('opens a message at its path and marks it read on the server', async () => {
    badgeSpy()
    const navigate = navigateSpy()
    const { container } = render(<MessageCenterScreen />, {})
    await eventually(() => expect(container.textContent).toContain('推荐单位已开始审核'))
    const [, reviewing] = await ofDemand()
    const before = await unreadCount(enterprise)

    tap(container.querySelector(`[data-message-id="${reviewing.id}"]`)!)
    await eventually(() => expect(navigate).toHaveBeenCalledWith({ url: `/packages/demand/pages/status/index?id=${demandId}` }))
    await eventually(() => expect(container.querySelector(`[data-message-id="${reviewing.id}"]`)?.getAttribute('data-read')).toBe('true'))
    await eventually(async () => expect((await ofDemand()).find((m) => m.id === reviewing.id)?.read).toBe(true))
    expect(await unreadCount(enterprise)).toBe(before - 1)
  })
})

describe('thread', () => {
  it('shows the return reason highlighted as 退回原因, takes a reply, and reads the thread on open', async () => {
    badgeSpy()
    const { container } = render(<ThreadScreen id={demandId} />, {})
    await eventually(() => expect(container.textContent).toContain(REASON))

    const reason = container.querySelector('[data-kind="return_reason"]')!
    expect(reason.getAttribute('data-mine')).toBe('false')
    expect(reason.querySelector('.bubble__label')?.textContent).toBe('退回原因')
    expect(reason.querySelector('.bubble--return_reason')).not.toBeNull()
    expect(reason.textContent).toContain(`${UNIT_NAME} · 王丽`)
    expect(container.textContent).toContain(`与${UNIT_NAME}的留言`)

    // Opening the thread read it: the return message in the message center is read too.
    await eventually(async () => expect((await ofDemand()).every((m) => m.read)).toBe(true))

    // A reply with markup: it is text, never HTML.
    const reply = '已补充测试条件：<b>结温150℃</b>，详见修改后的第3项指标。'
    const box = await eventually(() => {
      const el = container.querySelector('.thread__input textarea') as HTMLTextAreaElement | null
      if (!el) throw new Error('no text box yet')
      return el
    })
    box.value = reply
    box.dispatchEvent(new Event('input', { bubbles: true }))
    const send = container.querySelector('.thread__send')!
    await eventually(() => expect(send.hasAttribute('disabled') || send.classList.contains('nut-button-disabled')).toBe(false))
    tap(send)

    const mine = await eventually(() => {
      const el = container.querySelector('[data-mine="true"]')
      if (!el) throw new Error('not sent yet')
      return el
    })
    expect(mine.querySelector('.bubble__text')?.textContent).toBe(reply)
    expect(mine.querySelector('b')).toBeNull()
    expect(mine.textContent).toContain('对方未读')
    // an empty box again (a fresh one: an auto-height box does not shrink when emptied)
    await eventually(() => expect((container.querySelector('.thread__input textarea') as HTMLTextAreaElement).value).toBe(''))

    // The recommending unit sees it in the same thread, and a message in its message center.
    const theirs = await api<{ messages: Array<{ body: string; mine: boolean; kind: string }> }>(recommender, 'GET', `/api/demands/${demandId}/thread`)
    expect(theirs.messages.map((m) => [m.kind, m.mine, m.body])).toEqual([
      ['return_reason', true, REASON],
      ['message', false, reply]
    ])
    const center = await api<Listed>(recommender, 'GET', '/api/messages?limit=50')
    expect(center.messages.some((m) => m.demandId === demandId && m.path === `/packages/demand/pages/thread/index?id=${demandId}`)).toBe(true)
  })

  it('wraps a long message as text in its bubble', async () => {
    const long = '长'.repeat(400) + 'https://example.com/' + 'a'.repeat(200)
    await api(recommender, 'POST', `/api/demands/${demandId}/thread`, { body: long })
    const { container } = render(<ThreadScreen id={demandId} />, {})
    await eventually(() => expect(container.textContent).toContain('a'.repeat(200)))
    const last = Array.from(container.querySelectorAll('[data-mine="false"] .bubble__text')).pop()!
    expect(last.textContent).toBe(long)
    // the open thread marks itself read on the server: let that land before the next test posts
    // something new to read (a late mark would read it too)
    await eventually(async () => {
      const mine = await api<{ messages: Array<{ unread: boolean }> }>(enterprise, 'GET', `/api/demands/${demandId}/thread`)
      expect(mine.messages.some((m) => m.unread)).toBe(false)
    })
  })
})

describe('marking and settings', () => {
  it('全部已读 reads everything and clears the badge', async () => {
    // Something unread: a question from the unit, not yet opened.
    await api(recommender, 'POST', `/api/demands/${demandId}/thread`, { body: '请问预计何时能补充完毕？' })
    badgeSpy()
    const remove = removeBadgeSpy()
    const { container } = render(<MessageCenterScreen />, {})
    await eventually(() => expect(items(container).length).toBeGreaterThan(0))
    await eventually(() => expect(container.querySelector('[data-message-id][data-read="false"]')).not.toBeNull())

    const button = container.querySelector('.message-center__read-all')!
    tap(button)
    await eventually(() => expect(container.querySelector('[data-message-id][data-read="false"]')).toBeNull())
    expect(remove).toHaveBeenCalledWith({ index: 1 })
    expect(container.querySelector('[data-testid="unread-summary"]')?.textContent).toBe('没有未读消息')
    expect(await unreadCount(enterprise)).toBe(0)
  })

  it('shows the reminders with clear labels and saves a change', async () => {
    const { container } = render(<NotificationSettingsScreen />, {})
    await eventually(() => expect(container.textContent).toContain('截止前7天提醒'))
    const labels = Array.from(container.querySelectorAll('[data-group="reminder"] .settings-row__label')).map((e) => e.textContent)
    expect(labels).toEqual(['截止前7天提醒', '截止前3天提醒', '截止前1天提醒', '截止前2小时提醒'])
    expect(container.textContent).toContain('需求状态变化时推送到手机')

    const row = container.querySelector('[data-key$=":7d"]')!
    const key = row.getAttribute('data-key')!
    // Taro's switch renders its checkbox a moment after the row
    const input = await eventually(() => {
      const el = row.querySelector('input') as HTMLInputElement | null
      if (!el) throw new Error('no checkbox yet')
      return el
    })
    expect(input.checked).toBe(true)
    tap(input)
    await eventually(async () => {
      const { settings } = await api<{ settings: Array<{ key: string; enabled: boolean }> }>(enterprise, 'GET', '/api/notification-settings')
      expect(settings.find((s) => s.key === key)?.enabled).toBe(false)
    })
    // put it back for the other tests
    await api(enterprise, 'PUT', '/api/notification-settings', { settings: { [key]: true } })
  })

  it('asks to sign in when signed out', async () => {
    await signOut()
    const { container } = render(<MessageCenterScreen />, {})
    await eventually(() => expect(container.textContent).toContain('请先登录'))
    expect(container.textContent).toContain('登录后可查看截止提醒')
  })
})
