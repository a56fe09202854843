import { Button } from '../../../components/button'
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import { ROLE_LABELS } from '../../../../types/domain'
import { PhoneText } from '../../../components/phone-link/phone-text'
import { AsyncView, type ErrorStates } from '../../../components/state-view'
import { useAction } from '../../../components/use-action'
import { loadById, useScreenAsync } from '../../../components/use-async'
import { openPage, ROUTES } from '../../../services/navigation'
import {
  getThread,
  getThreadContext,
  markThreadRead,
  postThreadMessage,
  THREAD_MESSAGE_MAX,
  type Thread,
  type ThreadContext,
  type ThreadMessage
} from '../api'
import { setUnreadBadge } from '../badge'
import { formatInstant } from '../../../../types/time'
import './thread.scss'

interface Loaded {
  thread: Thread
  /** Null when the person is not the demand's owner (the recommending unit). */
  context: ThreadContext | null
}

async function loadThread(id: string): Promise<Loaded> {
  const [thread, context] = await Promise.all([getThread(id), getThreadContext(id).catch(() => null)])
  return { thread, context }
}

/** The label over a message that is more than a message. */
function kindLabel(m: ThreadMessage): string | null {
  if (m.kind === 'return_reason') return '退回原因'
  if (m.kind === 'decision') return m.authorRole === 'bureau' ? '遴选说明' : '未推荐原因'
  return null
}

/** Who wrote it, for the other side's messages: 两江新区科技主管部门 · 王丽 / 推荐单位 · 王丽. */
function authorLine(m: ThreadMessage, context: ThreadContext | null): string {
  if (m.authorRole === 'recommender' && context?.unitName) return `${context.unitName} · ${m.authorName}`
  return `${ROLE_LABELS[m.authorRole]} · ${m.authorName}`
}

const countChars = (s: string) => Array.from(s).length

function scrollToEnd(): void {
  try {
    void Promise.resolve(Taro.pageScrollTo({ scrollTop: 1e6, duration: 0 })).catch(() => undefined)
  } catch {
    /* nothing to scroll */
  }
}

export interface ThreadScreenProps {
  id?: string
  /** Bumped when the page shows again and while it stays visible: load new messages in the background. */
  refreshKey?: number
}

/** The demand's conversation with its recommending unit: questions, answers and return reasons. */
export function ThreadScreen({ id, refreshKey }: ThreadScreenProps) {
  const state = useScreenAsync(() => loadById(id, '需求', loadThread), [id], { refreshKey })

  // Opened (or new messages came in): read up to now; the message center follows.
  const unread = state.data?.thread.unread
  const loaded = state.status === 'success'
  useEffect(() => {
    if (!id || !loaded) return
    markThreadRead(id).then(setUnreadBadge, (e) => console.warn('[thread] 标记已读失败', e))
  }, [id, loaded, unread])

  return (
    <View className='page thread'>
      <AsyncView state={state} rows={2} states={THREAD_STATES}>
        {(data) => <Conversation id={data.thread.demandId} data={data} onChange={state.setData} />}
      </AsyncView>
    </View>
  )
}

const THREAD_STATES: ErrorStates = {
  signedOut: '登录后可查看需求的留言',
  notFound: { title: '未找到该需求', actionText: '返回消息', onAction: () => void openPage(ROUTES.messages) },
  errorTitle: '留言加载失败'
}

