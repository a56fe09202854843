/**
 * H5 links to a `javascript:` address (Taro's tab bar items) are not followed, which the page's
 * CSP would refuse with a console error; their own click handlers still run, and other links are
 * followed as before.
 */
import { keepScriptLinksInert } from '../../src/services/script-links'

it('keeps a javascript: link from being followed while its handler runs; other links are untouched', () => {
  keepScriptLinksInert(document)
  const tab = document.createElement('a')
  tab.setAttribute('href', 'javascript:;')
  const label = document.createElement('p')
  tab.append(label)
  let tapped = 0
  tab.addEventListener('click', () => tapped++)
  const page = document.createElement('a')
  page.setAttribute('href', '#/pages/campaign/index?id=x')
  document.body.append(tab, page)

  const onLabel = new MouseEvent('click', { bubbles: true, cancelable: true })
  label.dispatchEvent(onLabel)
  expect(onLabel.defaultPrevented).toBe(true)
  expect(tapped).toBe(1)

  const onPage = new MouseEvent('click', { bubbles: true, cancelable: true })
  page.dispatchEvent(onPage)
  expect(onPage.defaultPrevented).toBe(false)
})
