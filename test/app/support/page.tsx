/**
 * A page rendered with Taro's own React runtime in charge of its hooks (test/app/setup/after-env.js
 * hands it React, as the H5 entry does): the page hooks
 * (usePullDownRefresh, useShareAppMessage, …) register their handlers on Taro's page instance,
 * and the test then plays the platform, calling the page's lifecycle methods as WeChat / Alipay
 * would (onPullDownRefresh, onShareAppMessage). One hosted page at a time (unmount after).
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import { getPageInstance, HOOKS_APP_ID } from '@tarojs/runtime'
import type { ReactElement } from 'react'

export function hostPage(page: ReactElement) {
  // without a page wrapper, Taro keeps the page hooks on its shared instance
  const id = HOOKS_APP_ID
  const view = render(page, {})
  /** Calls the page's lifecycle method as the platform does; the handlers' answers, in order. */
  const lifecycle = (name: string, ...args: unknown[]): unknown[] => {
    const registered = (getPageInstance(id) as Record<string, unknown> | undefined)?.[name]
    const handlers = (Array.isArray(registered) ? registered : [registered]).filter((f): f is (...a: unknown[]) => unknown => typeof f === 'function')
    if (handlers.length === 0) throw new Error(`the page has no ${name}`)
    return handlers.map((f) => f(...args))
  }
  return { ...view, lifecycle }
}
