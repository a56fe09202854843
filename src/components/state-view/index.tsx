import { Button } from '../button'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ApiError } from '../../services/http'
import { goToLogin } from '../../services/navigation'
import type { AsyncResult } from '../use-async'
import './index.scss'

export interface StateViewProps {
  /** `signed-out`: 请先登录 with 去登录, which opens the sign-in page and comes back here. */
  kind: 'loading' | 'empty' | 'error' | 'signed-out'
  title?: string
  description?: string
  actionText?: string
  onAction?: () => void
  /** Number of skeleton cards while loading. */
  rows?: number
}

/** What a state says (everything of a StateView but its kind). */
export type StateText = Omit<StateViewProps, 'kind' | 'rows'>

/** Loading (skeleton), empty, signed-out and error-with-retry states, the same on every page. */
export function StateView({ kind, title, description, actionText, onAction, rows = 3 }: StateViewProps) {
  if (kind === 'loading') {
    return (
      <View className='state-view state-view--loading' aria-busy='true' aria-label='正在加载'>
        {Array.from({ length: rows }, (_, i) => (
          // Our own grey lines, not NutUI's Skeleton: it sits in the main package (every screen loads
          // through here) and NutUI's re-renders each card once a second on a timer.
          <View key={i} className='state-view__skeleton card'>
            <View className='state-view__bone' />
            <View className='state-view__bone' />
            <View className='state-view__bone state-view__bone--short' />
          </View>
        ))}
      </View>
    )
  }
  if (kind === 'signed-out') {
    return (
      <StateView
        kind='empty'
        title={title ?? '请先登录'}
        description={description ?? '使用政务服务账号登录后即可查看'}
        actionText={actionText ?? '去登录'}
        onAction={onAction ?? (() => void goToLogin().catch(() => undefined))}
      />
    )
  }
  return (
    <View className={`state-view state-view--${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      <View className='state-view__glyph' aria-hidden='true'>
        {kind === 'error' ? (
          <Text>!</Text>
        ) : (
          <View className='state-view__sheet'>
            <View className='state-view__line' />
            <View className='state-view__line' />
            <View className='state-view__line state-view__line--short' />
          </View>
        )}
      </View>
      <Text className='state-view__title ui-h2 ui-mb-sm'>{title ?? (kind === 'error' ? '加载失败' : '暂无内容')}</Text>
      {description ? <Text className='state-view__description'>{description}</Text> : null}
      {actionText && onAction ? (
        <Button className='state-view__action' type='primary' fill={kind === 'error' ? 'outline' : 'solid'} onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  )
}

/**
 * What a screen says when its load fails, by kind of failure; the triage itself is `ErrorState`'s.
 * Anything not given falls back to the common wording.
 */
export interface ErrorStates {
  /** Signed out (401): what signing in gives, under 请先登录 / 去登录. */
  signedOut?: string
  /** 404: what was not found, and a way on. Without it, 404 is an error with 重试. */
  notFound?: StateText
  /** Refusals with a state of their own, by the server's error code (e.g. NOT_A_REVIEWER). */
  refused?: Record<string, StateText>
  /** Title of the error state with 重试 (default 加载失败), and its button. */
  errorTitle?: string
  retryText?: string
}

/**
 * The one triage of a failed load: signed out → sign in; a refusal the screen names → its state;
 * not found → the screen's not-found state; anything else → the server's message with 重试.
 * A not-found state without a description shows the server's message.
 */
export function ErrorState({ error, retry, states = {} }: { error: ApiError; retry: () => void; states?: ErrorStates }) {
  if (error.isUnauthenticated) return <StateView kind='signed-out' description={states.signedOut} />
  const refused = states.refused?.[error.code]
  if (refused) return <StateView kind='empty' description={error.message} {...refused} />
  if (error.status === 404 && states.notFound) return <StateView kind='empty' description={error.message} {...states.notFound} />
  return <StateView kind='error' title={states.errorTitle ?? '加载失败'} description={error.message} actionText={states.retryText ?? '重试'} onAction={retry} />
}

export interface AsyncViewProps<T> {
  state: AsyncResult<T>
  children: (data: T) => ReactNode
  /** Data that counts as nothing to show. */
  isEmpty?: (data: T) => boolean
  empty?: StateText
  /** What the screen says when the load fails (see ErrorState). */
  states?: ErrorStates
  rows?: number
}

/** Shows the loading, signed-out, not-found, error or empty state of an async load, or its data. */
export function AsyncView<T>({ state, children, isEmpty, empty, states, rows }: AsyncViewProps<T>) {
  if (state.status === 'loading') return <StateView kind='loading' rows={rows} />
  if (state.status === 'error') {
    return <ErrorState error={state.error} retry={state.reload} states={states} />
  }
  if (isEmpty?.(state.data)) return <StateView kind='empty' {...empty} />
  return <>{children(state.data)}</>
}
