/**
 * H5 only. Taro renders tappable Views, Texts and NutUI's buttons as custom elements
 * (taro-view-core, taro-button-core…) that a browser neither focuses nor activates from the
 * keyboard, whatever role they announce. This gives every such element with an interactive
 * role tabindex=0, as it appears, and lets Enter or Space tap the focused one, so people
 * using a keyboard or switch access reach and use every link and button (and every scroll
 * area holding them).
 */
const INTERACTIVE = /* @__PURE__ */ new Set(['link', 'button', 'tab', 'radio', 'checkbox', 'option', 'switch', 'menuitem'])

function isTaroControl(el: Element): el is HTMLElement {
  return el.tagName.startsWith('TARO-') && INTERACTIVE.has(el.getAttribute('role') ?? '')
}

function makeFocusable(root: Element) {
  const found = [root, ...root.querySelectorAll('[role]:not([tabindex])')]
  for (const el of found) if (isTaroControl(el) && !el.hasAttribute('tabindex')) el.tabIndex = 0
}

export function enableKeyboardAccess(doc: Document = document) {
  makeFocusable(doc.body)
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'attributes') makeFocusable(r.target as Element)
      else for (const n of r.addedNodes) if (n.nodeType === 1) makeFocusable(n as Element)
    }
  }).observe(doc.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['role'] })
  doc.addEventListener('keydown', (e) => {
    const el = e.target as Element
    if ((e.key === 'Enter' || e.key === ' ') && isTaroControl(el)) {
      e.preventDefault()
      el.click()
    }
  })
}
