import { View } from '@tarojs/components'
import type { ReactNode } from 'react'

/** A notice's colours: a tone's (`ui-tone-*`), or a tint (`ui-tint-*`) under the text colour of `rc-notice--info` / `--closed`. */
const TONES = { error: ' ui-tone-danger ui-medium', success: ' ui-tone-positive', info: ' ui-tint-primary', closed: ' ui-tint-muted ui-edge-muted' } as const

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
