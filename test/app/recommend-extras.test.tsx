/**
 * What the recommending unit gives when it recommends, in the app against a real server: the
 * bureau (bureau-cq) publishes through the studio a copy of the Chongqing demo that asks its
 * units a sign-off opinion (分管领导), caps the 重点推荐 mark at 1, limits 揭榜挂帅 demands to
 * 1 of the quota, lists a deliverable and a template. Then 两江新区 (rec-liangjiang):
 * - the quota meter shows the sub-quota and the marks beside the quota;
 * - 推荐 opens a form: a missing opinion is said beside it, nothing is sent; with the opinion
 *   and the mark it recommends, and the page shows what the unit gave;
 * - a second 揭榜挂帅 demand is refused by the server with its Chinese message;
 * - the deliverables checklist saves each tick;
 * and the enterprise's campaign page lists the template as a link.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import type { CampaignDefinition } from '../../types/campaign'
import type { CampaignDetail } from '../../types/domain'
import type { ReviewDemand } from '../../types/recommend'
import { CampaignDetailScreen } from '../../src/features/campaigns'
import { DemandScreen } from '../../src/features/recommend'
import { signInOverHttp, type ApiSession } from '../support/http-session'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { answerDialogs, DEMO, enterprises, farmAnswers, mcuAnswers, signInApp, startOwnServer, submitDemand, typeText, type Enterprises, type OwnServer } from './support/recommend'

const COPY = 'cq-recommender-extras'
let server: OwnServer
let ent: Enterprises
let colleague: ApiSession
const ids: Record<'first' | 'second', string> = {} as never

beforeAll(async () => {
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
  server = await startOwnServer()
  ent = await enterprises(server.url)
  const bureau = await signInOverHttp(server.url, 'bureau-cq')
  const demo = await bureau.call<CampaignDetail>('GET', `/api/campaigns/${DEMO}`)
  const def: CampaignDefinition = JSON.parse(JSON.stringify(demo.definition))
  def.id = COPY
  def.title = '推荐单位填写项演示'
  def.recommenders.keyMark = { label: '重点推荐', max: 1 }
  def.recommenders.signOffs = [{ id: 'leader', label: '分管领导' }]
  def.recommenders.unitTypes = def.recommenders.unitTypes.map((t) =>
    t.id === 'district' ? { ...t, subQuotas: [{ id: 'open', label: '揭榜挂帅', max: 1, when: { field: 'openCompetition', equals: 'yes' } }] } : t
  )
  def.deliverables = [{ id: 'paper', label: '纸质材料一式3份' }]
  def.templates = [{ name: '附件1 需求单位操作指南', url: 'https://kjj.cq.gov.cn/templates/fj1.docx' }]
  const draft = await bureau.call<{ id: string }>('POST', '/api/studio/campaigns', { from: 'json', definition: def })
  expect(draft.id).toBe(COPY)
  await bureau.call('POST', `/api/studio/campaigns/${COPY}/publish`)
  // Both 揭榜挂帅 “是” (the fixture's), both to 两江新区.
  ids.first = await submitDemand(ent.zhixin, COPY, mcuAnswers())
  ids.second = await submitDemand(ent.shancheng, COPY, farmAnswers())
  colleague = await signInOverHttp(server.url, 'rec-liangjiang')
  await signInApp(server.url, 'rec-liangjiang')
}, 180_000)

afterAll(async () => {
  await server?.close()
})

afterEach(() => jest.restoreAllMocks())

const text = (root: Element | null | undefined, selector: string) => root?.querySelector(selector)?.textContent ?? ''

async function renderDemand(id: string) {
  const view = render(<DemandScreen id={id} />, {})
  await eventually(() => expect(view.container.querySelector('[data-testid="decision"]')).not.toBeNull())
  return view.container
}

const recommendButton = (root: Element) => {
  const b = [...root.querySelectorAll('[data-action="recommend"]')][0]
  if (!b) throw new Error('no 推荐 button')
  return b
}

describe('recommending with what the campaign asks of the unit', () => {
  it('shows the sub-quota and the marks beside the quota', async () => {
    const root = await renderDemand(ids.first)
    await eventually(() => expect(text(root, '[data-testid="sub-quota"]')).toBe('其中“揭榜挂帅”已推荐 0 / 最多 1'))
    expect(text(root, '[data-testid="key-mark-meter"]')).toBe('重点推荐已标记 0 / 最多 1')
  })

  it('asks the sign-off’s opinion before anything is sent, then recommends with it and the mark', async () => {
    const root = await renderDemand(ids.first)
    const dialogs = answerDialogs(true)
    tap(recommendButton(root))
    const form = await eventually(() => {
      const f = root.querySelector('[data-testid="form-recommend"]')
      expect(f).not.toBeNull()
      return f!
    })
    tap(form.querySelector('[data-testid="form-submit"]')!)
    await eventually(() => expect(text(form, '[data-field="signoff:leader"] [role="alert"]')).toBe('分管领导意见为必填项'))
    expect(text(form, '[data-testid="form-errors"]')).toBe('还有1处需要完善，请按提示修改后再推荐')
    expect(dialogs).not.toHaveBeenCalled()

    await typeText(form, '[data-field="signoff:leader"] textarea', '同意推荐，纳入本区重点支持方向。')
    const toggle = form.querySelector('[data-testid="key-mark-toggle"]')!
    expect(toggle.getAttribute('role')).toBe('switch')
    expect(toggle.getAttribute('aria-checked')).toBe('false')
    tap(toggle)
    await eventually(() => expect(toggle.getAttribute('aria-checked')).toBe('true'))
    tap(form.querySelector('[data-testid="form-submit"]')!)
    await eventually(() => expect(text(root, '[data-testid="status"]')).toBe('已推荐 · 第1位'))
    expect(dialogs.mock.calls[0][0]).toMatchObject({ title: '确认推荐', content: expect.stringContaining('并标记为“重点推荐”') })

    const saved = await colleague.call<ReviewDemand>('GET', `/api/recommend/demands/${ids.first}`)
    expect(saved.recommendation).toMatchObject({ answers: { 'signoff:leader': '同意推荐，纳入本区重点支持方向。' }, keyRecommended: true })
    await eventually(() => expect(text(root, '[data-testid="recommender-record"] [data-field="signoff:leader"]')).toContain('同意推荐，纳入本区重点支持方向。'))
    expect(text(root, '[data-testid="key-mark"]')).toContain('是')
    await eventually(() => expect(text(root, '[data-testid="sub-quota"]')).toBe('其中“揭榜挂帅”已推荐 1 / 最多 1（已满）'))
  })

  it('shows the server’s refusal of a second 揭榜挂帅 demand as it is; nothing changes', async () => {
    const root = await renderDemand(ids.second)
    answerDialogs(true)
    tap(recommendButton(root))
    const form = await eventually(() => root.querySelector('[data-testid="form-recommend"]')!)
    await typeText(form, '[data-field="signoff:leader"] textarea', '同意推荐。')
    tap(form.querySelector('[data-testid="form-submit"]')!)
    await eventually(() =>
      expect(text(root, '[data-testid="action-error"]')).toBe(
        '本单位推荐的需求中，“揭榜挂帅”最多1项，已推荐1项，不能再推荐此类需求；如需推荐，请先将已推荐的同类需求改为不予推荐'
      )
    )
    const saved = await colleague.call<ReviewDemand>('GET', `/api/recommend/demands/${ids.second}`)
    expect(saved.status).not.toBe('recommended')
    expect(saved.recommendation.answers).toEqual({})
  })

  it('saves each tick of the deliverables checklist', async () => {
    const root = await renderDemand(ids.second)
    const box = await eventually(() => {
      const b = root.querySelector('[data-testid="deliverables"] [role="checkbox"][data-deliverable="paper"]')
      expect(b).not.toBeNull()
      return b!
    })
    expect(box.getAttribute('aria-checked')).toBe('false')
    tap(box)
    await eventually(() => expect(root.querySelector('[data-deliverable="paper"]')!.getAttribute('aria-checked')).toBe('true'))
    expect((await colleague.call<ReviewDemand>('GET', `/api/recommend/demands/${ids.second}`)).recommendation.deliverables).toEqual(['paper'])
  })
})

describe('the campaign page', () => {
  it('lists the templates as links', async () => {
    const { container } = render(<CampaignDetailScreen id={COPY} />, {})
    const link = await eventually(() => {
      const l = container.querySelector('[data-testid="templates"] [role="link"]')
      expect(l).not.toBeNull()
      return l!
    })
    expect(link.getAttribute('aria-label')).toBe('下载模板：附件1 需求单位操作指南')
    expect(link.getAttribute('data-href')).toBe('https://kjj.cq.gov.cn/templates/fj1.docx')
    const open = jest.spyOn(window, 'open').mockImplementation(() => null)
    tap(link)
    expect(open).toHaveBeenCalledWith('https://kjj.cq.gov.cn/templates/fj1.docx', '_blank', 'noopener')
  })
})
