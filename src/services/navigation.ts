/** Routes of the app and moving between them on every platform. */
import Taro from '@tarojs/taro'

export const ROUTES = {
  home: '/pages/index/index',
  campaign: (id: string) => `/pages/campaign/index?id=${encodeURIComponent(id)}`,
  login: '/pages/login/index',
  profile: '/pages/profile/index',
  demands: '/packages/demand/pages/list/index',
  /** The wizard of one demand; `step` / `field` open a given step and scroll to a field. */
  wizard: (id: string, step?: string, field?: string) =>
    `/packages/demand/pages/wizard/index?id=${encodeURIComponent(id)}${step ? `&step=${encodeURIComponent(step)}` : ''}${
      field ? `&field=${encodeURIComponent(field)}` : ''
    }`,
  review: (id: string) => `/packages/demand/pages/review/index?id=${encodeURIComponent(id)}`,
  versions: (id: string) => `/packages/demand/pages/versions/index?id=${encodeURIComponent(id)}`,
  /** 消息 tab: the message center. */
  messages: '/pages/messages/index',
  /** Where a demand stands: timeline, current step, what can be done now (server APP_PATHS.demandStatus). */
  status: (id: string) => `/packages/demand/pages/status/index?id=${encodeURIComponent(id)}`,
  /** The demand's conversation with its recommending unit (server APP_PATHS.demandThread). */
  thread: (id: string) => `/packages/demand/pages/thread/index?id=${encodeURIComponent(id)}`,
  /** Which reminders and pushes the person gets. */
  notificationSettings: '/packages/demand/pages/settings/index',
  /** 推荐工作台 of the recommending unit and the bureau (its other pages: features/recommend/routes.ts). */
  recommend: '/packages/recommend/pages/workbench/index',
  /** 活动工作室 of the bureau: its campaigns (the editor: features/studio/routes.ts). */
  studio: '/packages/studio/pages/list/index'
} as const

/** Position of each tab in app.config.ts's tabBar.list (for setTabBarBadge). */
export const TAB_INDEX = { home: 0, messages: 1, profile: 2 } as const

const TAB_PAGES = new Set<string>([ROUTES.home, ROUTES.messages, ROUTES.profile])

function pathOf(url: string): string {
  const path = url.split('?')[0]
  return path.startsWith('/') ? path : `/${path}`
}

export function isTabPage(url: string): boolean {
  return TAB_PAGES.has(pathOf(url))
}

/** Opens a page: tab pages by switching tabs, the others on top of the stack. Resolves false on failure. */
export function openPage(url: string): Promise<boolean> {
  return safely(() => (isTabPage(url) ? Taro.switchTab({ url: pathOf(url) }) : Taro.navigateTo({ url }))).then(
    () => true,
    (e) => {
      console.warn('[navigation] 无法打开页面', url, e)
      return false
    }
  )
}

/** Navigation APIs may throw instead of rejecting (e.g. before the router is ready). */
function safely(go: () => Promise<unknown>): Promise<unknown> {
  try {
    return Promise.resolve(go())
  } catch (e) {
    return Promise.reject(e)
  }
}

/** Replaces the whole stack with `url` (used after sign-in when there is nothing to go back to). */
export function relaunch(url: string): Promise<unknown> {
  return safely(() => (isTabPage(url) ? Taro.switchTab({ url: pathOf(url) }) : Taro.reLaunch({ url })))
}

/** The page stack; empty before the router is ready (H5's getCurrentPages throws then). */
function pageStack(): unknown[] {
  try {
    return Taro.getCurrentPages?.() ?? []
  } catch {
    return []
  }
}

/** The route of the page on top of the stack, with its query, e.g. `/pages/campaign/index?id=x`. */
export function currentRoute(): string {
  const pages = pageStack()
  const page = pages[pages.length - 1] as { route?: string; path?: string; options?: Record<string, string> } | undefined
  if (!page) return ROUTES.home
  const route = pathOf(page.route ?? page.path ?? ROUTES.home)
  const query = Object.entries(page.options ?? {})
    .filter(([k, v]) => k !== '$taroTimestamp' && v !== undefined && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&')
  return query ? `${route}?${query}` : route
}

export function stackDepth(): number {
  return pageStack().length
}

/** The sign-in page being opened now: two asks at once (two loads answering 401, a double tap) open one. */
let openingLogin: Promise<unknown> | undefined

/**
 * Sends the user to sign in; afterwards they come back to `returnTo`. Opens nothing when the
 * sign-in page is on top already or being opened.
 */
export function goToLogin(returnTo: string = currentRoute()): Promise<unknown> {
  if (pathOf(currentRoute()) === ROUTES.login) return Promise.resolve()
  openingLogin ??= safely(() => Taro.navigateTo({ url: `${ROUTES.login}?returnTo=${encodeURIComponent(returnTo)}` })).finally(() => {
    openingLogin = undefined
  })
  return openingLogin
}
