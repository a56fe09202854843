/**
 * A real network failure (nothing listens on the port) shows the error state in Chinese with
 * a retry; once the server is reachable, 重新加载 brings the list.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import { CampaignListScreen } from '../../src/features/campaigns'
import { NETWORK_MESSAGE, setApiBase } from '../../src/services/http'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { freePort } from '../support/ports'
import { API } from './support/server'

afterEach(() => setApiBase(API))

it('shows 网络不可用 with a retry that recovers once the server is reachable', async () => {
  expect(NETWORK_MESSAGE).toBe('网络不可用，请检查网络后重试')
  setApiBase(`http://127.0.0.1:${await freePort()}`) // a port nobody listens on

  const { container } = render(<CampaignListScreen />, {})
  await eventually(() => expect(container.querySelector('.state-view--error')).not.toBeNull())
  expect(container.textContent).toContain('征集活动加载失败')
  expect(container.textContent).toContain(NETWORK_MESSAGE)
  const retry = container.querySelector('.state-view__action')!
  expect(retry.textContent).toBe('重新加载')

  setApiBase(API)
  tap(retry)
  await eventually(() => expect(container.querySelectorAll('.campaign-item').length).toBeGreaterThan(0))
  expect(container.querySelector('.state-view--error')).toBeNull()
})
