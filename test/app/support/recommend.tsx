/**
 * What the recommender tests share. Each of their files starts its OWN real server (fresh
 * embedded database, demo campaigns, local identity provider) rather than the one globalSetup
 * started: the demo enterprises are shared by every app test, allow 10 demands per campaign,
 * and profile.test needs ent-zhixin's profile still incomplete, while these tests need both
 * enterprises to submit several demands and the unit's ranked list to be theirs alone.
 * The app's HTTP client is pointed at that server; data is made through its real API.
 */
import { act, render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { SignInScreen } from '../../../src/features/auth'
import { setApiBase } from '../../../src/services/http'
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { freePort } from '../../support/idp'
import { completeProfile, handoffCode, signInOverHttp, submitDemand, type ApiSession } from '../../support/http-session'
import { completeAnswers } from '../../types/fixtures'
import { eventually } from './eventually'

export const DEMO = 'cq-2026-key-areas-demo'
/** The real 2025 notice: both deadlines passed, so everything is read-only. */
export const CLOSED = 'cq-2026-key-areas'

export interface OwnServer {
  url: string
  close(): Promise<void>
}

const ROOT = path.resolve(__dirname, '../../..')

/** A real server of our own (as globalSetup starts one: tsx server/main.ts); the app talks to it until `close`. */
export async function startOwnServer(): Promise<OwnServer> {
  const [port, idpPort] = [await freePort(), await freePort()]
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'app-recommend-'))
  const url = `http://127.0.0.1:${port}`
  const out = fs.openSync(path.join(dir, 'server.log'), 'a')
  const child = spawn(path.join(ROOT, 'node_modules/.bin/tsx'), ['server/main.ts'], {
    cwd: ROOT,
    detached: true, // its own process group: close() stops tsx and the server it runs
    stdio: ['ignore', out, out],
    env: {
      ...process.env,
      NODE_ENV: 'test',
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
      DATA_DIR: path.join(dir, 'data'),
      DEV_IDP_PORT: String(idpPort),
      H5_DIR: path.join(dir, 'no-h5'),
      DATABASE_URL: '',
      DEMO_SEED: 'true'
    }
  })
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      /* already gone */
    }
  }
  const deadline = Date.now() + 120_000
  for (;;) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break
    } catch {
      /* starting */
    }
    if (child.exitCode !== null || Date.now() > deadline) {
      kill('SIGKILL')
      throw new Error(`own server did not start:\n${fs.readFileSync(path.join(dir, 'server.log'), 'utf8').slice(-3000)}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  setApiBase(url)
  return {
    url,
    async close() {
      kill('SIGTERM')
      await new Promise((r) => setTimeout(r, 1000))
      kill('SIGKILL')
      fs.rmSync(dir, { recursive: true, force: true })
    }
  }
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
  return {
    ...completeAnswers(DEMO),
    demandName,
    domain: { domain: 'agriculture', direction: '智能农机' },
    background: '我市丘陵山区耕地占比超过九成，地块小而分散、坡度大，通用农机难以下地作业，机耕道路缺乏，农业生产长期依靠人力，劳动力老龄化严重。',
    currentStatus: '现有小型农机动力不足、爬坡能力差，缺少针对梯田和坡地的自动导航与作业控制，关键零部件如液压系统和传动箱依赖外购，整机可靠性不高。',
    researchContent: '研究适应二十五度坡地的履带底盘与自动调平技术，研究北斗导航下的小地块路径规划，研制耕整地、播种、植保和收获多用途作业机具并开展示范。',
    expectedOutcome: '研制丘陵山区多功能作业平台两种，形成成套作业方案，示范面积一万亩。',
    industrialization: '丘陵山区农机市场规模大，成果可在西南各省推广应用。',
    applicationEntities: '农业合作社、家庭农场和农机服务组织。',
    applicationScenarios: '梯田、坡地的耕种管收全过程作业。',
    advantageUnits: '西南大学工程技术学院、重庆市农业机械化技术推广总站。',
    solverRequirements: '具有山地农机整机研发和批量生产能力。',
    recommender: unit
  }
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
