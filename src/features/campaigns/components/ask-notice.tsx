import { Text, View } from '@tarojs/components'
import { useEffect, useRef, useState } from 'react'
import { QUESTION_MAX, type AskAnswer, type AskParagraph } from '../../../../types/ask'
import type { Contact } from '../../../../types/campaign'
import { PhoneLink } from '../../../components/phone-link'
import { TextInput } from '../../../components/text-input'
import { toApiError } from '../../../services/http'
import { askNotice } from '../api/ask-notice'
import './ask-notice.scss'

/** Typing pauses this long before the question is sent. */
const DEBOUNCE_MS = 400

type AskState = { kind: 'idle' } | { kind: 'loading' } | { kind: 'done'; answer: AskAnswer } | { kind: 'error'; message: string }

/** The paragraph's text with the parts that matched the question marked. */
function Marked({ paragraph }: { paragraph: AskParagraph }) {
  const parts: Array<{ text: string; mark: boolean }> = []
  let at = 0
  for (const h of paragraph.highlights) {
    if (h.start > at) parts.push({ text: paragraph.text.slice(at, h.start), mark: false })
    parts.push({ text: paragraph.text.slice(h.start, h.end), mark: true })
    at = h.end
  }
  if (at < paragraph.text.length) parts.push({ text: paragraph.text.slice(at), mark: false })
  return (
    <Text className='ask-notice__text'>
      {parts.map((p, i) =>
        p.mark ? (
          <Text key={i} className='ask-notice__mark'>
            {p.text}
          </Text>
        ) : (
          p.text
        )
      )}
    </Text>
  )
}

function Contacts({ contacts }: { contacts: Contact[] }) {
  if (!contacts.length) return null
  return (
    <View className='ui-mt-md'>
      <Text className='ui-meta'>仍有疑问，可拨打</Text>
      {contacts.map((c, i) => {
        const who = [c.topic, c.person].filter(Boolean).join(' ')
        return (
          <View key={`${c.phone}-${i}`} className='ask-notice__contact'>
            <Text className='ask-notice__contact-who'>{who}</Text>
            <PhoneLink phone={c.phone} label={`拨打${who}电话 ${c.phone}`} testId='ask-notice-call' />
          </View>
        )
      })}
    </View>
  )
}

/**
 * 问通知: a search box that answers a question about the campaign (截止时间、能报几项、找谁咨询)
 * with the notice's paragraphs that say it, the matching words marked, and whom to call.
 */
export function AskNotice({ campaignId, bare = false }: { campaignId: string; /** Inside another section (the wizard's 问通知 disclosure): no card, no title. */ bare?: boolean }) {
  const [question, setQuestion] = useState('')
  const [state, setState] = useState<AskState>({ kind: 'idle' })
  const [attempt, setAttempt] = useState(0)
  const latest = useRef(0)

  useEffect(() => {
    const q = question.trim()
    const request = ++latest.current
    if (!q) {
      setState({ kind: 'idle' })
      return
    }
    const timer = setTimeout(() => {
      setState({ kind: 'loading' })
      askNotice(campaignId, q)
        .then((answer) => request === latest.current && setState({ kind: 'done', answer }))
        .catch((e: unknown) => request === latest.current && setState({ kind: 'error', message: toApiError(e).message }))
    }, DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [campaignId, question, attempt])

  return (
    <View className={bare ? 'ask-notice' : 'card ask-notice'}>
      {bare ? null : <Text className='section-title'>问通知</Text>}
      <TextInput
        className='ask-notice__input'
        value={question}
        maxLength={QUESTION_MAX}
        clearable
        placeholder='例如：截止时间、能报几项、找谁咨询'
        aria-label='向通知提问'
        onChange={setQuestion}
      />
      <View className='ui-mt-md' aria-live='polite'>
        {state.kind === 'idle' ? <Text className='ui-meta'>输入问题，查看通知原文中的相关段落</Text> : null}
        {state.kind === 'loading' ? <Text className='ui-meta'>正在查找…</Text> : null}
        {state.kind === 'error' ? (
          <View className='ask-notice__error' role='alert'>
            <Text>{state.message}</Text>
            <View className='ask-notice__retry ui-target-line ui-px-md ui-primary' role='button' onClick={() => setAttempt((n) => n + 1)}>
              重试
            </View>
          </View>
        ) : null}
        {state.kind === 'done' ? (
          <>
            {state.answer.paragraphs.length === 0 ? (
              <Text className='ui-meta' data-testid='ask-notice-empty'>
                通知里没有找到相关内容，可以换个说法再问
              </Text>
            ) : (
              state.answer.paragraphs.map((p, i) => (
                <View key={i} className='ui-py-md ui-line-bottom' data-testid='ask-notice-paragraph'>
                  {p.section ? <Text className='ui-caption ui-mb-xs'>{p.section}</Text> : null}
                  <Marked paragraph={p} />
                </View>
              ))
            )}
            <Contacts contacts={state.answer.contacts} />
          </>
        ) : null}
      </View>
    </View>
  )
}
