import type { StudioState } from '../../../types/studio'

export const STATE_LABELS: Record<StudioState, string> = {
  draft: '草稿',
  published: '已发布',
  unpublished: '已下线'
}
