/**
 * The home screen against the real server: every seeded campaign, the demo copies open with
 * a live countdown, the real (past) notices closed.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { countdown, formatCountdown } from '../../types/time'
import type { CampaignSummary } from '../../types/domain'
import { CampaignListScreen } from '../../src/features/campaigns'
import { CampaignList, sortCampaigns } from '../../src/features/campaigns/components'
import { embedInPage } from './support/embedded'
import { eventually } from './support/eventually'
import { serverGet, serverTime } from './support/server'

function item(container: Element, id: string): Element {
  const el = container.querySelector(`[data-campaign-id="${id}"]`)
  if (!el) throw new Error(`no list item for ${id}`)
  return el
}

/** The countdown the server's clock gives now (or a second ago, if it just ticked). */
async function expectedCountdowns(deadlineIso: string): Promise<string[]> {
  const now = await serverTime()
  const deadline = Date.parse(deadlineIso)
  return [formatCountdown(countdown(deadline, now)), formatCountdown(countdown(deadline, now - 1500))]
}

describe('campaign list', () => {
  let campaigns: CampaignSummary[]

  beforeAll(async () => {
    ;({ campaigns } = await serverGet<{ campaigns: CampaignSummary[] }>('/api/campaigns'))
  })

  it('shows every seeded campaign with its issuer, tagline and deadline', async () => {
    expect(campaigns.length).toBeGreaterThanOrEqual(2)
    const { container } = render(<CampaignListScreen />, {})
    await eventually(() => expect(container.querySelectorAll('.campaign-item')).toHaveLength(campaigns.length))

    for (const c of campaigns) {
      const text = item(container, c.id).textContent ?? ''
      expect(text).toContain(c.title)
      expect(text).toContain(c.issuer)
      expect(text).toContain(c.tagline)
      expect(text).toMatch(/填报截止 \d{4}年\d{1,2}月\d{1,2}日 24:00/)
    }
  })

  it('marks the demo copies 演示 and 征集中 with a countdown, and the real notices 已截止', async () => {
    const demos = campaigns.filter((c) => c.isDemo)
    const real = campaigns.filter((c) => !c.isDemo)
    expect(demos.length).toBeGreaterThan(0)
    expect(real.length).toBeGreaterThan(0)

    const { container } = render(<CampaignListScreen />, {})
    await eventually(() => expect(container.querySelectorAll('.campaign-item')).toHaveLength(campaigns.length))

    for (const c of demos) {
      const el = item(container, c.id)
      expect(c.title.startsWith('【演示】')).toBe(true)
      expect(el.querySelector('.campaign-tag--demo')?.textContent).toBe('演示')
      expect(el.querySelector('.campaign-tag--open')?.textContent).toBe('征集中')
      const shown = el.querySelector('[data-testid="countdown"]')?.textContent
      expect(await expectedCountdowns(c.enterpriseDeadlineAt)).toContain(shown)
      expect(shown).toMatch(/^剩 \d+ 天 \d+ 小时$/)
    }
    for (const c of real) {
      const el = item(container, c.id)
      expect(c.title).not.toContain('【演示】')
      expect(el.querySelector('.campaign-tag--demo')).toBeNull()
      expect(el.querySelector('.campaign-tag--closed')?.textContent).toBe('已截止')
      expect(el.querySelector('[data-testid="countdown"]')).toBeNull()
    }

    // Open campaigns come first, as the enterprise contact looks for what they can still apply to.
    const order = [...container.querySelectorAll('.campaign-item')].map((el) => el.getAttribute('data-campaign-id'))
    const firstClosed = order.findIndex((id) => real.some((c) => c.id === id))
    expect(order.slice(0, firstClosed).every((id) => demos.some((c) => c.id === id))).toBe(true)
  })

  it('paints the list the server embedded in the H5 page without asking /api/campaigns or /api/time again', async () => {
    const removeData = embedInPage({ campaigns, now: await serverTime() })
    const request = jest.spyOn(Taro, 'request')
    try {
      const { container } = render(<CampaignListScreen />, {})
      await eventually(() => expect(container.querySelectorAll('.campaign-item')).toHaveLength(campaigns.length))
      for (const c of campaigns) expect(item(container, c.id).textContent).toContain(c.title)
      const asked = request.mock.calls.map(([opts]) => String((opts as { url?: string }).url))
      expect(asked.filter((u) => /\/api\/(campaigns|time)\b/.test(u))).toEqual([])
      // taken once: a later visit of the list asks the server afresh
      expect(document.getElementById('campaigns-data')).toBeNull()
    } finally {
      request.mockRestore()
      removeData()
    }
  })

  it('renders the first screen’s four cards at once and the rest once the page is idle, in order', async () => {
    // a province-wide list: more campaigns than the seed has
    const many = Array.from({ length: 9 }, (_, i) => ({ ...campaigns[i % campaigns.length], id: `c${i}` }))
    const ids = (container: Element) => [...container.querySelectorAll('.campaign-item')].map((el) => el.getAttribute('data-campaign-id'))
    const sorted = sortCampaigns(many).map((c) => c.id)
    const { container } = render(<CampaignList campaigns={many} onOpen={() => undefined} />, {})
    expect(ids(container)).toEqual(sorted.slice(0, 4))
    await eventually(() => expect(ids(container)).toEqual(sorted))
  })
})
