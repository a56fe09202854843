/**
 * H5 only. Taro's tab bar renders its items as `<a href="javascript:;">` and switches tabs in its
 * own click handler. Following that address is running an inline script, which the page's
 * Content Security Policy refuses: every tab tap logged a CSP violation. Such links are not
 * followed; their click handlers still run.
 */
export function keepScriptLinksInert(doc: Document = document): void {
  doc.addEventListener('click', (e) => {
    const link = (e.target as Element | null)?.closest?.('a[href]')
    if (link && /^\s*javascript:/i.test(link.getAttribute('href')!)) e.preventDefault()
  })
}
