/**
 * The wizard against the real server (one file, so that its tests never race on the shared
 * demo account's profile):
 * - the steps and their indicator, 下一步 refused with messages at the fields (naming them),
 *   上一步, jumping to a completed step, the live character count, conditional fields;
 * - autosave: 保存中… → 已保存 with the words on the server; offline → 离线，已暂存在本机,
 *   then sent when the network is back;
 * - the same draft changed from another session: a dialog with both values per field, the
 *   person's choice saved on the new version.
 * Offline is a real network failure (the API base pointed at a port nobody listens on).
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import Taro from '@tarojs/taro'
import { setApiBase } from '../../src/services/http'
import { freePort } from '../support/ports'
import { API } from './support/server'
import { WizardScreen } from '../../src/features/wizard'
import type { Demand } from '../../types/domain'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import {
  boxOf,
  completeProfile,
  createDemand,
  call,
  errorAt,
  fieldOf,
  otherDevice,
  serverDemand,
  signInThroughApp,
  statusText,
  stepOnScreen,
  typeInto
} from './support/wizard'

let token: string
let stepByStepDemand: Demand

beforeAll(async () => {
  // jsdom has no layout: Taro's ScrollView calls scrollIntoView, which jsdom lacks.
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
  token = await signInThroughApp()
})

afterEach(() => {
  jest.restoreAllMocks()
  setApiBase(API)
})

const next = (root: Element) => tap(root.querySelector('.wz-actionbar__next')!)
const back = (root: Element) => tap(root.querySelector('.wz-actionbar__back')!)

it('goes step by step: refuses 下一步 with messages at the fields, goes back, and jumps to a completed step', async () => {
  await completeProfile(token)
  const demand = await createDemand(token)
  stepByStepDemand = demand
  const { container, unmount } = render(<WizardScreen id={demand.id} />, {})
  await eventually(() => expect(stepOnScreen(container)).toBe('secrecy'))
  // How many steps and what each is, at once.
  expect(container.querySelector('.wz-overview__title')?.textContent).toMatch(/^共 7 步，约需 \d+ 分钟$/)
  expect([...container.querySelectorAll('[role="tab"]')].map((t) => t.getAttribute('data-step'))).toEqual([
    'secrecy',
    'basic',
    'content',
    'outcome',
    'organization',
    'recommend',
    'files'
  ])
  expect(container.querySelector('.wz-steps__position')?.textContent).toBe('第 1/7 步 · 涉密确认')

  // Nothing answered: refused, the message names the question, at the field.
  next(container)
  await eventually(() => expect(errorAt(container, 'classified')).toBe('请回答：本技术需求是否涉及国家秘密（属于涉密领域技术需求）？'))
  expect(container.querySelector('[data-testid="error-classified"]')?.getAttribute('role')).toBe('alert')
  expect(stepOnScreen(container)).toBe('secrecy')

  // 涉密 “是”: stopped with the notice's instruction; nothing goes forward.
  tap(fieldOf(container, 'classified').querySelector('[data-value="true"]')!)
  await eventually(() => expect(container.querySelector('[data-testid="gate-stop"]')?.textContent).toContain('涉密领域技术需求不进行在线征集'))
  expect(container.querySelector('.wz-actionbar__next')?.className).toContain('disabled')

  tap(fieldOf(container, 'classified').querySelector('[data-value="false"]')!)
  await eventually(() => expect(container.querySelector('[data-testid="gate-stop"]')).toBeNull())
  next(container)
  await eventually(() => expect(stepOnScreen(container)).toBe('basic'))
  expect(container.querySelector('.wz-steps__position')?.textContent).toBe('第 2/7 步 · 基本信息')

  next(container)
  await eventually(() => expect(errorAt(container, 'demandName')).toBe('需求名称为必填项'))
  expect(errorAt(container, 'domain')).toBe('所属领域及方向为必填项')
  expect(container.querySelector('[data-testid="next-error"]')?.textContent).toBe('本步还有 2 项需要完善，已在对应位置标出')

  // The count follows the engine (code points), turns red over the limit, and the message says by how much.
  const name = '车规级功能安全MCU芯片关键技术攻关及产业化'.repeat(3)
  await typeInto(fieldOf(container, 'demandName'), name)
  await eventually(() => expect(container.querySelector('[data-testid="count-demandName"]')?.className).toContain('ui-danger'))
  expect(container.querySelector('[data-testid="count-demandName"]')?.textContent).toBe(`${[...name].length}/50 · 超出${[...name].length - 50}字`)
  expect(errorAt(container, 'demandName')).toBe(`需求名称不能超过50字（当前${[...name].length}字）`)

  await typeInto(fieldOf(container, 'demandName'), '车规级功能安全MCU芯片关键技术攻关及产业化')
  tap(fieldOf(container, 'domain').querySelector('[data-value="chips"]')!)
  await eventually(() => expect(errorAt(container, 'domain')).toBe('请选择所属领域及方向的具体方向'))
  tap(fieldOf(container, 'domain').querySelector('[data-value="车规级芯片"]')!)
  await eventually(() => expect(errorAt(container, 'domain')).toBeNull())
  expect(errorAt(container, 'demandName')).toBeNull()
  next(container)
  await eventually(() => expect(stepOnScreen(container)).toBe('content'))

  back(container)
  await eventually(() => expect(stepOnScreen(container)).toBe('basic'))
  back(container)
  await eventually(() => expect(stepOnScreen(container)).toBe('secrecy'))

  // Completed steps can be opened from the indicator; a later step not yet reached cannot.
  const tab = (id: string) => container.querySelector(`[role="tab"][data-step="${id}"]`)!
  expect(tab('outcome').getAttribute('aria-disabled')).toBe('true')
  tap(tab('outcome'))
  expect(stepOnScreen(container)).toBe('secrecy')
  expect(tab('basic').textContent).toContain('已完成')
  tap(tab('basic'))
  await eventually(() => expect(stepOnScreen(container)).toBe('basic'))

  // The step the person is at is kept on the server too (resume elsewhere).
  await eventually(async () => expect((await serverDemand(token, demand.id)).currentStep).toBe('basic'))
  unmount()
})

it('opens the extra fields of 揭榜挂帅 “是” and checks amounts as it is typed', async () => {
  // The demand of the previous test, opened at a step as the review page's 修改 links do
  // (each test account may hold 10 demands in the campaign; the other app tests need some).
  const demand = stepByStepDemand
  const { container } = render(<WizardScreen id={demand.id} step='organization' />, {})
  await eventually(() => expect(stepOnScreen(container)).toBe('organization'))
  expect(container.querySelector('[data-field="solverRequirements"]')).toBeNull()
  tap(fieldOf(container, 'openCompetition').querySelector('[data-value="yes"]')!)
  await eventually(() => expect(container.querySelector('[data-field="solverRequirements"]')).not.toBeNull())
  await typeInto(fieldOf(container, 'openCompetitionInvestment'), '12.345')
  await eventually(() => expect(errorAt(container, 'openCompetitionInvestment')).toBe('“揭榜挂帅”投入金额最多保留2位小数'))
  await typeInto(fieldOf(container, 'openCompetitionInvestment'), '0.5')
  await eventually(() => expect(errorAt(container, 'openCompetitionInvestment')).toBe('“揭榜挂帅”投入金额应在 1 至 1000000 万元之间'))
})

describe('drafts', () => {
  const BASIC = { classified: false, demandName: '车规级功能安全MCU芯片关键技术攻关及产业化' }

  it('keeps every change on the phone at once and shows 保存中… then 已保存 once the server has it', async () => {
    await completeProfile(token)
    const demand = await createDemand(token, BASIC, 'basic')
    const { container } = render(<WizardScreen id={demand.id} />, {})
    await eventually(() => expect(stepOnScreen(container)).toBe('basic'))
    expect(statusText(container)).toBe('已保存')

    const name = '车规级ASIL-D功能安全MCU芯片研发'
    await typeInto(fieldOf(container, 'demandName'), name)
    expect(statusText(container)).toBe('保存中…')
    // On the phone before any request: a closed app loses nothing.
    const local = Taro.getStorageSync(`wizard.draft.${demand.id}`)
    expect(local.answers.demandName).toBe(name)
    expect(local.dirty).toBe(true)

    await eventually(() => expect(statusText(container)).toBe('已保存'))
    const saved = await serverDemand(token, demand.id)
    expect(saved.answers.demandName).toBe(name)
    expect(saved.version).toBe(demand.version + 1)
    expect(Taro.getStorageSync(`wizard.draft.${demand.id}`).dirty).toBe(false)
  })

  it('says 离线，已暂存在本机 when the network is gone, and sends the words when it is back', async () => {
    const demand = await createDemand(token, BASIC, 'basic')
    const { container } = render(<WizardScreen id={demand.id} />, {})
    await eventually(() => expect(stepOnScreen(container)).toBe('basic'))

    setApiBase(`http://127.0.0.1:${await freePort()}`) // nothing listens there: a real network failure
    const name = '离线时写下的需求名称'
    await typeInto(fieldOf(container, 'demandName'), name)
    await eventually(() => expect(statusText(container)).toBe('离线，已暂存在本机'))
    expect(Taro.getStorageSync(`wizard.draft.${demand.id}`).answers.demandName).toBe(name)
    expect((await serverDemand(token, demand.id)).answers.demandName).toBe(BASIC.demandName)

    // Still offline: more words are kept too.
    const more = '离线时写下的需求名称（补充）'
    await typeInto(fieldOf(container, 'demandName'), more)
    expect(Taro.getStorageSync(`wizard.draft.${demand.id}`).answers.demandName).toBe(more)

    setApiBase(API)
    window.dispatchEvent(new Event('online'))
    await eventually(() => expect(statusText(container)).toBe('已保存'))
    expect((await serverDemand(token, demand.id)).answers.demandName).toBe(more)
  })

  it('resumes where the person was: unsent words on this phone win over the older server copy and are sent', async () => {
    const demand = await createDemand(token, BASIC, 'basic')
    const first = render(<WizardScreen id={demand.id} />, {})
    await eventually(() => expect(stepOnScreen(first.container)).toBe('basic'))
    setApiBase(`http://127.0.0.1:${await freePort()}`)
    await typeInto(fieldOf(first.container, 'demandName'), '关掉应用前没来得及保存的名称')
    await eventually(() => expect(statusText(first.container)).toBe('离线，已暂存在本机'))
    first.unmount() // the app is closed

    setApiBase(API)
    const again = render(<WizardScreen id={demand.id} />, {})
    await eventually(() => expect(stepOnScreen(again.container)).toBe('basic'))
    const box = await boxOf(fieldOf(again.container, 'demandName'))
    expect(box.value).toBe('关掉应用前没来得及保存的名称')
    await eventually(() => expect(statusText(again.container)).toBe('已保存'))
    expect((await serverDemand(token, demand.id)).answers.demandName).toBe('关掉应用前没来得及保存的名称')
  })

  it('shows both copies per field when another device saved first, and saves what the person chose', async () => {
    const demand = await createDemand(token, { ...BASIC, background: '本机和服务器原本相同的背景。' }, 'basic')
    const { container } = render(<WizardScreen id={demand.id} />, {})
    await eventually(() => expect(stepOnScreen(container)).toBe('basic'))

    // The other phone saves first: a new name and a new background.
    const other = await otherDevice()
    const current = await serverDemand(other, demand.id)
    const otherSave = await call(other, 'PUT', `/api/demands/${demand.id}/draft`, {
      baseVersion: current.version,
      answers: { ...current.answers, demandName: '另一台手机改的名称', background: '另一台手机写的背景说明。' },
      currentStep: 'content'
    })
    expect(otherSave.status).toBe(200)

    // This phone, still on the old version, picks a field: its save is refused, the dialog opens.
    tap(fieldOf(container, 'domain').querySelector('[data-value="chips"]')!)
    tap(fieldOf(container, 'domain').querySelector('[data-value="车规级芯片"]')!)
    const dialog = await eventually(() => {
      const d = container.querySelector('[data-testid="conflict-dialog"]')
      expect(d).not.toBeNull()
      return d!
    })
    expect(statusText(container)).toBe('与其他设备的修改有冲突，待确认')
    expect(dialog.getAttribute('role')).toBe('dialog')
    const rows = () => [...dialog.querySelectorAll('[data-conflict-field]')].map((r) => r.getAttribute('data-conflict-field'))
    expect(rows()).toEqual(['demandName', 'domain', 'background'])
    const option = (fieldId: string, side: 'local' | 'server') =>
      dialog.querySelector(`[data-conflict-field="${fieldId}"] [data-side="${side}"]`)!
    expect(option('demandName', 'local').textContent).toContain(BASIC.demandName)
    expect(option('demandName', 'server').textContent).toContain('另一台手机改的名称')
    expect(option('domain', 'local').textContent).toContain('高端器件与芯片 / 车规级芯片')
    expect(option('domain', 'server').textContent).toContain('未填写')
    // Preselected: this phone's own edit, the other phone's where this phone changed nothing.
    expect(option('domain', 'local').getAttribute('aria-checked')).toBe('true')
    expect(option('demandName', 'server').getAttribute('aria-checked')).toBe('true')
    expect(option('background', 'server').getAttribute('aria-checked')).toBe('true')
    // Nothing was overwritten while the person reads.
    expect((await serverDemand(token, demand.id)).answers.demandName).toBe('另一台手机改的名称')

    // The person keeps this phone's name, the other phone's background, and this phone's field.
    tap(option('demandName', 'local'))
    await eventually(() => expect(option('demandName', 'local').getAttribute('aria-checked')).toBe('true'))
    tap(dialog.querySelector('.wz-conflict__save')!)
    await eventually(() => expect(container.querySelector('[data-testid="conflict-dialog"]')).toBeNull())
    await eventually(() => expect(statusText(container)).toBe('已保存'))

    const saved = await serverDemand(token, demand.id)
    expect(saved.version).toBe(current.version + 2)
    expect(saved.answers.demandName).toBe(BASIC.demandName)
    expect(saved.answers.background).toBe('另一台手机写的背景说明。')
    expect(saved.answers.domain).toEqual({ domain: 'chips', direction: '车规级芯片' })
    // And the screen shows what was saved.
    await eventually(async () => expect((await boxOf(fieldOf(container, 'demandName'))).value).toBe(BASIC.demandName))
  })
})
