/**
 * The recommending unit (两江新区, rec-liangjiang) at work against a real server, its data
 * made through the real API: enterprises sign in, complete their profiles, create, save and
 * submit Chongqing demo demands choosing 两江新区. Then, in the app:
 * - 推荐工作台: the campaigns with received / reviewed / recommended of the quota / days left;
 * - the inbox: every demand that chose the unit (and none that did not), paging with 加载更多,
 *   filters by status and field, search by name and enterprise; a phone opens a demand on its
 *   own page, a desktop browser beside the list;
 * - a demand: the submitted version readably, similar demands with their similarity, 退回修改
 *   with a required reason, 推荐 (rank and quota meter), 不推荐 with a reason, and a refusal
 *   from the server shown as it is when a colleague acted first.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import type { CampaignDetail } from '../../types/domain'
import { displayAnswer } from '../../types/display'
import type { DemandStatusView, Ranking, ReviewCampaign, ReviewDemand } from '../../types/recommend'
import { InboxScreen, DemandScreen, WorkbenchScreen } from '../../src/features/recommend'
import { signInOverHttp, resubmitDemand, type ApiSession } from '../support/http-session'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import {
  answerDialogs,
  CLOSED,
  DEMO,
  enterprises,
  farmAnswers,
  mcuAnswers,
  robotAnswers,
  setWidth,
  signInApp,
  startOwnServer,
  submitDemand,
  typeText,
  type Enterprises,
  type OwnServer
} from './support/recommend'

let server: OwnServer
let ent: Enterprises
let colleague: ApiSession // another session of the same unit (rec-liangjiang), acting at the same time
let campaign: CampaignDetail
const ids: Record<'mcu' | 'farm' | 'mcuPlatform' | 'robot' | 'farm2' | 'otherUnit', string> = {} as never

beforeAll(async () => {
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
  server = await startOwnServer()
  ent = await enterprises(server.url)
  // Submitted one after another, so the inbox (newest first) has a known order.
  ids.mcu = await submitDemand(ent.zhixin, DEMO, mcuAnswers())
  ids.farm = await submitDemand(ent.shancheng, DEMO, farmAnswers())
  ids.mcuPlatform = await submitDemand(ent.shancheng, DEMO, mcuAnswers('liangjiang', '车规级MCU芯片功能安全验证与测试平台建设'))
  ids.robot = await submitDemand(ent.zhixin, DEMO, robotAnswers())
  ids.farm2 = await submitDemand(ent.zhixin, DEMO, farmAnswers('liangjiang', '山地果园智能植保无人机研发与示范'))
  ids.otherUnit = await submitDemand(ent.shancheng, DEMO, mcuAnswers('city-jxw', '工业互联网标识解析二级节点建设'))
  colleague = await signInOverHttp(server.url, 'rec-liangjiang')
  campaign = await colleague.call<CampaignDetail>('GET', `/api/campaigns/${DEMO}`)
  await signInApp(server.url, 'rec-liangjiang')
}, 180_000)

afterAll(async () => {
  await server?.close()
})

afterEach(() => {
  jest.restoreAllMocks()
  setWidth(1024)
})

const rows = (root: Element) => [...root.querySelectorAll('[data-testid="inbox-row"]')]
const rowIds = (root: Element) => rows(root).map((r) => r.getAttribute('data-demand-id'))
const rowOf = (root: Element, id: string) => root.querySelector(`[data-testid="inbox-row"][data-demand-id="${id}"]`)
const text = (root: Element | null | undefined, selector: string) => root?.querySelector(selector)?.textContent ?? ''
const chip = (root: Element, group: string, label: string) => {
  const el = [...root.querySelectorAll(`[data-testid="${group}"] [role="radio"]`)].find((c) => c.textContent === label)
  if (!el) throw new Error(`no chip ${label} in ${group}`)
  return el
}
const button = (root: Element, label: string) => {
  const el = [...root.querySelectorAll('button, .nut-button')].find((b) => b.textContent?.trim() === label)
  if (!el) throw new Error(`no button ${label}`)
  return el
}

describe('推荐工作台', () => {
  it('shows the campaigns where the unit recommends, with counts, the quota and the days left', async () => {
    const { container } = render(<WorkbenchScreen />, {})
    const card = await eventually(() => {
      const c = container.querySelector(`[data-testid="review-campaign"][data-campaign-id="${DEMO}"]`)
      expect(c).not.toBeNull()
      return c!
    })
    const { campaigns } = await colleague.call<{ campaigns: ReviewCampaign[] }>('GET', '/api/recommend/campaigns')
    const demo = campaigns.find((c) => c.campaign.id === DEMO)!
    expect(demo.counts.received).toBe(5)
    expect(text(card, '[data-testid="count-received"] .rc-count__value')).toBe('5')
    expect(text(card, '[data-testid="count-pending"] .rc-count__value')).toBe('5')
    expect(text(card, '[data-testid="count-reviewed"] .rc-count__value')).toBe('0')
    expect(text(card, '[data-testid="quota-text"]')).toBe('已推荐 0 / 名额 30')
    expect(text(card, '[data-testid="days-left"]')).toBe(`剩 ${demo.daysLeft} 天`)
    expect(text(container, '[data-testid="workbench-unit"]')).toBe('两江新区科技主管部门 · 王丽')
    // The real 2025 notice is over: listed after the open one, and said so.
    const closed = container.querySelector(`[data-testid="review-campaign"][data-campaign-id="${CLOSED}"]`)
    expect(text(closed, '[data-testid="days-left"]')).toBe('推荐已截止')
    expect(text(closed, '[data-testid="quota-meter"]')).toContain('推荐已截止')
  })
})

describe('the inbox', () => {
  it('lists every demand that chose the unit, newest first, and pages with 加载更多', async () => {
    const { container } = render(<InboxScreen campaignId={DEMO} pageSize={2} />, {})
    await eventually(() => expect(rowIds(container)).toEqual([ids.farm2, ids.robot]))
    expect(text(container, '[data-testid="inbox-total"]')).toContain('共 5 项')
    const first = rowOf(container, ids.farm2)!
    expect(text(first, '.rc-row__enterprise')).toBe('重庆智芯微电子有限公司')
    expect(text(first, '.rc-row__title')).toBe('山地果园智能植保无人机研发与示范')
    expect(text(first, '.rc-row__domain')).toBe('农业前沿技术 / 智能农机')
    expect(text(first, '[data-testid="status"]')).toBe('已提交')
    expect(text(first, '.rc-row__time')).toMatch(/^(昨天 )?\d\d:\d\d提交$/)
    expect(text(container, '[data-testid="quota-meter"]')).toContain('已推荐 0 / 名额 30')

    tap(container.querySelector('[data-testid="load-more"]')!)
    await eventually(() => expect(rowIds(container)).toEqual([ids.farm2, ids.robot, ids.mcuPlatform, ids.farm]))
    tap(container.querySelector('[data-testid="load-more"]')!)
    await eventually(() => expect(rowIds(container)).toEqual([ids.farm2, ids.robot, ids.mcuPlatform, ids.farm, ids.mcu]))
    expect(container.querySelector('[data-testid="load-more"]')).toBeNull()
    expect(container.textContent).toContain('已显示全部 5 项')
    expect(rowIds(container)).not.toContain(ids.otherUnit) // chose 市经济信息委
  })

  it('filters by field and status, and searches names and enterprises', async () => {
    const { container } = render(<InboxScreen campaignId={DEMO} />, {})
    await eventually(() => expect(rows(container)).toHaveLength(5))

    tap(chip(container, 'domain-filter', '农业前沿技术'))
    await eventually(() => expect(rowIds(container)).toEqual([ids.farm2, ids.farm]))
    tap(chip(container, 'domain-filter', '全部领域'))
    await eventually(() => expect(rows(container)).toHaveLength(5))

    tap(chip(container, 'status-filter', '已推荐'))
    await eventually(() => expect(container.textContent).toContain('没有符合条件的需求'))
    tap(chip(container, 'status-filter', '待审核'))
    await eventually(() => expect(rows(container)).toHaveLength(5))
    tap(chip(container, 'status-filter', '全部'))

    await typeText(container, '.rc-search__input', 'mcu') // any case, searched once typing pauses
    await eventually(() => expect(rowIds(container).sort()).toEqual([ids.mcu, ids.mcuPlatform].sort()))
    await typeText(container, '.rc-search__input', '山城生物')
    tap(button(container, '搜索'))
    await eventually(() => expect(rowIds(container).sort()).toEqual([ids.farm, ids.mcuPlatform].sort()))
    expect(text(container, '[data-testid="inbox-total"]')).toContain('搜索“山城生物”')
    tap(container.querySelector('[aria-label="清除搜索"]')!)
    await eventually(() => expect(rows(container)).toHaveLength(5))
  })

  it('on a phone opens a demand on its own page', async () => {
    setWidth(375)
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation((() => Promise.resolve({ errMsg: 'navigateTo:ok' })) as never)
    const { container } = render(<InboxScreen campaignId={DEMO} />, {})
    await eventually(() => expect(rowOf(container, ids.robot)).not.toBeNull())
    tap(rowOf(container, ids.robot)!)
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: `/packages/recommend/pages/demand/index?id=${ids.robot}` }))
    expect(container.querySelector('[data-testid="demand-review"]')).toBeNull()
  })

  it('in a desktop browser opens it beside the list, which then shows it 审核中', async () => {
    setWidth(1280)
    const { container } = render(<InboxScreen campaignId={DEMO} />, {})
    await eventually(() => expect(rowOf(container, ids.robot)).not.toBeNull())
    expect(container.textContent).toContain('选择左侧的一项需求')
    tap(rowOf(container, ids.robot)!)
    const pane = await eventually(() => {
      const p = container.querySelector(`[data-testid="demand-review"][data-demand-id="${ids.robot}"]`)
      expect(text(p, '[data-testid="demand-title"]')).toBe('高精度工业机器人精密减速器研发及产业化')
      return p!
    })
    expect(rowOf(container, ids.robot)!.getAttribute('aria-current')).toBe('true')
    // Opening it started the review on the server; the row says so without a reload.
    await eventually(() => expect(text(rowOf(container, ids.robot), '[data-testid="status"]')).toBe('推荐单位审核中'))
    expect(text(pane, '[data-testid="status"]')).toBe('推荐单位审核中')
  })
})

describe('a demand', () => {
  const renderDemand = async (id: string) => {
    const view = render(<DemandScreen id={id} />, {})
    await eventually(() => expect(view.container.querySelector('[data-testid="decision"], [data-testid="closed-banner"]')).not.toBeNull())
    return view
  }

  it('shows the submitted version readably, with the campaign’s labels', async () => {
    const { container } = await renderDemand(ids.mcu)
    const answers = mcuAnswers()
    const def = campaign.definition
    expect(text(container, '[data-testid="demand-title"]')).toBe(answers.demandName)
    expect(text(container, '.rc-review__meta')).toContain('重庆智芯微电子有限公司')
    expect(container.textContent).toContain('第1版 · 提交于')
    const field = (id: string) => container.querySelector(`[data-field="${id}"]`)
    const fieldDef = (id: string) => def.steps.flatMap((s) => s.fields).find((f) => f.id === id)!
    expect(text(field('domain'), '.rc-field__value')).toBe('高端器件与芯片 / 车规级芯片')
    expect(text(field('currentMaturity'), '.rc-field__value')).toBe(displayAnswer(def, fieldDef('currentMaturity'), 4))
    expect(text(field('organizationModes'), '.rc-field__value')).toBe(displayAnswer(def, fieldDef('organizationModes'), answers.organizationModes))
    expect(text(field('openCompetition'), '.rc-field__value')).toBe('是')
    expect(text(field('openCompetitionInvestment'), '.rc-field__value')).toBe('1200 万元')
    expect(text(field('recommender'), '.rc-field__value')).toBe('两江新区科技主管部门')
    expect(text(field('researchContent'), '.rc-field__value')).toBe(answers.researchContent)
    const indicators = [...field('indicators')!.querySelectorAll('.rc-indicator')].map((r) => r.textContent)
    expect(indicators[0]).toBe('CPU主频现状 160 → 目标 300 MHz')
    expect(indicators).toHaveLength(5)
    expect(text(container, '[data-testid="section-profile"]')).toContain('91500108576231840F')
    expect(text(container, '[data-testid="section-profile"]')).toContain('13800138000')
  })

  it('lists similar demands of the same unit with their similarity', async () => {
    const { container } = await renderDemand(ids.mcu)
    const similar = await eventually(() => {
      const items = [...container.querySelectorAll('[data-testid="similar-item"]')]
      expect(items.length).toBeGreaterThan(0)
      return items
    })
    const platform = similar.find((s) => s.textContent?.includes('车规级MCU芯片功能安全验证与测试平台建设'))
    expect(platform?.textContent).toMatch(/^\d+%相似度/)
    expect(container.querySelector('[data-testid="similar"]')!.textContent).not.toContain('工业互联网标识解析') // another unit's
  })

  it('returns it for revision only with a reason, after confirming; the enterprise sees the reason', async () => {
    const { container } = await renderDemand(ids.mcu)
    expect(text(container, '[data-testid="next-message"]')).toMatch(/^可退回修改（至.+）、推荐或不予推荐（至.+）$/)
    const dialogs = answerDialogs(true)
    tap(button(container, '退回修改'))
    await eventually(() => expect(container.querySelector('[data-testid="form-return"]')).not.toBeNull())
    tap(container.querySelector('[data-testid="form-submit"]')!)
    await eventually(() => expect(text(container, '[data-testid="reason-error"]')).toBe('请填写退回原因'))
    expect(dialogs).not.toHaveBeenCalled()

    const reason = '请补充功能安全认证计划和整车厂量产验证安排'
    await typeText(container, '[data-testid="form-return"] .rc-reason__input', reason)
    tap(container.querySelector('[data-testid="form-submit"]')!)
    await eventually(() => expect(text(container, '[data-testid="status"]')).toBe('已退回修改'))
    expect(dialogs).toHaveBeenCalledWith(expect.objectContaining({ title: '退回修改' }))
    expect(text(container, '[data-testid="next-message"]')).toBe('已退回企业修改，等待企业重新提交')
    expect(container.querySelector('[data-action]')).toBeNull() // nothing to do until it comes back
    await eventually(() => expect(text(container, '[data-testid="timeline"]')).toContain(reason))

    const status = await ent.zhixin.call<DemandStatusView>('GET', `/api/demands/${ids.mcu}/status`)
    expect(status.status).toBe('returned')
    expect(status.timeline[status.timeline.length - 1]).toMatchObject({ to: 'returned', reason, actorUnit: '两江新区科技主管部门' })
  })

  it('recommends the revised version: rank, and a quota meter that matches the server', async () => {
    await resubmitDemand(ent.zhixin, ids.mcu, mcuAnswers('liangjiang', '车规级功能安全MCU芯片关键技术攻关及产业化（修订）'))
    const { container } = await renderDemand(ids.mcu)
    expect(text(container, '[data-testid="demand-title"]')).toBe('车规级功能安全MCU芯片关键技术攻关及产业化（修订）')
    expect(container.textContent).toContain('第2版 · 提交于')
    expect(text(container, '[data-testid="quota-text"]')).toBe('已推荐 0 / 名额 30')

    const dialogs = answerDialogs(true)
    tap(button(container, '推荐'))
    // 联合实施 is the unit's to answer (三（五）): the form asks it before anything is sent
    const form = await eventually(() => {
      const f = container.querySelector('[data-testid="form-recommend"]')
      expect(f).not.toBeNull()
      return f!
    })
    expect(form.querySelector('[data-field="jointInvestment"]')).toBeNull() // asked once 联合实施 is 是
    tap(form.querySelector('[data-field="jointImplementation"] [role="radio"][data-value="yes"]')!)
    await eventually(() => expect(form.querySelector('[data-field="jointInvestment"]')).not.toBeNull())
    tap(form.querySelector('[data-testid="form-submit"]')!)
    await eventually(() => expect(text(form, '[data-field="jointInvestment"] [data-testid="field-error"]')).toBe('联合实施投入金额为必填项'))
    expect(form.querySelector('[data-field="jointInvestment"] [role="alert"]')).not.toBeNull()
    expect(dialogs).not.toHaveBeenCalled()
    await typeText(form, '[data-field="jointInvestment"] .rc-form__input', '500')
    tap(form.querySelector('[data-testid="form-submit"]')!)
    await eventually(() => expect(text(container, '[data-testid="status"]')).toBe('已推荐 · 第1位'))
    expect(dialogs.mock.calls[0][0]).toMatchObject({ title: '确认推荐', content: expect.stringContaining('第1位') })
    const ranking = await colleague.call<Ranking>('GET', `/api/recommend/campaigns/${DEMO}/ranking`)
    expect(ranking.groups[0].quota).toEqual({ quota: 30, used: 1, left: 29 })
    await eventually(() => expect(text(container, '[data-testid="quota-text"]')).toBe('已推荐 1 / 名额 30'))
    expect(text(container, '[data-testid="next-message"]')).toContain('已推荐，可调整排序或改为不予推荐')
    // what the unit gave is on the server and on the page
    const saved = await colleague.call<ReviewDemand>('GET', `/api/recommend/demands/${ids.mcu}`)
    expect(saved.recommendation.answers).toEqual({ jointImplementation: 'yes', jointInvestment: 500 })
    await eventually(() => expect(text(container, '[data-testid="recommender-record"] [data-field="jointInvestment"]')).toBe('联合实施投入金额500 万元'))
  })

  it('does not recommend with a reason; cancelling the confirmation changes nothing', async () => {
    const { container } = await renderDemand(ids.farm)
    answerDialogs(false)
    tap(button(container, '不推荐'))
    await typeText(container, '[data-testid="form-not_recommend"] .rc-reason__input', '与本区产业方向关联不大')
    tap(container.querySelector('[data-testid="form-submit"]')!)
    await new Promise((r) => setTimeout(r, 300))
    expect(text(container, '[data-testid="status"]')).toBe('推荐单位审核中')
    jest.restoreAllMocks()

    answerDialogs(true)
    tap(container.querySelector('[data-testid="form-submit"]')!)
    await eventually(() => expect(text(container, '[data-testid="status"]')).toBe('未推荐'))
    expect(text(container, '[data-testid="timeline"]')).toContain('与本区产业方向关联不大')
  })

  it('shows the server’s refusal as it is when a colleague acted first, and then what the server holds', async () => {
    const { container } = await renderDemand(ids.mcuPlatform)
    expect(button(container, '推荐')).toBeTruthy()
    await colleague.call('POST', `/api/recommend/demands/${ids.mcuPlatform}/return`, { reason: '请补充测试平台的服务对象' })
    answerDialogs(true)
    tap(button(container, '推荐'))
    // 联合实施 is optional: the unit recommends without it
    const submit = await eventually(() => {
      const b = container.querySelector('[data-testid="form-recommend"] [data-testid="form-submit"]')
      expect(b).not.toBeNull()
      return b!
    })
    tap(submit)
    await eventually(() => expect(text(container, '[data-testid="action-error"]')).toBe('需求当前状态为“已退回修改”，不能推荐'))
    await eventually(() => expect(text(container, '[data-testid="status"]')).toBe('已退回修改'))
    expect(container.querySelector('[data-action="recommend"]')).toBeNull()
  })

  it('tells an enterprise account that the workbench is not for it', async () => {
    await signInApp(server.url, 'ent-zhixin')
    const { container } = render(<WorkbenchScreen />, {})
    await eventually(() => expect(container.textContent).toContain('无权使用推荐工作台'))
    await signInApp(server.url, 'rec-liangjiang')
  })
})
