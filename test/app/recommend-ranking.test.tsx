/**
 * 推荐排序 and the bureau's view against a real server (data made through the real API):
 * - the unit's ranked list with its quota meter, as the server has it;
 * - 上移 / 下移 (accessible buttons), 撤销上一步, and 保存排序 sending the whole order;
 * - the meter and the list after a colleague acted at the same time: the server refuses the
 *   stale order with its message, 刷新推荐名单 shows what it holds;
 * - after the recommender deadline (the real 2025 notice) everything is read-only;
 * - the bureau (重庆市科学技术局): counts by unit and field, every unit's list in order,
 *   nothing to change before the units' deadline.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import type { BureauOverview, Ranking } from '../../types/recommend'
import { DemandScreen, InboxScreen, OverviewScreen, RankingScreen } from '../../src/features/recommend'
import { signInOverHttp, type ApiSession } from '../support/http-session'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { CLOSED, DEMO, enterprises, farmAnswers, mcuAnswers, robotAnswers, signInApp, startOwnServer, submitDemand, type OwnServer } from './support/recommend'

let server: OwnServer
let colleague: ApiSession // rec-liangjiang in another session: the colleague at the next desk
let bureau: ApiSession
const ids: string[] = []
const titles = ['车规级功能安全MCU芯片关键技术攻关及产业化', '丘陵山区智能农机装备关键技术研究', '高精度工业机器人精密减速器研发及产业化', '山地果园智能植保无人机研发与示范']

beforeAll(async () => {
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
  server = await startOwnServer()
  const ent = await enterprises(server.url)
  ids.push(await submitDemand(ent.zhixin, DEMO, mcuAnswers('liangjiang', titles[0])))
  ids.push(await submitDemand(ent.shancheng, DEMO, farmAnswers('liangjiang', titles[1])))
  ids.push(await submitDemand(ent.zhixin, DEMO, robotAnswers('liangjiang', titles[2])))
  ids.push(await submitDemand(ent.shancheng, DEMO, farmAnswers('liangjiang', titles[3])))
  await submitDemand(ent.zhixin, DEMO, mcuAnswers('city-jxw', '工业互联网标识解析二级节点建设'))
  colleague = await signInOverHttp(server.url, 'rec-liangjiang')
  for (const id of ids.slice(0, 3)) await colleague.call('POST', `/api/recommend/demands/${id}/recommend`)
  bureau = await signInOverHttp(server.url, 'bureau-cq')
  await signInApp(server.url, 'rec-liangjiang')
}, 180_000)

afterAll(async () => {
  await server?.close()
})

const order = (root: Element) => [...root.querySelectorAll('[data-testid="ranked-item"]')].map((r) => r.getAttribute('data-demand-id'))
const item = (root: Element, id: string) => root.querySelector(`[data-testid="ranked-item"][data-demand-id="${id}"]`)!
const text = (root: Element | null | undefined, selector: string) => root?.querySelector(selector)?.textContent ?? ''
const disabled = (el: Element | null) => !!el && (el.hasAttribute('disabled') || el.className.includes('disabled'))
const serverRanking = (who: ApiSession = colleague) => who.call<Ranking>('GET', `/api/recommend/campaigns/${DEMO}/ranking`)

describe('推荐排序', () => {
  it('shows the unit’s recommended demands in order with the server’s quota meter', async () => {
    const { container } = render(<RankingScreen campaignId={DEMO} />, {})
    await eventually(() => expect(order(container)).toEqual(ids.slice(0, 3)))
    const server = await serverRanking()
    expect(server.groups[0].quota).toEqual({ quota: 30, used: 3, left: 27 })
    expect(text(container, '[data-testid="quota-text"]')).toBe('已推荐 3 / 名额 30')
    expect(container.querySelector('[data-testid="quota-meter"]')!.getAttribute('aria-label')).toBe('已推荐 3 / 名额 30，还可推荐 27 项')
    expect([...container.querySelectorAll('[data-testid="rank"]')].map((r) => r.textContent)).toEqual(['1', '2', '3'])
    // Nothing to save or undo yet; the ends cannot move further.
    expect(disabled(container.querySelector('[data-testid="save-ranking"]'))).toBe(true)
    expect(disabled(container.querySelector('[data-testid="undo"]'))).toBe(true)
    expect(disabled(item(container, ids[0]).querySelector('[data-testid="move-up"]'))).toBe(true)
    expect(disabled(item(container, ids[2]).querySelector('[data-testid="move-down"]'))).toBe(true)
    expect(item(container, ids[2]).querySelector('[data-testid="move-up"]')!.getAttribute('aria-label')).toBe(`上移“${titles[2]}”`)
  })

  it('moves with 上移 / 下移, undoes the last move, and saves the whole order', async () => {
    const { container } = render(<RankingScreen campaignId={DEMO} />, {})
    await eventually(() => expect(order(container)).toEqual(ids.slice(0, 3)))
    tap(item(container, ids[2]).querySelector('[data-testid="move-up"]')!)
    await eventually(() => expect(order(container)).toEqual([ids[0], ids[2], ids[1]]))
    expect(container.querySelector('[data-testid="unsaved"]')).not.toBeNull()
    tap(item(container, ids[2]).querySelector('[data-testid="move-up"]')!)
    await eventually(() => expect(order(container)).toEqual([ids[2], ids[0], ids[1]]))
    expect(item(container, ids[2]).getAttribute('aria-label')).toBe(`第1位：${titles[2]}，重庆智芯微电子有限公司`)

    tap(container.querySelector('[data-testid="undo"]')!)
    await eventually(() => expect(order(container)).toEqual([ids[0], ids[2], ids[1]]))
    // Nothing has reached the server yet.
    expect((await serverRanking()).groups[0].items.map((i) => i.id)).toEqual(ids.slice(0, 3))

    tap(container.querySelector('[data-testid="save-ranking"]')!)
    await eventually(() => expect(container.querySelector('[data-testid="unsaved"]')).toBeNull())
    const saved = await serverRanking()
    expect(saved.groups[0].items.map((i) => [i.id, i.rank])).toEqual([
      [ids[0], 1],
      [ids[2], 2],
      [ids[1], 3]
    ])
    expect(order(container)).toEqual([ids[0], ids[2], ids[1]])
    expect(disabled(container.querySelector('[data-testid="undo"]'))).toBe(true)
  })

  it('refuses a stale order after a colleague recommended another, then shows the list and meter the server holds', async () => {
    const { container } = render(<RankingScreen campaignId={DEMO} />, {})
    await eventually(() => expect(order(container)).toEqual([ids[0], ids[2], ids[1]]))
    tap(item(container, ids[1]).querySelector('[data-testid="move-up"]')!)
    await eventually(() => expect(order(container)).toEqual([ids[0], ids[1], ids[2]]))

    await colleague.call('POST', `/api/recommend/demands/${ids[3]}/recommend`)
    tap(container.querySelector('[data-testid="save-ranking"]')!)
    await eventually(() =>
      expect(text(container, '[data-testid="ranking-error"]')).toBe('推荐列表已发生变化（可能有同事刚刚操作），请刷新后重新排序')
    )
    const refresh = [...container.querySelectorAll('.nut-button')].find((b) => b.textContent === '刷新推荐名单')!
    tap(refresh)
    await eventually(() => expect(order(container)).toEqual([ids[0], ids[2], ids[1], ids[3]]))
    expect(text(container, '[data-testid="quota-text"]')).toBe('已推荐 4 / 名额 30')
    expect((await serverRanking()).groups[0].quota.used).toBe(4)
  })

  it('loads the meter again when shown again (a colleague withdrew one meanwhile)', async () => {
    const view = render(<RankingScreen campaignId={DEMO} refreshKey={0} />, {})
    await eventually(() => expect(text(view.container, '[data-testid="quota-text"]')).toBe('已推荐 4 / 名额 30'))
    await colleague.call('POST', `/api/recommend/demands/${ids[3]}/not-recommend`, { reason: '与第3项重复' })
    view.rerender(<RankingScreen campaignId={DEMO} refreshKey={1} />)
    await eventually(() => expect(text(view.container, '[data-testid="quota-text"]')).toBe('已推荐 3 / 名额 30'))
    expect(order(view.container)).toEqual([ids[0], ids[2], ids[1]])
  })

  it('is read-only after the recommender deadline, and says so plainly', async () => {
    const { container } = render(<RankingScreen campaignId={CLOSED} />, {})
    await eventually(() => expect(text(container, '[data-testid="closed-banner"]')).toBe('推荐已于2025年7月25日 24:00截止，推荐名单和顺序只能查看，不能再调整。'))
    expect(container.querySelector('[data-testid="move-up"], [data-testid="save-ranking"]')).toBeNull()
    expect(container.textContent).toContain('本单位没有推荐需求')
    expect(text(container, '[data-testid="quota-meter"]')).toContain('推荐已截止')

    const inbox = render(<InboxScreen campaignId={CLOSED} />, {})
    await eventually(() => expect(text(inbox.container, '[data-testid="closed-banner"]')).toBe('推荐已于2025年7月25日 24:00截止，推荐结果只能查看，不能再修改。'))
  })
})

describe('the bureau', () => {
  beforeAll(async () => {
    await signInApp(server.url, 'bureau-cq')
  })

  it('sees counts by unit and by field', async () => {
    const { container } = render(<OverviewScreen campaignId={DEMO} />, {})
    await eventually(() => expect(text(container, '[data-testid="total-received"] .rc-count__value')).toBe('5'))
    const overview = await bureau.call<BureauOverview>('GET', `/api/recommend/campaigns/${DEMO}/overview`)
    expect(text(container, '[data-testid="total-recommended"] .rc-count__value')).toBe(String(overview.counts.recommended))
    const liangjiang = container.querySelector('[data-testid="by-unit"] [data-unit="liangjiang"] [role="link"]')!
    expect(liangjiang.getAttribute('aria-label')).toBe('两江新区科技主管部门：收到4项，推荐3项，名额30项，入选0项')
    expect(container.querySelector('[data-testid="by-unit"] [data-unit="city-jxw"]')!.textContent).toContain('市经济信息委')
    expect(container.querySelector('[data-testid="by-field"] [data-domain="agriculture"]')!.getAttribute('aria-label')).toBe('农业前沿技术：提交2项，推荐1项，入选0项')
  })

  it('sees every unit’s list in the unit’s order, with nothing to change before the units’ deadline', async () => {
    const { container } = render(<RankingScreen campaignId={DEMO} />, {})
    await eventually(() => expect(order(container)).toEqual([ids[0], ids[2], ids[1]]))
    expect(container.querySelector('[data-testid="ranking-group"][data-unit="liangjiang"]')).not.toBeNull()
    expect(container.querySelector('[data-testid="move-up"], [data-testid="save-ranking"]')).toBeNull()
    expect(container.textContent).toContain('截止后可确定入选结果')
    expect(container.textContent).not.toContain('入选未入选') // no outcome buttons yet

    const demand = render(<DemandScreen id={ids[0]} />, {})
    await eventually(() => expect(text(demand.container, '[data-testid="next-message"]')).toMatch(/^推荐单位可调整推荐至.+，截止后可确定入选结果$/))
    expect(demand.container.querySelector('[data-action]')).toBeNull()
    expect(text(demand.container, '.rc-review__meta')).toContain('推荐单位：两江新区科技主管部门')
  })
})
