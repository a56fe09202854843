import { Button } from '../../components/button'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { AsyncView, StateView } from '../../components/state-view'
import { useScreenAsync } from '../../components/use-async'
import { useRefreshOnKey } from '../../components/use-refresh-key'
import { serverNow } from '../../services/clock'
import { toApiError } from '../../services/http'
import { openPage, ROUTES } from '../../services/navigation'
import { getMessages, markAllMessagesRead, markMessageRead, type MessageItem, type MessagePage } from './api'
import { setUnreadBadge } from './badge'
import { formatInstant, formatShortTime } from '../../../types/time'
import './messages.scss'

/** What kind of message it is, in two or four characters. */
export function kindLabel(kind: string): string {
  if (kind.startsWith('reminder_')) return '截止提醒'
  if (kind === 'thread_message') return '留言'
  if (kind === 'status_returned') return '退回修改'
  if (kind.startsWith('status_')) return '进度'
  return '通知'
}

/** A message's tag tone by its kind (`ui-tone-<tone>`): reminders, returns, replies, other statuses. */
const kindTone = (kind: string) =>
  kind.startsWith('reminder_') ? 'attention' : kind === 'status_returned' ? 'danger' : kind === 'thread_message' ? 'positive' : 'progress'

export interface MessageCenterScreenProps {
  /** Bumped when the page shows again or is pulled down: load the first page again in the background. */
  refreshKey?: number
  /** Bumped when the list is scrolled to the bottom: load the next page. */
  reachBottomKey?: number
  onRefreshed?: () => void
}

/** 消息: every message of the signed-in person, newest first, with the unread ones marked. */
export function MessageCenterScreen({ refreshKey, reachBottomKey, onRefreshed }: MessageCenterScreenProps) {
  const state = useScreenAsync(getMessages, [], { refreshKey })
  const [more, setMore] = useState<{ loading: boolean; error?: string }>({ loading: false })
  const [markingAll, setMarkingAll] = useState(false)
  const pageRef = useRef<MessagePage | undefined>(undefined)
  pageRef.current = state.data

  // Whatever the server last said is what the tab bar shows.
  useEffect(() => {
    if (state.status === 'success') setUnreadBadge(state.data.unread)
    if (state.status !== 'loading') onRefreshed?.()
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state.status, state.data])

  const loadMore = async () => {
    const page = pageRef.current
    if (!page?.nextBefore || more.loading) return
    setMore({ loading: true })
    try {
      const next = await getMessages(page.nextBefore)
      const known = new Set(page.messages.map((m) => m.id))
      state.setData({ messages: [...page.messages, ...next.messages.filter((m) => !known.has(m.id))], unread: next.unread, nextBefore: next.nextBefore })
      setMore({ loading: false })
    } catch (e) {
      setMore({ loading: false, error: toApiError(e).message })
    }
  }

  useRefreshOnKey(reachBottomKey, () => void loadMore())

  const markLocally = (ids: Set<string> | 'all', unread?: number) => {
    const page = pageRef.current
    if (!page) return
    const messages = page.messages.map((m) => (ids === 'all' || ids.has(m.id) ? { ...m, read: true } : m))
    const left = unread ?? Math.max(0, page.unread - page.messages.filter((m) => !m.read && (ids === 'all' || ids.has(m.id))).length)
    state.setData({ ...page, messages, unread: left })
  }

  const open = (m: MessageItem) => {
    if (!m.read) {
      markLocally(new Set([m.id]))
      markMessageRead(m.id).then(
        (unread) => setUnreadBadge(unread),
        (e) => console.warn('[messages] 标记已读失败', e)
      )
    }
    void openPage(m.path).then((ok) => {
      if (!ok) Taro.showToast({ title: '无法打开该页面，请更新到最新版本', icon: 'none' })
    })
  }

  const readAll = async () => {
    setMarkingAll(true)
    try {
      const unread = await markAllMessagesRead()
      markLocally('all', unread)
      Taro.showToast({ title: '已全部标为已读', icon: 'none' })
    } catch (e) {
      Taro.showToast({ title: toApiError(e).message, icon: 'none' })
    } finally {
      setMarkingAll(false)
    }
  }

  const now = serverNow()
  return (
    <View className='page message-center'>
      <AsyncView
        state={state}
        rows={4}
        states={{ signedOut: '登录后可查看截止提醒、审核进度和推荐单位的留言', errorTitle: '消息加载失败' }}
      >
        {({ messages, unread, nextBefore }) => (
          <>
            <View className='message-center__bar ui-row ui-between ui-gap-md ui-pt-2xs ui-pb-lg ui-px-2xs'>
              <View className='ui-value ui-muted ui-keep' role='status' data-testid='unread-summary'>
                <Text>{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
              </View>
              <View className='ui-row ui-gap-md'>
                <View
                  className='message-center__settings ui-link-lg ui-py-md ui-px-xs'
                  role='link'
                  aria-label='提醒设置'
                  onClick={() => void openPage(ROUTES.notificationSettings)}
                >
                  <Text>提醒设置</Text>
                </View>
                <Button
                  className='message-center__read-all ui-keep'
                  size='small'
                  fill='outline'
                  type='primary'
                  disabled={unread === 0 || markingAll}
                  loading={markingAll}
                  onClick={() => void readAll()}
                >
                  全部已读
                </Button>
              </View>
            </View>

            {messages.length === 0 ? (
              <StateView kind='empty' title='暂无消息' description='截止提醒、审核进度变化和推荐单位的留言都会显示在这里' />
            ) : (
              <View role='list' className='message-list'>
                {messages.map((m) => (
                  <View
                    key={m.id}
                    role='listitem'
                    className={`card message-item${m.read ? '' : ' is-unread'}`}
                    data-message-id={m.id}
                    data-read={m.read ? 'true' : 'false'}
                    aria-label={`${m.read ? '' : '未读，'}${m.title}，${formatInstant(m.createdAt)}`}
                    onClick={() => open(m)}
                  >
                    <View className='ui-row ui-start ui-gap-sm'>
                      <Text className={`message-item__kind ui-mt-2xs ui-tag ui-tag-xs ui-tone-${kindTone(m.kind)}`}>{kindLabel(m.kind)}</Text>
                      <Text className='message-item__title'>{m.title}</Text>
                      {m.read ? null : <View className='message-item__dot' aria-hidden='true' />}
                    </View>
                    <Text className='message-item__body'>{m.body}</Text>
                    <View className='ui-row ui-between ui-mt-md'>
                      <Text className='ui-meta ui-nums'>{formatShortTime(m.createdAt, now)}</Text>
                      <Text className='ui-link' aria-hidden='true'>
                        查看 ›
                      </Text>
                    </View>
                  </View>
                ))}
                {nextBefore ? (
                  <View className='message-list__more'>
                    {more.error ? <Text className='ui-error-md ui-mb-xs'>{more.error}</Text> : null}
                    <Button fill='none' size='small' loading={more.loading} onClick={() => void loadMore()}>
                      {more.error ? '重新加载' : '加载更多'}
                    </Button>
                  </View>
                ) : messages.length > 5 ? (
                  <Text className='message-list__end ui-meta ui-center ui-pt-md ui-pb-xl'>没有更多消息了</Text>
                ) : null}
              </View>
            )}
          </>
        )}
      </AsyncView>
    </View>
  )
}
