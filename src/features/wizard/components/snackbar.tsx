import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useRef, useState } from 'react'

export interface SnackbarMessage {
  id: number
  text: string
  action?: { text: string; run: () => void }
}

/**
 * A short message at the foot of the screen with one action (e.g. 已删除 · 撤销), gone after a few
 * seconds. Not NutUI's Toast: a toast has no action to tap (撤销) and is not a polite live region.
 */
export function useSnackbar(durationMs = 6000) {
  const [message, setMessage] = useState<SnackbarMessage | null>(null)
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const seq = useRef(0)
  const clear = useCallback(() => {
    if (timer.current) clearTimeout(timer.current)
    timer.current = null
    setMessage(null)
  }, [])
  const notify = useCallback(
    (text: string, action?: { text: string; run: () => void }) => {
      if (timer.current) clearTimeout(timer.current)
      setMessage({ id: ++seq.current, text, action })
      timer.current = setTimeout(() => setMessage(null), durationMs)
    },
    [durationMs]
  )
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), [])
  return { message, notify, clear }
}

export function Snackbar({ message, onDone }: { message: SnackbarMessage | null; onDone: () => void }) {
  if (!message) return null
  return (
    <View className='wz-snackbar' role='status' aria-live='polite' data-testid='snackbar'>
      <Text className='ui-grow'>{message.text}</Text>
      {message.action ? (
        <View
          className='wz-snackbar__action'
          role='button'
          onClick={() => {
            message.action!.run()
            onDone()
          }}
        >
          {message.action.text}
        </View>
      ) : null}
    </View>
  )
}
