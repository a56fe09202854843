/**
 * 从已有需求复制 (issue 16 §4), as the enterprise meets it: no option while it has no demand; then
 * a chooser of its earlier demands on a campaign's page, a copy across campaigns (Hangzhou →
 * Chongqing), and the wizard's banner with what was carried and links to what is to fill, until
 * dismissed. And the profile filling the unit field in the wizard while it is empty, never over
 * what was typed. Its own account (ent-carry), on the real server.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { CampaignDetailScreen } from '../../src/features/campaigns'
import { WizardScreen } from '../../src/features/wizard'
import type { Demand } from '../../types/domain'
import { completeAnswers } from '../types/fixtures'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { call, completeProfile, serverDemand, signInThroughApp, stepOnScreen } from './support/wizard'

const ACCOUNT = 'ent-carry'
const CQ = 'cq-2026-key-areas-demo'
const HZ = 'hz-2021-major-research-demo'
const XJ = 'xj-2023-major-demands-demo'
let token: string

beforeAll(async () => {
  // jsdom has no layout: Taro's ScrollView calls scrollIntoView, which jsdom lacks.
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
  token = await signInThroughApp(ACCOUNT)
  await completeProfile(token)
})

afterEach(() => jest.restoreAllMocks())

async function created(campaign: string, answers: Record<string, unknown>, step: string): Promise<Demand> {
  const { body: d } = await call<Demand>(token, 'POST', `/api/campaigns/${campaign}/demands`, {})
  const saved = await call(token, 'PUT', `/api/demands/${d.id}/draft`, { baseVersion: d.version, answers, currentStep: step })
  expect(saved.status).toBe(200)
  return serverDemand(token, d.id)
}

const copyButton = (root: Element) => root.querySelector('.start-demand__copy')

it('offers no copy without earlier demands; copies a Hangzhou demand into Chongqing and shows what was carried and what is to fill', async () => {
  const first = render(<CampaignDetailScreen id={CQ} />, {})
  await eventually(() => expect(first.container.querySelector('.start-demand__button')?.textContent).toBe('发起需求'))
  expect(copyButton(first.container)).toBeNull()
  first.unmount()

  const hz = completeAnswers('hz-2021-major-research')
  const source = await created(HZ, hz, 'content')
  const { container, unmount } = render(<CampaignDetailScreen id={CQ} />, {})
  await eventually(() => expect(copyButton(container)?.textContent).toBe('从已有需求复制'))
  tap(copyButton(container)!)
  const chooser = container.querySelector('[data-testid="carry-chooser"]')!
  expect(chooser.querySelector('[role="dialog"]')?.getAttribute('aria-modal')).toBe('true')
  const items = chooser.querySelectorAll('.carry-chooser__item')
  expect(items).toHaveLength(1)
  expect(items[0].getAttribute('data-demand-id')).toBe(source.id)
  expect(items[0].textContent).toContain(hz.demandName)
  expect(items[0].textContent).toContain(source.campaignTitle)
  expect(items[0].querySelector('[data-testid="status"]')?.textContent).toBe('草稿')
  expect(items[0].textContent).toMatch(/更新于 \d{4}年\d{1,2}月\d{1,2}日/)

  const navigate = jest.spyOn(Taro, 'navigateTo').mockResolvedValue({ errMsg: 'navigateTo:ok' })
  tap(items[0])
  await eventually(() => expect(navigate).toHaveBeenCalled())
  expect(container.querySelector('[data-testid="carry-chooser"]')).toBeNull()
  const id = (navigate.mock.calls[0][0] as { url: string }).url.split('id=')[1]
  const copy = await serverDemand(token, id)
  expect(copy).toMatchObject({ campaignId: CQ, title: hz.demandName })
  expect(copy.answers).toMatchObject({ demandName: hz.demandName, background: hz.problem, researchContent: hz.researchContent, indicators: hz.indicators })
  unmount()

  const wizard = render(<WizardScreen id={id} />, {})
  const banner = await eventually(() => {
    const b = wizard.container.querySelector('[data-testid="carry-banner"]')
    expect(b).not.toBeNull()
    return b!
  })
  expect(banner.querySelector('.wz-banner__title')?.textContent).toBe('已带入 6 项')
  expect(banner.textContent).toContain('需求名称、背景及战略意义、主要研究内容、核心技术预期成果 等 6 项')
  expect(banner.textContent).toContain('未能带入：所属领域及方向、攻关组织方式、推荐单位')
  const links = Array.from(banner.querySelectorAll('.carry-banner__link')).map((l) => l.textContent)
  expect(links[0]).toBe('本技术需求是否涉及国家秘密（属于涉密领域技术需求）？ ›')
  expect(links).toContain('所属领域及方向 ›')
  expect(links).not.toContain('需求名称 ›')
  expect(banner.textContent).toContain(`待填写（${links.length} 项）`)

  // A link opens the field's step.
  expect(stepOnScreen(wizard.container)).toBe('secrecy')
  tap(banner.querySelectorAll('.carry-banner__link')[links.indexOf('应用主体 ›')])
  await eventually(() => expect(stepOnScreen(wizard.container)).toBe('outcome'))

  // Dismissed: gone, and not shown again when the wizard opens again.
  tap(banner.querySelector('[aria-label="关闭复制结果提示"]')!)
  await eventually(() => expect(wizard.container.querySelector('[data-testid="carry-banner"]')).toBeNull())
  wizard.unmount()
  const again = render(<WizardScreen id={id} />, {})
  await eventually(() => expect(stepOnScreen(again.container)).toBeTruthy())
  expect(again.container.querySelector('[data-testid="carry-banner"]')).toBeNull()
  again.unmount()
})

it('the wizard fills the empty unit field from the profile and keeps what was typed', async () => {
  const { body: profile } = await call<{ enterpriseName: string }>(token, 'GET', '/api/profile')
  const emptied = await created(XJ, { projectName: '光伏运维机器人' }, 'project')
  const first = render(<WizardScreen id={emptied.id} />, {})
  await eventually(async () => expect((await serverDemand(token, emptied.id)).answers.undertakingUnit).toBe(profile.enterpriseName))
  first.unmount()

  const typed = await created(XJ, { undertakingUnit: '新疆另一家承担单位' }, 'project')
  const second = render(<WizardScreen id={typed.id} />, {})
  await eventually(() => expect(stepOnScreen(second.container)).toBeTruthy())
  expect((await serverDemand(token, typed.id)).answers.undertakingUnit).toBe('新疆另一家承担单位')
  expect((await serverDemand(token, typed.id)).version).toBe(typed.version)
  second.unmount()
})
