/**
 * The touches people expect on a phone, against the real server: one state view for every
 * screen's loading / signed-out / not-found / error; tap to call (a tel: link on H5,
 * makePhoneCall on the mini-programs) wherever a number is shown; a campaign shared to a chat
 * opens straight on the campaign; pull to refresh reloads a list; the status stepper says
 * 已提交 once; read-only fields grey out 未填写. Only platform APIs (navigation, makePhoneCall,
 * stopPullDownRefresh) are spied on, and the page lifecycle is called as the platform would.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import DemandListPage from '../../src/packages/demand/pages/list/index'
import { PhoneLink } from '../../src/components/phone-link'
import { PhoneText } from '../../src/components/phone-link/phone-text'
import { AsyncView } from '../../src/components/state-view'
import type { AsyncResult } from '../../src/components/use-async'
import { CampaignDetailScreen } from '../../src/features/campaigns'
import { ThreadScreen } from '../../src/features/messages/thread'
import { StatusScreen } from '../../src/features/status'
import { Field, type FieldContext } from '../../src/features/wizard/fields'
import { ApiError } from '../../src/services/http'
import { startTokenSession } from '../../src/services/session'
import { clearToken } from '../../src/services/token'
import type { FieldDefinition } from '../../types/campaign'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { api, CAMPAIGN, ENTERPRISE, openAndReturn, RECOMMENDER, submitNewDemand, tokenFor } from './support/journey'
import { hostPage } from './support/page'

let enterprise: string
let recommender: string

beforeAll(async () => {
  ;[enterprise, recommender] = await Promise.all([tokenFor(ENTERPRISE), tokenFor(RECOMMENDER)])
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
})
beforeEach(() => startTokenSession(enterprise))
afterEach(() => jest.restoreAllMocks())

const navigation = () => jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }))
/** The element once it is there (eventually retries while this throws). */
const found = (root: Element, selector: string): Element => {
  const el = root.querySelector(selector)
  if (!el) throw new Error(`no ${selector} yet`)
  return el
}
const titleOf = (root: Element) => root.querySelector('.state-view__title')?.textContent
const actionOf = (root: Element) => root.querySelector('.state-view__action')

describe('one state view for every screen', () => {
  it('signed out: 请先登录 with what signing in gives, and 去登录 opens the sign-in page', async () => {
    clearToken()
    const navigate = navigation()
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([])
    const { container } = render(<StatusScreen id='00000000-0000-4000-8000-000000000000' />, {})
    await eventually(() => expect(titleOf(container)).toBe('请先登录'))
    expect(container.querySelector('.state-view__description')?.textContent).toBe('登录后可查看需求的办理进度')
    expect(actionOf(container)?.textContent).toBe('去登录')
    tap(actionOf(container)!)
    await eventually(() => expect(navigate).toHaveBeenCalledWith({ url: expect.stringMatching(/^\/pages\/login\/index\?returnTo=/) }))
  })

  it('not found: the screen’s title, the server’s reason and a way on; a link without an id the same', async () => {
    const navigate = navigation()
    const missing = render(<StatusScreen id='00000000-0000-4000-8000-000000000000' />, {})
    await eventually(() => expect(titleOf(missing.container)).toBe('未找到该需求'))
    expect(missing.container.querySelector('.state-view__description')?.textContent).toBe('需求不存在或无权查看')
    tap(actionOf(missing.container)!)
    await eventually(() => expect(navigate).toHaveBeenCalledWith({ url: '/packages/demand/pages/list/index' }))
    missing.unmount()

    for (const screen of [<StatusScreen key='s' />, <ThreadScreen key='t' />]) {
      const { container, unmount } = render(screen, {})
      await eventually(() => expect(titleOf(container)).toBe('未找到该需求'))
      expect(container.querySelector('.state-view__description')?.textContent).toBe('链接中缺少需求编号')
      unmount()
    }
  })

  it('any other failure: the screen’s title, the message, and 重试 that loads again; the data once it comes', async () => {
    let attempts = 0
    function Probe() {
      const state: AsyncResult<string> = {
        ...(attempts === 0 ? { status: 'error' as const, error: new ApiError(503, { code: 'HTTP_503', message: '服务暂时不可用，请稍后重试' }) } : { status: 'success' as const, data: '列表' }),
        reload: () => {
          attempts++
          view.rerender(<Probe />)
        },
        refresh: () => undefined,
        setData: () => undefined
      }
      return (
        <AsyncView state={state} states={{ errorTitle: '消息加载失败', notFound: { title: '不该出现' } }}>
          {(data) => <>{data}</>}
        </AsyncView>
      )
    }
    const view = render(<Probe />, {})
    expect(titleOf(view.container)).toBe('消息加载失败')
    expect(view.container.querySelector('.state-view--error')?.getAttribute('role')).toBe('alert')
    expect(view.container.textContent).toContain('服务暂时不可用，请稍后重试')
    tap(actionOf(view.container)!)
    await eventually(() => expect(view.container.textContent).toBe('列表'))
  })
})

