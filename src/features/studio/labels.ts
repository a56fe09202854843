import type { StudioState } from '../../../types/studio'

export const STATE_LABELS: Record<StudioState, string> = {
  draft: '草稿',
  published: '已发布',
  unpublished: '已下线'
}

/** The tone of each state's tag (`ui-tone-<tone>`). */
export const STATE_TONES: Record<StudioState, 'muted' | 'positive' | 'danger'> = {
  draft: 'muted',
  published: 'positive',
  unpublished: 'danger'
}
