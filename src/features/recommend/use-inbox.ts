import { useCallback, useEffect, useRef, useState } from 'react'
import type { InboxItem, QuotaMeter } from '../../../types/recommend'
import { toApiError, type ApiError } from '../../services/http'
import { INBOX_PAGE_SIZE, getInbox, type InboxFilters } from './api'

export interface InboxState {
  status: 'idle' | 'loading' | 'success' | 'error'
  items: InboxItem[]
  total: number
  /** The server estimated `total` (many matches): shown as 约 N. */
  totalEstimated: boolean
  /** Pages loaded so far. */
  pages: number
  quota: QuotaMeter | null
  error?: ApiError
  loadingMore: boolean
  moreError?: ApiError
}

const EMPTY: InboxState = { status: 'idle', items: [], total: 0, totalEstimated: false, pages: 0, quota: null, loadingMore: false }

/**
 * The inbox in pages: the first page whenever the filters change, the next on 加载更多 (or
 * at the bottom of the list), and a quiet reload of every loaded page after an action, so
 * statuses and the quota meter are what the server says. Later answers win over earlier ones.
 */
export function useInbox(campaignId: string, filters: InboxFilters, enabled: boolean, pageSize = INBOX_PAGE_SIZE) {
  const [state, setState] = useState<InboxState>(EMPTY)
  const seq = useRef(0)
  const current = useRef(state)
  current.current = state
  const key = JSON.stringify(filters)

  const loadFirst = useCallback(() => {
    const id = ++seq.current
    setState((s) => ({ ...s, status: 'loading', error: undefined, moreError: undefined, loadingMore: false }))
    getInbox(campaignId, filters, 1, pageSize)
      .then((page) => {
        if (id === seq.current) setState({ status: 'success', items: page.items, total: page.total, totalEstimated: page.totalEstimated, pages: 1, quota: page.quota, loadingMore: false })
      })
      .catch((e) => {
        if (id === seq.current) setState({ ...EMPTY, status: 'error', error: toApiError(e) })
      })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaignId, key, pageSize])

  useEffect(() => {
    if (enabled) loadFirst()
  }, [enabled, loadFirst])

  const loadMore = useCallback(() => {
    const s = current.current
    if (s.status !== 'success' || s.loadingMore || s.items.length >= s.total) return
    const id = seq.current
    setState((prev) => ({ ...prev, loadingMore: true, moreError: undefined }))
    getInbox(campaignId, filters, s.pages + 1, pageSize)
      .then((page) => {
        if (id !== seq.current) return
        setState((prev) => {
          // A demand may have moved between pages since: show each once.
          const seen = new Set(prev.items.map((i) => i.id))
          return {
            ...prev,
            items: [...prev.items, ...page.items.filter((i) => !seen.has(i.id))],
            total: page.total,
            totalEstimated: page.totalEstimated,
            pages: prev.pages + 1,
            quota: page.quota,
            loadingMore: false
          }
        })
      })
      .catch((e) => {
        if (id === seq.current) setState((prev) => ({ ...prev, loadingMore: false, moreError: toApiError(e) }))
      })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaignId, key, pageSize])

  /** Loads every page shown so far again, keeping the list on screen meanwhile. */
  const refresh = useCallback(() => {
    const s = current.current
    if (s.status !== 'success') return loadFirst()
    const id = ++seq.current
    const pages = Math.max(1, s.pages)
    Promise.all(Array.from({ length: pages }, (_, i) => getInbox(campaignId, filters, i + 1, pageSize)))
      .then((answers) => {
        if (id !== seq.current) return
        const seen = new Set<string>()
        const items = answers.flatMap((a) => a.items).filter((i) => (seen.has(i.id) ? false : (seen.add(i.id), true)))
        const last = answers[answers.length - 1]
        setState({ status: 'success', items, total: last.total, totalEstimated: last.totalEstimated, pages, quota: last.quota, loadingMore: false })
      })
      .catch(() => {
        /* keep what is shown; the next action or pull-down tries again */
      })
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [campaignId, key, pageSize, loadFirst])

  /** Shows what the server just said about one demand (e.g. 审核中 once opened) without a reload. */
  const patch = useCallback((item: InboxItem) => {
    setState((prev) => {
      const i = prev.items.findIndex((x) => x.id === item.id)
      if (i < 0) return prev
      const { id, title, enterpriseName, domain, status, statusLabel, rank, unit, submittedVersion, submittedAt, score } = item
      const items = [...prev.items]
      items[i] = { id, title, enterpriseName, domain, status, statusLabel, rank, unit, submittedVersion, submittedAt, score }
      return { ...prev, items }
    })
  }, [])

  return { ...state, reload: loadFirst, loadMore, refresh, patch, hasMore: state.status === 'success' && state.items.length < state.total }
}