describe('tap to call', () => {
  it('is a tel: link on H5 and makePhoneCall on the mini-programs', () => {
    const h5 = render(<PhoneLink phone='0991-383 6149' label='拨打科技处电话' />, {})
    const link = h5.container.querySelector('a.phone-link')!
    expect(link.getAttribute('href')).toBe('tel:0991-3836149')
    expect(link.getAttribute('aria-label')).toBe('拨打科技处电话')
    expect(link.textContent).toBe('0991-383 6149')
    h5.unmount()

    const call = jest.spyOn(Taro, 'makePhoneCall').mockResolvedValue({ errMsg: 'makePhoneCall:ok' })
    const platform = process.env.TARO_ENV
    process.env.TARO_ENV = 'weapp'
    try {
      const weapp = render(<PhoneLink phone='13912345678' />, {})
      expect(weapp.container.querySelector('a')).toBeNull()
      tap(weapp.container.querySelector('.phone-link')!)
      expect(call).toHaveBeenCalledWith({ phoneNumber: '13912345678' })
    } finally {
      process.env.TARO_ENV = platform
    }
  })

  it('finds the numbers in a text as the phone format accepts them, and nothing else', () => {
    const { container } = render(<PhoneText text='请于2026年12月18日前联系023-67513582或13912345678，金额1000000元，编号0991-38。' />, {})
    expect([...container.querySelectorAll('a.phone-link')].map((a) => a.getAttribute('href'))).toEqual(['tel:023-67513582', 'tel:13912345678'])
    expect(container.textContent).toBe('请于2026年12月18日前联系023-67513582或13912345678，金额1000000元，编号0991-38。')
  })

  it('on the status page and in the thread: the number in a return reason can be called', async () => {
    const id = await submitNewDemand(enterprise, `电话测试${Date.now() % 100000}`)
    await openAndReturn(recommender, id, '请补充测算依据，如有疑问请致电 023-67513582。')

    const status = render(<StatusScreen id={id} />, {})
    const reason = await eventually(() => found(status.container, '.timeline-entry__reason-text'))
    expect(reason.querySelector('a.phone-link')?.getAttribute('href')).toBe('tel:023-67513582')
    status.unmount()

    const thread = render(<ThreadScreen id={id} />, {})
    const bubble = await eventually(() => found(thread.container, '[data-kind="return_reason"] .bubble__text'))
    expect(bubble.querySelector('a.phone-link')?.getAttribute('href')).toBe('tel:023-67513582')
    thread.unmount()
  })
})

describe('sharing a campaign', () => {
  it('sends a card that opens straight on the campaign, to a chat and to the WeChat timeline', async () => {
    const page = hostPage(<CampaignDetailScreen id={CAMPAIGN} />)
    const title = await eventually(() => found(page.container, '.campaign-detail__title').textContent!)
    expect(page.lifecycle('onShareAppMessage', { from: 'menu' })).toEqual([{ title, path: `/pages/campaign/index?id=${CAMPAIGN}` }])
    expect(page.lifecycle('onShareTimeline')).toEqual([{ title, query: `id=${CAMPAIGN}` }])
    page.unmount()
  })
})

describe('pull to refresh', () => {
  it('reloads 我的需求 and folds the spinner once the list has come', async () => {
    const stop = jest.spyOn(Taro, 'stopPullDownRefresh').mockImplementation(() => Promise.resolve({ errMsg: 'stopPullDownRefresh:ok' }))
    const page = hostPage(<DemandListPage />)
    await eventually(() => expect(page.container.querySelector('.demand-item')).not.toBeNull())
    stop.mockClear()
    // another phone of the same unit starts a demand meanwhile
    const { id } = await api<{ id: string }>(enterprise, 'POST', `/api/campaigns/${CAMPAIGN}/demands`, {})
    expect(page.container.querySelector(`[data-demand-id="${id}"]`)).toBeNull()

    page.lifecycle('onPullDownRefresh')
    await eventually(() => expect(page.container.querySelector(`[data-demand-id="${id}"]`)).not.toBeNull())
    await eventually(() => expect(stop).toHaveBeenCalledTimes(1))
    page.unmount()
  })
})

describe('the status stepper', () => {
  it('says 已提交 once under step 1 of a submitted demand', async () => {
    const id = await submitNewDemand(enterprise, `步骤测试${Date.now() % 100000}`)
    const { container } = render(<StatusScreen id={id} />, {})
    const first = await eventually(() => found(container, '.status-step'))
    expect(first.className).toContain('status-step--current')
    expect(first.textContent?.match(/已提交/g)).toHaveLength(1)
    expect(first.getAttribute('aria-label')).toBe('已提交，当前步骤')
  })
})

describe('read-only fields', () => {
  const def = CAMPAIGN_DEFINITIONS.find((d) => d.id === 'cq-2026-key-areas')!
  const ctx: FieldContext = { def, demandId: '', readOnly: true, notify: () => undefined }
  const fields: FieldDefinition[] = [
    { id: 'modes', kind: 'multi', label: '攻关组织方式', options: [{ value: 'a', label: '揭榜挂帅' }] },
    { id: 'source', kind: 'single', label: '资金来源', options: [{ value: 'own', label: '自筹' }] },
    { id: 'secret', kind: 'gate', label: '是否涉密', stopWhen: true, stopMessage: '涉密需求不在线征集' },
    { id: 'name', kind: 'text', label: '需求名称', maxLength: 50 },
    { id: 'day', kind: 'date', label: '完成时间' }
  ]

  it('grey out 未填写 of every kind, multi-choice included, and not an answer', () => {
    const noop = () => undefined
    const shown = (field: FieldDefinition, value: unknown) =>
      render(<Field field={field} value={value} issues={[]} allIssues={[]} attempted={false} onChange={noop} onBlur={noop} ctx={ctx} />, {}).container.querySelector('.wz-readonly')!
    for (const field of fields) {
      const empty = shown(field, field.kind === 'multi' ? [] : undefined)
      expect({ field: field.id, text: empty.textContent, greyed: empty.classList.contains('ui-muted') }).toEqual({ field: field.id, text: '未填写', greyed: true })
    }
    const answered = shown(fields[0], ['a'])
    expect([answered.textContent, answered.classList.contains('ui-muted')]).toEqual(['揭榜挂帅', false])
  })
})
