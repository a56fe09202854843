import { Skeleton } from '@nutui/nutui-react-taro'
import { Button } from '../button'
import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'
import type { ApiError } from '../../services/http'
import type { AsyncResult } from '../use-async'
import './index.scss'

export interface StateViewProps {
  kind: 'loading' | 'empty' | 'error'
  title?: string
  description?: string
  actionText?: string
  onAction?: () => void
  /** Number of skeleton cards while loading. */
  rows?: number
}

/** Loading (skeleton), empty and error-with-retry states, the same on every page. */
export function StateView({ kind, title, description, actionText, onAction, rows = 3 }: StateViewProps) {
  if (kind === 'loading') {
    return (
      <View className='state-view state-view--loading' aria-busy='true' aria-label='正在加载'>
        {Array.from({ length: rows }, (_, i) => (
          <View key={i} className='state-view__skeleton card'>
            <Skeleton rows={3} animated />
          </View>
        ))}
      </View>
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
      <Text className='state-view__title'>{title ?? (kind === 'error' ? '加载失败' : '暂无内容')}</Text>
      {description ? <Text className='state-view__description'>{description}</Text> : null}
      {actionText && onAction ? (
        <Button className='state-view__action' type='primary' fill={kind === 'error' ? 'outline' : 'solid'} onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  )
}

export interface AsyncViewProps<T> {
  state: AsyncResult<T>
  children: (data: T) => ReactNode
  /** Data that counts as nothing to show. */
  isEmpty?: (data: T) => boolean
  empty?: Omit<StateViewProps, 'kind'>
  /** Overrides the error view (e.g. a sign-in prompt on 401). */
  renderError?: (error: ApiError, retry: () => void) => ReactNode
  rows?: number
}

/** Shows the loading, error or empty state of an async load, or its data. */
export function AsyncView<T>({ state, children, isEmpty, empty, renderError, rows }: AsyncViewProps<T>) {
  if (state.status === 'loading') return <StateView kind='loading' rows={rows} />
  if (state.status === 'error') {
    if (renderError) return <>{renderError(state.error, state.reload)}</>
    return <StateView kind='error' title='加载失败' description={state.error.message} actionText='重试' onAction={state.reload} />
  }
  if (isEmpty?.(state.data)) return <StateView kind='empty' {...empty} />
  return <>{children(state.data)}</>
}
