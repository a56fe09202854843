/**
 * The campaign page with the format additions: the real Chongqing campaign from the server,
 * changed as a bureau might publish it — no per-applicant limit (不限), a declared unit type,
 * a rule on it, a direction with a description — and its areas without directions as shipped.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import { CampaignDetailView } from '../../src/features/campaigns/components/campaign-detail-view'
import type { CampaignDetail } from '../../types/domain'
import { validateDefinition } from '../../types/validate-definition'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { serverGet } from './support/server'

let shipped: CampaignDetail

beforeAll(async () => {
  shipped = await serverGet<CampaignDetail>('/api/campaigns/cq-2026-key-areas')
})

function changed(change: (c: CampaignDetail) => void): CampaignDetail {
  const copy: CampaignDetail = JSON.parse(JSON.stringify(shipped))
  change(copy)
  const result = validateDefinition(copy.definition)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return copy
}

/** The campaign's page with every section (those below the first screen come once the page is idle). */
async function renderWhole(campaign: CampaignDetail) {
  const view = render(<CampaignDetailView campaign={campaign} />, {})
  await eventually(() => expect(view.container.textContent).toContain('咨询电话'))
  return view
}

const rules = (root: Element) => [...root.querySelectorAll('.campaign-detail__rule')].map((r) => r.textContent)

it('says 不限 when the campaign sets no limit per applicant, and the number when it does', async () => {
  const unlimited = await renderWhole(changed((c) => void (c.definition.demandLimit = { perEnterprise: null })))
  expect(rules(unlimited.container)).toContain('每家单位填报数量不限')
  expect(unlimited.container.textContent).not.toContain('限报 null')
  unlimited.unmount()
  const limited = await renderWhole(shipped)
  expect(rules(limited.container)).toContain(`每家单位限报 ${shipped.definition.demandLimit.perEnterprise} 项`)
})

it('names a declared unit type by its label: who may apply, rules and limits', async () => {
  const campaign = changed((c) => {
    const d = c.definition
    d.unitTypes = [{ id: 'county_enterprise', label: '县域重点企业' }]
    d.eligibleUnitTypes = ['enterprise', 'county_enterprise']
    d.demandLimit = { perEnterprise: 5, byUnitType: { county_enterprise: 2 } }
  })
  const { container } = await renderWhole(campaign)
  expect([...container.querySelectorAll('.campaign-detail__chip')].map((c) => c.textContent)).toEqual(['企业', '县域重点企业'])
  expect(rules(container)).toContain('县域重点企业限报 2 项')
  expect(container.textContent).not.toContain('county_enterprise')
})

it('says an area has no directions, and shows a direction’s description', async () => {
  const campaign = changed((c) => {
    c.definition.domains[0].directions = [{ label: '智能驾驶', description: '车路云一体化、高阶自动驾驶' }, '智能系统']
  })
  const { container } = await renderWhole(campaign)
  const heads = [...container.querySelectorAll('.disclosure__head')]
  const rural = heads.find((h) => h.querySelector('.disclosure__title')?.textContent === '乡村振兴')!
  expect(rural.textContent).toContain('不分方向')
  tap(heads[0])
  await eventually(() => expect(container.textContent).toContain('智能驾驶：车路云一体化、高阶自动驾驶'))
  expect(container.textContent).toContain('智能系统')
  tap(rural)
  await eventually(() => expect(container.textContent).toContain('本领域不细分方向，填报时选择领域即可。'))
})
