import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** The colours of a notice that has a tone of its own (`ui-tone-*`); `info` and `closed` have theirs in recommend.scss. */
const TONES = { error: ' ui-tone-danger', success: ' ui-tone-positive', info: '', closed: '' } as const

/**
 * A plain line across the screen: `closed` after the recommender deadline (everything is
 * read-only), `info` for where things stand, `error` for a refusal from the server.
 */
export function Notice({ kind, children, testId }: { kind: keyof typeof TONES; children: ReactNode; testId?: string }) {
  return (
    <View className={`rc-notice rc-notice--${kind}${TONES[kind]}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      {children}
    </View>
  )
}
