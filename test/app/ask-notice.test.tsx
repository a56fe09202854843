/**
 * 问通知 on a campaign's page against the real server: a question typed in the box brings the
 * notice's paragraph with the question's words marked and a call link for the contact; a
 * question the notice says nothing about says so.
 */
import { act, render } from '@tarojs/test-utils-react/dist/pure'
import { tap } from './support/events'
import { AskNotice } from '../../src/features/campaigns/components'
import { eventually } from './support/eventually'

async function renderAsk() {
  const view = render(<AskNotice campaignId='cq-2026-key-areas' />, {})
  const input = await eventually(() => {
    const el = view.container.querySelector('.ask-notice input') as HTMLInputElement | null
    expect(el).not.toBeNull()
    return el!
  })
  const type = (text: string) =>
    act(() => {
      input.value = text
      input.dispatchEvent(new Event('input', { bubbles: true }))
    })
  return { ...view, input, type }
}

it('has a labelled box with an example question', async () => {
  const { input } = await renderAsk()
  // Taro's input component carries the label; its native input the placeholder
  expect(input.closest('taro-input-core')?.getAttribute('aria-label')).toBe('向通知提问')
  expect(input.getAttribute('placeholder')).toBe('例如：截止时间、能报几项、找谁咨询')
})

it('answers with the paragraph, its matching words marked, and a call link for the contact', async () => {
  const { container, type } = await renderAsk()
  type('人工智能方面找谁咨询')
  await eventually(() => expect(container.querySelectorAll('[data-testid="ask-notice-paragraph"]').length).toBeGreaterThan(0))
  const first = container.querySelector('[data-testid="ask-notice-paragraph"]')!
  expect(first.textContent).toContain('人工智能专项')
  expect(first.textContent).toContain('郑美娟')
  const marks = [...first.querySelectorAll('.ask-notice__mark')].map((m) => m.textContent)
  expect(marks).toEqual(expect.arrayContaining(['人工智能']))
  const call = container.querySelector('[data-testid="ask-notice-call"]') as HTMLAnchorElement
  expect(call.getAttribute('href')).toBe('tel:023-63073626')
  expect(call.getAttribute('aria-label')).toBe('拨打人工智能专项 郑美娟电话 023-63073626')
})

it('says so when the notice has nothing on the question', async () => {
  const { container, type } = await renderAsk()
  type('qwerty')
  await eventually(() => expect(container.querySelector('[data-testid="ask-notice-empty"]')?.textContent).toBe('通知里没有找到相关内容，可以换个说法再问'))
  expect(container.querySelectorAll('[data-testid="ask-notice-paragraph"]')).toHaveLength(0)
})

it('offers 清除 while the box has focus and text, and 清除 empties it', async () => {
  const { container, input, type } = await renderAsk()
  const clear = () => container.querySelector('.ask-notice [role="button"][aria-label="清除"]')
  type('截止时间')
  expect(clear()).toBeNull()
  act(() => void input.dispatchEvent(new FocusEvent('focus')))
  await eventually(() => expect(clear()).not.toBeNull())
  tap(clear()!)
  await eventually(() => expect(input.value).toBe(''))
  expect(container.querySelector('.ask-notice')?.textContent).toContain('输入问题，查看通知原文中的相关段落')
  expect(clear()).toBeNull()
})
