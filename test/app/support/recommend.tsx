/**
 * What the recommender tests share. Each of their files starts its OWN real server (fresh
 * database, demo campaigns, local identity provider) rather than the one globalSetup
 * started: the demo enterprises are shared by every app test, allow 10 demands per campaign,
 * and profile.test needs ent-zhixin's profile still incomplete, while these tests need both
 * enterprises to submit several demands and the unit's ranked list to be theirs alone.
 * The app's HTTP client is pointed at that server; data is made through its real API.
 */
import { act, render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { SignInScreen } from '../../../src/features/auth'
import { setApiBase } from '../../../src/services/http'
import { completeProfile, handoffCode, signInOverHttp, submitDemand, type ApiSession } from '../../support/http-session'
import { completeAnswers, farmAnswers as farmFixture } from '../../types/fixtures'
import { spawnServer } from '../setup/spawn-server'
import { eventually } from './eventually'

export const DEMO = 'cq-2026-key-areas-demo'
/** The real 2025 notice: both deadlines passed, so everything is read-only. */
export const CLOSED = 'cq-2026-key-areas'

export interface OwnServer {
  url: string
  close(): Promise<void>
}

/** A real server of our own (as globalSetup starts one); the app talks to it until `close`. */
export async function startOwnServer(): Promise<OwnServer> {
  const server = await spawnServer('app-recommend-', { DEMO_SEED: 'true' })
  setApiBase(server.base)
  return { url: server.base, close: () => server.stop() }
}

/** Signs the app in as a demo account, as a mini-program does: the provider's hand-off code traded by SignInScreen. */
export async function signInApp(base: string, account: string): Promise<string> {
  Taro.removeStorageSync('auth.token')
  const code = await handoffCode(base, account)
  const view = render(<SignInScreen handoff={code} />, {})
  await eventually(() => expect(Taro.getStorageSync('auth.token')?.token).toBeTruthy())
  view.unmount()
  return Taro.getStorageSync('auth.token').token as string
}

export interface Enterprises {
  zhixin: ApiSession
  shancheng: ApiSession
}

/** Both demo enterprises signed in over HTTP, with their profiles complete. */
export async function enterprises(base: string): Promise<Enterprises> {
  const [zhixin, shancheng] = await Promise.all([signInOverHttp(base, 'ent-zhixin'), signInOverHttp(base, 'ent-shancheng')])
  await Promise.all([completeProfile(zhixin, 'ent-zhixin'), completeProfile(shancheng, 'ent-shancheng')])
  return { zhixin, shancheng }
}

/** The Chongqing fixture (车规级 MCU, 高端器件与芯片 / 车规级芯片), recommended by `unit`. */
export function mcuAnswers(unit = 'liangjiang', demandName?: string): Record<string, unknown> {
  return { ...completeAnswers(DEMO), recommender: unit, ...(demandName ? { demandName } : {}) }
}

/** A demand on another subject altogether (农业前沿技术 / 智能农机). */
export function farmAnswers(unit = 'liangjiang', demandName = '丘陵山区智能农机装备关键技术研究'): Record<string, unknown> {
  return { ...farmFixture(DEMO), demandName, recommender: unit }
}

/** A demand in 先进制造 / 智能机器人. */
export function robotAnswers(unit = 'liangjiang', demandName = '高精度工业机器人精密减速器研发及产业化'): Record<string, unknown> {
  return { ...farmAnswers(unit, demandName), domain: { domain: 'advanced-manufacturing', direction: '智能机器人' } }
}

export { submitDemand }

/** Stand-in for the person pressing 确定 (or 取消) in the platform's confirmation dialog. */
export function answerDialogs(confirm: boolean): jest.SpyInstance {
  return jest.spyOn(Taro, 'showModal').mockImplementation(((opts: Taro.showModal.Option) => {
    const res = { confirm, cancel: !confirm, errMsg: 'showModal:ok' }
    opts?.success?.(res as Taro.showModal.SuccessCallbackResult)
    return Promise.resolve(res)
  }) as unknown as typeof Taro.showModal)
}

/** Sets the window's width as a phone (375) or a desktop browser (1280) has it. */
export function setWidth(px: number): void {
  Object.defineProperty(window, 'innerWidth', { configurable: true, writable: true, value: px })
  window.dispatchEvent(new Event('resize'))
}

/** Types into a Taro text box or text area (H5 web components, which render their inner box a moment later). */
export async function typeText(root: Element, selector: string, value: string): Promise<void> {
  const el = await eventually(() => {
    const box = root.querySelector(selector)
    const inner = box && (box.matches('input, textarea') ? box : box.querySelector('input, textarea'))
    if (!inner) throw new Error(`no text box ${selector}`)
    return inner as HTMLInputElement
  })
  act(() => {
    el.value = value
    el.dispatchEvent(new Event('input', { bubbles: true }))
  })
}
