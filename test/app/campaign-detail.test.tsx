/**
 * A campaign's detail page against the real server: the fields and their directions, both
 * deadlines as the notice writes them, the recommending units by type with their quotas, and
 * the consultation contacts with a call button that dials the right number.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import type { CampaignDetail } from '../../types/domain'
import { directionLabel, unitTypeLabel } from '../../types/labels'
import { CampaignDetailScreen } from '../../src/features/campaigns'
import { CampaignDetailView } from '../../src/features/campaigns/components/campaign-detail-view'
import { getCampaign } from '../../src/features/campaigns/api'
import { tap } from './support/events'
import { embedInPage } from './support/embedded'
import { eventually } from './support/eventually'
import { serverGet, serverTime } from './support/server'

// The real 2025 Chongqing notice: its dates are fixed, so the page must print exactly these.
const ID = 'cq-2026-key-areas'

describe('campaign detail', () => {
  let campaign: CampaignDetail

  beforeAll(async () => {
    campaign = await serverGet<CampaignDetail>(`/api/campaigns/${ID}`)
  })

  afterEach(() => {
    jest.restoreAllMocks()
  })

  /** The page with every section: those below the first screen come once the page is idle. */
  async function renderDetail() {
    const view = render(<CampaignDetailScreen id={ID} />, {})
    await eventually(() => expect(view.container.querySelector('.campaign-detail__title')?.textContent).toBe(campaign.title))
    await eventually(() => expect(view.container.textContent).toContain('咨询电话'))
    return view
  }

  it('paints the first screen (title, deadlines, summary) at once and the sections below one by one once the page is idle', async () => {
    const sections = () => [...container.querySelectorAll('.campaign-detail > .card .section-title')].map((t) => t.textContent)
    const { container } = render(<CampaignDetailView campaign={campaign} />, {})
    expect(container.querySelector('.campaign-detail__title')?.textContent).toBe(campaign.title)
    expect(container.querySelector('[data-testid="enterprise-deadline"]')).not.toBeNull()
    expect(sections()).toEqual(['通知摘要'])
    const seen = [sections().length]
    await eventually(() => {
      if (seen[seen.length - 1] !== sections().length) seen.push(sections().length)
      expect(sections().at(-1)).toBe('咨询电话')
    })
    expect(sections().slice(0, 3)).toEqual(['通知摘要', '问通知', '谁可以申报'])
    // more than one step between the first screen and the whole page
    expect(seen.length).toBeGreaterThan(2)
  })

  it('paints the campaign the server embedded in its page without asking /api/campaigns/:id or /api/time, and keeps it for the next page', async () => {
    const removeData = embedInPage({ campaign, now: await serverTime() })
    const request = jest.spyOn(Taro, 'request')
    const asked = () => request.mock.calls.map(([opts]) => String((opts as { url?: string }).url)).filter((u) => /\/api\/(campaigns|time)\b/.test(u))
    try {
      const { container } = await renderDetail()
      expect(container.querySelector('[data-testid="enterprise-deadline"]')?.textContent).toBe('2025年7月20日 24:00')
      expect(asked()).toEqual([])
      // taken once: the next visit asks the server afresh
      expect(document.getElementById('campaigns-data')).toBeNull()
      // the wizard and the recommending unit's screens read it from the app's cache
      expect(await getCampaign(ID)).toEqual(campaign)
      expect(asked()).toEqual([])
    } finally {
      request.mockRestore()
      removeData()
    }
  })

  it("asks the server when the page embeds another campaign than the one it shows", async () => {
    const removeData = embedInPage({ campaign: { ...campaign, id: 'other', title: '别的征集' }, now: await serverTime() })
    const request = jest.spyOn(Taro, 'request')
    try {
      await renderDetail()
      expect(request.mock.calls.map(([opts]) => String((opts as { url?: string }).url)).some((u) => u.endsWith(`/api/campaigns/${ID}`))).toBe(true)
    } finally {
      request.mockRestore()
      removeData()
    }
  })

  it('shows both deadlines as Shanghai dates, and the campaign as closed', async () => {
    const { container } = await renderDetail()
    expect(campaign.definition.deadlines).toEqual({ enterprise: '2025-07-20', recommender: '2025-07-25' })
    expect(container.querySelector('[data-testid="enterprise-deadline"]')?.textContent).toBe('2025年7月20日 24:00')
    expect(container.querySelector('[data-testid="recommender-deadline"]')?.textContent).toBe('2025年7月25日 24:00')
    expect(container.textContent).toContain('填报截止')
    expect(container.textContent).toContain('推荐截止')
    expect(container.querySelector('.campaign-tag--closed')?.textContent).toBe('已截止')
  })

  it('shows who may apply, and every field with its directions behind a tap', async () => {
    const { container } = await renderDetail()
    const def = campaign.definition
    for (const t of def.eligibleUnitTypes) expect(container.textContent).toContain(unitTypeLabel(def, t))
    for (const r of def.eligibility) expect(container.textContent).toContain(r.message)

    expect(def.domains.length).toBeGreaterThan(0)
    const heads = [...container.querySelectorAll('.disclosure__head')]
    expect(heads.map((h) => h.querySelector('.disclosure__title')?.textContent)).toEqual(def.domains.map((d) => d.label))

    const first = def.domains[0]
    expect(container.textContent).not.toContain(directionLabel(first.directions[0]))
    expect(heads[0].getAttribute('aria-expanded')).toBe('false')
    tap(heads[0])
    await eventually(() => expect(heads[0].getAttribute('aria-expanded')).toBe('true'))
    for (const direction of first.directions) expect(container.textContent).toContain(directionLabel(direction))
  })

  it('lists the recommending units by type with their quotas', async () => {
    const { container } = await renderDetail()
    const { unitTypes, units } = campaign.definition.recommenders
    const groups = [...container.querySelectorAll('.campaign-detail__unit-group')]
    expect(groups).toHaveLength(unitTypes.length)
    unitTypes.forEach((t, i) => {
      const text = groups[i].textContent ?? ''
      expect(text).toContain(t.label)
      expect(text).toContain(t.quota === null ? '不限名额' : `每单位限荐 ${t.quota} 项`)
      for (const u of units.filter((u) => u.type === t.id)) expect(text).toContain(u.name)
    })
  })

  it('lists the contacts by group, each number a tel: link (H5; makePhoneCall on the mini-programs, test/app/touches)', async () => {
    const { container } = await renderDetail()
    const contacts = campaign.definition.contacts
    expect(contacts.length).toBeGreaterThan(1)
    const groups = [...new Set(contacts.map((c) => c.group))]
    expect([...container.querySelectorAll('.campaign-detail__contact-group')].map((g) => g.textContent)).toEqual(groups)

    const rows = [...container.querySelectorAll('.campaign-detail__contact')]
    expect(rows).toHaveLength(contacts.length)
    const pick = contacts.length - 1 // not simply the first one
    expect(rows[pick].textContent).toContain(contacts[pick].phone)
    const call = rows[pick].querySelector('.campaign-detail__call a.phone-link')!
    expect(call.textContent).toBe('拨打')
    expect(call.getAttribute('aria-label')).toContain(contacts[pick].phone)
    expect(call.getAttribute('href')).toBe(`tel:${contacts[pick].phone}`)
  })

  it('says so when the campaign does not exist', async () => {
    const { container } = render(<CampaignDetailScreen id='no-such-campaign' />, {})
    await eventually(() => expect(container.textContent).toContain('未找到该征集活动'))
  })
})
