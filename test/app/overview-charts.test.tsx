/**
 * The bureau's overview charts against a real server (data made through the real API): before
 * anything is submitted every chart shows its title, says there is nothing yet and offers no
 * 保存图片; with demands, a return and a recommendation, each chart's one-line summary tells
 * the server's figures, the canvas reads the summary out and a hidden table lists the figures.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import type { BureauOverview } from '../../types/recommend'
import { OverviewScreen } from '../../src/features/recommend'
import { signInOverHttp, type ApiSession } from '../support/http-session'
import { eventually } from './support/eventually'
import { DEMO, enterprises, farmAnswers, mcuAnswers, signInApp, startOwnServer, submitDemand, type OwnServer } from './support/recommend'

let server: OwnServer
let bureau: ApiSession
const TITLES = ['各领域需求（按推荐单位、状态）', '每日提交与截止日', '推荐名额使用', '退回修改原因（按主题）']

beforeAll(async () => {
  server = await startOwnServer()
  bureau = await signInOverHttp(server.url, 'bureau-cq')
  await signInApp(server.url, 'bureau-cq')
}, 180_000)

afterAll(async () => {
  await server?.close()
})

const cards = (root: Element) => [...root.querySelectorAll('[data-testid^="chart-chart-"]')]
const title = (card: Element) => card.querySelector('.chart__title')?.textContent ?? ''
const summary = (card: Element) => card.querySelector('[data-testid="chart-summary"]')?.textContent ?? ''
const card = (root: Element, id: string) => root.querySelector(`[data-testid="chart-chart-${id}"]`)!

it('shows every chart’s title and an empty state before anything is submitted', async () => {
  const { container, unmount } = render(<OverviewScreen campaignId={DEMO} />, {})
  await eventually(() => expect(cards(container)).toHaveLength(4))
  expect(cards(container).map(title)).toEqual(TITLES)
  expect(summary(card(container, 'matrix'))).toBe('全部推荐单位尚未收到需求。')
  expect(summary(card(container, 'daily'))).toMatch(/^尚无企业提交需求；填报截止日为\d+月\d+日。$/)
  expect(summary(card(container, 'quota'))).toBe('尚无推荐单位收到需求。')
  expect(summary(card(container, 'returns'))).toBe('尚无退回修改的需求。')
  for (const c of cards(container)) {
    expect(c.textContent).toContain('暂无数据')
    expect(c.querySelector('[role="img"]')).toBeNull()
    expect(c.textContent).not.toContain('保存图片')
  }
  unmount()
})

it('tells each chart’s figures in its summary, its canvas label and its hidden table', async () => {
  const ent = await enterprises(server.url)
  const mcu = await submitDemand(ent.zhixin, DEMO, mcuAnswers('liangjiang', '车规级功能安全MCU芯片关键技术攻关及产业化'))
  const farm = await submitDemand(ent.shancheng, DEMO, farmAnswers('liangjiang'))
  await submitDemand(ent.zhixin, DEMO, mcuAnswers('city-jxw', '工业互联网标识解析二级节点建设'))
  const rec = await signInOverHttp(server.url, 'rec-liangjiang')
  await rec.call('POST', `/api/recommend/demands/${mcu}/recommend`)
  await rec.call('POST', `/api/recommend/demands/${farm}/return`, { reason: '请量化关键技术指标，写明现状值和目标值' })
  const o = await bureau.call<BureauOverview>('GET', `/api/recommend/campaigns/${DEMO}/overview`)
  expect(o.charts.daily.total).toBe(3)

  const { container } = render(<OverviewScreen campaignId={DEMO} />, {})
  await eventually(() => expect(summary(card(container, 'matrix'))).toContain('共收到3项需求'))
  expect(summary(card(container, 'matrix'))).toBe('全部推荐单位共收到3项需求，分布在2个领域，最多的是“高端器件与芯片”（2项）。')
  expect(summary(card(container, 'daily'))).toMatch(/^共提交3次（修改后再次提交0次）；/)
  expect(summary(card(container, 'quota'))).toBe('2个推荐单位已推荐1项，用去名额1/50项（2%）；0个单位名额已满。')
  expect(summary(card(container, 'returns'))).toBe('共退回修改1次，最常见的是“指标不量化”（1次，占100%）。')

  const returns = card(container, 'returns')
  expect(returns.querySelector('[role="img"]')!.getAttribute('aria-label')).toBe(`退回修改原因（按主题）：${summary(returns)}`)
  const rows = [...returns.querySelectorAll('[role="table"] [role="row"]')].map((r) => [...r.children].map((c) => c.textContent))
  expect(rows[0]).toEqual(['主题', '次数', '常见原因'])
  expect(rows).toContainEqual(['指标不量化', '1', '请量化关键技术指标，写明现状值和目标值'])
  for (const c of cards(container)) expect(c.querySelector('[aria-label^="保存图片："]')).not.toBeNull()
})
