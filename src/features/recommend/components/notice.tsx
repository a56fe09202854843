import { Text, View } from '@tarojs/components'
import type { ReactNode } from 'react'

/**
 * A plain line across the screen: `closed` after the recommender deadline (everything is
 * read-only), `info` for where things stand, `error` for a refusal from the server.
 */
export function Notice({ kind, children, testId }: { kind: 'closed' | 'info' | 'error' | 'success'; children: ReactNode; testId?: string }) {
  return (
    <View className={`rc-notice rc-notice--${kind}`} role={kind === 'error' ? 'alert' : 'status'} data-testid={testId}>
      <Text className='rc-notice__text'>{children}</Text>
    </View>
  )
}
