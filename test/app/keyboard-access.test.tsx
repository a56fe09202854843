/**
 * H5 keyboard access (src/services/keyboard-access.ts): Taro's custom elements with an
 * interactive role become focusable as they appear or get their role, and Enter or Space taps
 * the focused one. Elements without such a role, and the browser's own elements, are left alone.
 */
import { enableKeyboardAccess } from '../../src/services/keyboard-access'

const mutationsSeen = () => new Promise((r) => setTimeout(r, 0))

it('makes tappable Taro elements focusable as they appear, and Enter or Space taps them', async () => {
  enableKeyboardAccess(document)
  const link = document.createElement('taro-view-core')
  link.setAttribute('role', 'link')
  const text = document.createElement('taro-text-core')
  const anchor = document.createElement('a')
  anchor.setAttribute('role', 'link')
  const row = document.createElement('taro-view-core')
  row.append(link)
  document.body.append(row, text, anchor)
  await mutationsSeen()

  expect(link.getAttribute('tabindex')).toBe('0')
  expect(row.hasAttribute('tabindex')).toBe(false)
  expect(text.hasAttribute('tabindex')).toBe(false)
  expect(anchor.hasAttribute('tabindex')).toBe(false)

  let taps = 0
  link.addEventListener('click', () => taps++)
  for (const key of ['Enter', ' ', 'a', 'Tab']) link.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }))
  expect(taps).toBe(2)

  // A role given later (a View that becomes a button) is seen too.
  text.setAttribute('role', 'button')
  await mutationsSeen()
  expect(text.getAttribute('tabindex')).toBe('0')
})
