import { Text, View } from '@tarojs/components'
import type { SaveStatus } from '../hooks/draft-sync'

/** What the person reads about their draft: 已保存 / 保存中… / 离线，已暂存在本机 … */
export function saveStatusText(s: SaveStatus): string {
  switch (s.kind) {
    case 'saved':
      return '已保存'
    case 'pending':
    case 'saving':
      return '保存中…'
    case 'offline':
      return '离线，已暂存在本机'
    case 'retrying':
      return '暂未保存到服务器，已暂存在本机，稍后自动重试'
    case 'signed-out':
      return '登录已过期，已暂存在本机'
    case 'held':
      return '未保存到服务器'
    case 'conflict':
      return '与其他设备的修改有冲突，待确认'
    case 'closed':
      return '填报已截止，未能保存'
    case 'failed':
      return '未能保存，已暂存在本机'
  }
}

/** The line's colour (`ui-<colour>`) by how the saving stands. */
const TONE: Record<SaveStatus['kind'], 'success' | 'muted' | 'warn' | 'danger'> = {
  saved: 'success',
  pending: 'muted',
  saving: 'muted',
  offline: 'warn',
  retrying: 'warn',
  'signed-out': 'warn',
  held: 'warn',
  conflict: 'danger',
  closed: 'danger',
  failed: 'danger'
}

export function SaveStatusBadge({ status }: { status: SaveStatus }) {
  return (
    <View className={`wz-save ui-${TONE[status.kind]}`} role='status' aria-live='polite' data-testid='save-status' data-kind={status.kind}>
      <View className='wz-save__dot' aria-hidden='true' />
      <Text>{saveStatusText(status)}</Text>
    </View>
  )
}
