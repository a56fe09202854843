/**
 * The platforms' privacy authorization around the file picker, with WeChat's documented contract
 * as a local fake (docs/privacy-apis.md): a privacy API called before the person agreed stays
 * pending and the platform calls the `onNeedPrivacyAuthorization` listener with `resolve`;
 * `resolve({ event: 'agree', buttonId })` after that button's `agreeprivacyauthorization` event
 * lets the call go on, `resolve({ event: 'disagree' })` fails it with `privacy permission is not
 * authorized`, and the next call asks again. The wizard's real attachments field is rendered in
 * the studio's preview mode (picked files are listed, not uploaded). The build's platform is
 * switched with TARO_ENV_JEST.
 */
import { act, render } from '@tarojs/test-utils-react/dist/pure'
import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import type { AttachmentsField } from '../../types/campaign'
import type { AttachmentRef } from '../../types/engine'
import { AttachmentsInput } from '../../src/features/wizard/fields/attachments-field'
import type { FieldContext } from '../../src/features/wizard/fields/types'
import { AGREE_BUTTON_ID, PRIVACY_DECLINED_MESSAGE, withPrivacy } from '../../src/services/privacy'
import { tap } from './support/events'
import { eventually } from './support/eventually'

type Resolve = (r: { event: string; buttonId?: string }) => void

/** WeChat's side of the contract: whether the person agreed, and the listener the app registered. */
const platform = {
  agreed: false,
  listener: null as null | ((resolve: Resolve, info: { referrer: string }) => void),
  /** Ids of the open-type="agreePrivacyAuthorization" buttons tapped since the prompt. */
  tapped: new Set<string>(),
  pickerOpened: 0
}
const PICKED = { path: 'wxfile://tmp/需求附件.pdf', name: '需求附件.pdf', size: 2048, type: 'file', time: 0 }

const taro = Taro as unknown as Record<string, unknown>
const originals = { onNeedPrivacyAuthorization: taro.onNeedPrivacyAuthorization, chooseMessageFile: taro.chooseMessageFile }

beforeAll(() => {
  taro.onNeedPrivacyAuthorization = jest.fn((listener: typeof platform.listener) => {
    platform.listener = listener // covering registration, as both platforms document
  })
  taro.chooseMessageFile = jest.fn(
    () =>
      new Promise((resolve, reject) => {
        const open = () => {
          platform.pickerOpened++
          resolve({ errMsg: 'chooseMessageFile:ok', tempFiles: [PICKED] })
        }
        if (platform.agreed) return open()
        if (!platform.listener) return reject({ errMsg: 'chooseMessageFile:fail privacy permission is not authorized' })
        platform.tapped.clear()
        platform.listener(
          (r) => {
            if (r.event === 'exposureAuthorization') return
            // the base library checks that the named agree button was tapped
            if (r.event === 'agree' && r.buttonId && platform.tapped.has(r.buttonId)) {
              platform.agreed = true
              open()
            } else reject({ errMsg: 'chooseMessageFile:fail privacy permission is not authorized' })
          },
          { referrer: 'chooseMessageFile' }
        )
      })
  )
  document.addEventListener('agreeprivacyauthorization', (e) => platform.tapped.add((e.target as Element).id), true)
})

afterAll(() => {
  Object.assign(taro, originals)
  delete process.env.TARO_ENV_JEST
})

beforeEach(() => {
  platform.agreed = false
  platform.pickerOpened = 0
})

const FIELD = { id: 'attachments', kind: 'attachments', label: '附件', accept: ['pdf'], maxFiles: 3, maxSizeMB: 20 } as unknown as AttachmentsField

function Attachments() {
  const [value, setValue] = useState<AttachmentRef[] | undefined>()
  const ctx = { demandId: 'preview', readOnly: false, preview: true, notify: () => undefined, def: {} } as unknown as FieldContext
  return (
    <>
      <AttachmentsInput
        field={FIELD}
        value={value}
        issues={[]}
        allIssues={[]}
        attempted={false}
        onBlur={() => undefined}
        ctx={ctx}
        onChange={(_id, update) => setValue((prev) => (typeof update === 'function' ? update(prev) : update) as AttachmentRef[])}
      />
      <Text data-testid='picked'>{(value ?? []).map((r) => r.name).join('、')}</Text>
    </>
  )
}

const sheet = (c: Element) => c.querySelector('[data-testid="privacy-sheet"]')
const addButton = (c: Element) => c.querySelector('.wz-add-row')!
const buttonNamed = (c: Element, name: string) => [...c.querySelectorAll('taro-button-core')].find((b) => b.textContent?.trim() === name)!

/** What the platform does when the person taps the open-type="agreePrivacyAuthorization" button. */
function tapAgree(c: Element) {
  const button = buttonNamed(c, '同意并继续')
  expect(button.id).toBe(AGREE_BUTTON_ID)
  act(() => {
    button.dispatchEvent(new Event('agreeprivacyauthorization', { bubbles: true }))
  })
}

it('H5 asks nothing of the platform: the call runs as it is', async () => {
  expect(await withPrivacy(async () => 'picked')).toBe('picked')
  expect(taro.onNeedPrivacyAuthorization).not.toHaveBeenCalled()
})

it('WeChat: declining says what will not work, nothing breaks, and the next tap asks again; agreeing opens the picker', async () => {
  process.env.TARO_ENV_JEST = 'weapp'
  const { container } = render(<Attachments />, {})
  tap(addButton(container))
  await eventually(() => expect(sheet(container)).not.toBeNull())
  // names what is collected and why, and links the full policy
  const text = sheet(container)!.textContent!
  for (const part of ['隐私保护提示', '文件名、大小和内容', '推荐单位和科技主管部门', '《隐私政策》']) expect(text).toContain(part)
  expect(sheet(container)!.getAttribute('role')).toBe('dialog')
  expect(platform.pickerOpened).toBe(0) // the call waits for the answer

  tap(buttonNamed(container, '不同意'))
  await eventually(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain(PRIVACY_DECLINED_MESSAGE))
  expect(sheet(container)).toBeNull()
  expect(platform.pickerOpened).toBe(0)
  expect(container.querySelector('[data-testid="picked"]')!.textContent).toBe('')

  // try again later: the platform asks again, and this time the person agrees
  tap(addButton(container))
  await eventually(() => expect(sheet(container)).not.toBeNull())
  tapAgree(container)
  await eventually(() => expect(container.querySelector('[data-testid="picked"]')!.textContent).toBe('需求附件.pdf'))
  expect(platform.pickerOpened).toBe(1)
  expect(sheet(container)).toBeNull()

  // agreed once: the next pick opens the picker without a prompt
  tap(addButton(container))
  await eventually(() => expect(platform.pickerOpened).toBe(2))
  expect(sheet(container)).toBeNull()
})