/** The messages and the box to write one. */
function Conversation({ id, data, onChange }: { id: string; data: Loaded; onChange: (data: Loaded) => void }) {
  const [draft, setDraft] = useState('')
  // When sending fails, what was typed stays in the box.
  const sending = useAction()
  // A new box after sending: an auto-height text box does not shrink back when emptied.
  const [composerKey, setComposerKey] = useState(0)
  const lastCount = useRef(0)

  // Show the newest message: on first load and when more arrive.
  const count = data.thread.messages.length
  useEffect(() => {
    if (count > lastCount.current) scrollToEnd()
    lastCount.current = count
  }, [count])

  const { thread, context } = data
  const isOwner = context !== null
  const neverSubmitted = isOwner && context.unitName === null
  const counterpart = isOwner ? (context.unitName ?? '推荐单位') : '需求单位'
  const length = countChars(draft)
  const tooLong = length > THREAD_MESSAGE_MAX
  const canSend = !neverSubmitted && draft.trim().length > 0 && !tooLong && !sending.busy

  const send = async () => {
    if (!canSend) return
    await sending.run(async () => {
      const posted = await postThreadMessage(id, draft.trim())
      onChange({ context, thread: { ...thread, messages: [...thread.messages, posted] } })
      setDraft('')
      setComposerKey((k) => k + 1)
    })
  }

  return (
    <>
      <View className='thread__head card'>
        <Text className='ui-h3 ui-words'>{thread.demandTitle.trim() || '未命名需求'}</Text>
        <View className='thread__meta ui-row ui-between ui-wrap ui-mt-sm'>
          <Text className='ui-label'>{isOwner ? `与${counterpart}的留言` : '与需求单位的留言'}</Text>
          {isOwner ? (
            <View className='ui-link ui-py-xs' role='link' onClick={() => void openPage(ROUTES.status(id))}>
              <Text>{context.statusLabel} · 查看进度 ›</Text>
            </View>
          ) : null}
        </View>
      </View>

      {thread.messages.length === 0 ? (
        <View className='thread__empty' role='status'>
          <Text className='section-title'>还没有留言</Text>
          <Text className='ui-para-muted'>
            {neverSubmitted
              ? '需求提交后，可以在这里与所选的推荐单位沟通。'
              : isOwner
                ? `对填报要求有疑问，可以在这里给${counterpart}留言；对方回复或退回修改时，会在“消息”中通知您。`
                : '可以在这里向需求单位提问；对方回复后会在“消息”中通知您。'}
          </Text>
        </View>
      ) : (
        <View className='ui-col ui-gap-3xl' role='list' aria-label='留言记录'>
          {thread.messages.map((m) => {
            const label = kindLabel(m)
            return (
              <View
                key={m.id}
                role='listitem'
                className={`bubble-row ui-col ui-start${m.mine ? ' is-mine' : ''}`}
                data-kind={m.kind}
                data-mine={m.mine ? 'true' : 'false'}
              >
                {m.mine ? null : <Text className='bubble-row__author ui-meta ui-mx-xs ui-mb-xs'>{authorLine(m, context)}</Text>}
                <View className={`bubble${m.mine ? ' bubble--mine' : ''}${label ? ` bubble--${m.kind}` : ''}`}>
                  {label ? <Text className='bubble__label'>{label}</Text> : null}
                  <Text className='bubble__text' userSelect>
                    <PhoneText text={m.body} />
                  </Text>
                </View>
                <Text className='bubble-row__meta ui-caption ui-nums ui-mx-xs ui-mt-xs'>
                  {formatInstant(m.createdAt)}
                  {m.mine ? (m.readByOthers ? ' · 对方已读' : ' · 对方未读') : ''}
                </Text>
              </View>
            )
          })}
        </View>
      )}

      <View className='thread__composer'>
        {sending.error ? (
          <View className='ui-error-md ui-mb-sm' role='alert'>
            <Text>发送失败：{sending.error}</Text>
          </View>
        ) : null}
        {length > THREAD_MESSAGE_MAX - 100 ? (
          <Text className={`ui-meta ui-right ui-mb-xs${tooLong ? ' ui-danger' : ''}`}>
            {tooLong ? `超出 ${length - THREAD_MESSAGE_MAX} 字` : `还可输入 ${THREAD_MESSAGE_MAX - length} 字`}
          </Text>
        ) : null}
        <View className='thread__composer-row ui-flex ui-gap-md'>
          <View className='thread__input-box'>
          <Textarea
            key={composerKey}
            className='thread__input'
            aria-label='留言内容'
            placeholder={neverSubmitted ? '提交需求后可留言' : `给${counterpart}留言`}
            disabled={neverSubmitted}
            value={draft}
            autoHeight
            fixed
            cursorSpacing={24}
            // a little over the limit so the count can say by how much
            maxlength={THREAD_MESSAGE_MAX + 200}
            showConfirmBar={false}
            onInput={(e) => {
              setDraft(e.detail.value)
              if (sending.error) sending.setError(undefined)
            }}
          />
          </View>
          <Button
            className='thread__send'
            type='primary'
            size='small'
            disabled={!canSend}
            loading={sending.busy}
            aria-label='发送留言'
            onClick={() => void send()}
          >
            发送
          </Button>
        </View>
      </View>
    </>
  )
}
