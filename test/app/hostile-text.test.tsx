/**
 * Hostile text is shown as text: markup (<img onerror>, <script>), zero-width and
 * right-to-left override characters and emoji with zero-width joiners, typed by an
 * enterprise into its demand and by the recommending unit into the thread, against the real
 * server. The thread (enterprise) and the review page (recommending unit) show every
 * character as written and create no element from it.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import { DemandScreen } from '../../src/features/recommend'
import { ThreadScreen } from '../../src/features/messages/thread'
import { startTokenSession } from '../../src/services/session'
import { eventually } from './support/eventually'
import { api, RECOMMENDER, submitNewDemand, tokenFor } from './support/journey'

const TITLE = '<img src=x onerror="window.__pwned=1">\u202e车规级\u200bMCU👩‍💻'
const MESSAGE = '<img src=x onerror="window.__pwned=2"><script>window.__pwned=3</script> 请补充\u200b测试条件 \u202eabc 👨‍👩‍👧'

/** An enterprise of its own (test/support/idp-accounts.json), whose very name is markup: the shared accounts reach their campaign limit. */
const HOSTILE_ENTERPRISE = 'ent-hostile'

let enterprise: string
let recommender: string
let demandId: string

/** Nothing the text spelled out became an element or ran. */
function expectInert(container: Element) {
  expect(container.querySelector('img[src="x"], img[onerror], script')).toBeNull()
  expect([...container.querySelectorAll('*')].some((el) => el.hasAttribute('onerror'))).toBe(false)
  expect((window as { __pwned?: number }).__pwned).toBeUndefined()
}

beforeAll(async () => {
  ;[enterprise, recommender] = await Promise.all([tokenFor(HOSTILE_ENTERPRISE), tokenFor(RECOMMENDER)])
  demandId = await submitNewDemand(enterprise, TITLE)
  await api(recommender, 'POST', `/api/demands/${demandId}/thread`, { body: MESSAGE })
})

it('the thread shows a message of markup and direction characters as the text it is', async () => {
  startTokenSession(enterprise)
  const { container } = render(<ThreadScreen id={demandId} />, {})
  const bubble = await eventually(() => {
    const el = [...container.querySelectorAll('[data-mine="false"] .bubble__text')].pop()
    if (!el) throw new Error('no message yet')
    return el
  })
  expect(bubble.textContent).toBe(MESSAGE)
  expectInert(container)
})

it('the review page shows the demand’s name as the text it is', async () => {
  startTokenSession(recommender)
  const { container } = render(<DemandScreen id={demandId} />, {})
  await eventually(() => expect(container.textContent).toContain(TITLE))
  expectInert(container)
})
