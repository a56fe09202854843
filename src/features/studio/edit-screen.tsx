import { TextArea } from '@nutui/nutui-react-taro'
import { Button } from '../../components/button'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import type { FieldError } from '../../../types/domain'
import type { StudioCampaign } from '../../../types/studio'
import { validateDefinition } from '../../../types/validate-definition'
import { confirmed } from '../../components/confirm'
import { Disclosure } from '../../components/disclosure'
import { AsyncView } from '../../components/state-view'
import { useAsync } from '../../components/use-async'
import { useWide } from '../../components/use-wide'
import { isH5 } from '../../services/env'
import { ApiError, toApiError } from '../../services/http'
import { openPage } from '../../services/navigation'
import { useRedirectToLoginOnce } from '../auth'
import {
  closeStudioCampaign,
  discardStudioDraft,
  getStudioCampaign,
  publishStudioCampaign,
  saveStudioDraft,
  unpublishStudioCampaign
} from './api'
import { loadBureau } from './bureau'
import { BasicTab } from './components/basic-tab'
import { STUDIO_STATES } from './components/guard'
import { scrollToId } from './components/tab-props'
import { History } from './components/history'
import { JsonTab } from './components/json-tab'
import { PreviewPane } from './components/preview-pane'
import { RecommendersTab } from './components/recommenders-tab'
import { StepsTab } from './components/steps-tab'
import { canonical, asObj, asText, ProblemIndex, setAt, stableJson, TAB_LABELS, tabOf, type Path, type StudioTab } from './definition'
import { STATE_LABELS, STATE_TONES } from './labels'
import { STUDIO_ROUTES } from './routes'
import './studio.scss'

const UNSAVED = '有未保存的修改，离开后将丢失。确定离开？'

/** Warns before the page is left with unsaved edits: the browser's own prompt on H5, the platform's where it has one. */
function useLeaveWarning(dirty: boolean): void {
  useEffect(() => {
    if (!dirty) return
    if (isH5()) {
      if (typeof window === 'undefined') return
      const warn = (e: BeforeUnloadEvent) => {
        e.preventDefault()
        e.returnValue = UNSAVED
        return UNSAVED
      }
      window.addEventListener('beforeunload', warn)
      return () => window.removeEventListener('beforeunload', warn)
    }
    const t = Taro as unknown as { enableAlertBeforeUnload?: (o: { message: string }) => void; disableAlertBeforeUnload?: () => void }
    try {
      t.enableAlertBeforeUnload?.({ message: UNSAVED })
    } catch {
      /* not available */
    }
    return () => {
      try {
        t.disableAlertBeforeUnload?.()
      } catch {
        /* not available */
      }
    }
  }, [dirty])
}

/** The campaign as its editor opens it: the bureau's account first, then the campaign. */
async function openCampaign(id: string): Promise<StudioCampaign> {
  if (!id) throw new ApiError(404, { code: 'NOT_FOUND', message: '链接中缺少活动编号' })
  await loadBureau()
  return getStudioCampaign(id)
}

/** The editor of one campaign (?id=…): forms, JSON, preview, and saving, publishing and the rest. */
export function StudioEditScreen({ id }: { id: string }) {
  const wide = useWide()
  const state = useAsync(() => openCampaign(id), [id])
  useRedirectToLoginOnce(state.error)
  return (
    <View className={`page st-page st-edit${wide ? ' is-wide' : ''}`}>
      <AsyncView state={state} rows={3} states={STUDIO_STATES}>
        {(campaign) => <Editor key={campaign.id} initial={campaign} wide={wide} />}
      </AsyncView>
    </View>
  )
}

type Action = 'save' | 'publish' | 'discard' | 'unpublish' | 'close'

interface Failure {
  title: string
  code: string
  message: string
  fields: FieldError[]
}

const TABS: StudioTab[] = ['basic', 'recommenders', 'steps', 'json', 'preview']

function Editor({ initial, wide }: { initial: StudioCampaign; wide: boolean }) {
  const [server, setServer] = useState(initial)
  const [def, setDef] = useState<unknown>(() => canonical(initial.definition))
  const [saved, setSaved] = useState(() => stableJson(initial.definition))
  const [tab, setTab] = useState<StudioTab>('basic')
  const [focus, setFocus] = useState<string>()
  const [busy, setBusy] = useState<Action | null>(null)
  const [failure, setFailure] = useState<Failure | null>(null)
  const [closing, setClosing] = useState(false)
  const [reason, setReason] = useState('')

  const dirty = useMemo(() => stableJson(def) !== saved, [def, saved])
  const problemList = useMemo(() => {
    const r = validateDefinition(def)
    return r.ok ? [] : r.problems
  }, [def])
  const problems = useMemo(() => new ProblemIndex(problemList), [problemList])
  const byTab = useMemo(() => {
    const counts: Record<StudioTab, number> = { basic: 0, recommenders: 0, steps: 0, json: 0, preview: 0 }
    for (const p of problemList) counts[tabOf(p.path)]++
    return counts
  }, [problemList])
  useLeaveWarning(dirty)

  const edit = useCallback((path: Path, value: unknown) => setDef((d: unknown) => setAt(d, path, value)), [])
  const apply = useCallback((value: unknown) => setDef(value), [])
  const shownTab: StudioTab = wide && tab === 'preview' ? 'basic' : tab

  /** The server's copy becomes the working copy (after publishing, discarding, …). */
  const take = (c: StudioCampaign) => {
    setServer(c)
    setDef(canonical(c.definition))
    setSaved(stableJson(c.definition))
  }
  const fail = (title: string, e: unknown) => {
    const err = toApiError(e)
    setFailure({ title, code: err.code, message: err.message, fields: err.fields ?? [] })
  }
  const run = async (action: Action, call: () => Promise<void>) => {
    setBusy(action)
    setFailure(null)
    try {
      await call()
    } finally {
      setBusy(null)
    }
  }

  /** Saves the working copy; false when the server refused it (the reason is shown). */
  const saveDraft = async (quiet = false): Promise<boolean> => {
    const sent = def
    try {
      const c = await saveStudioDraft(server.id, sent)
      setServer(c)
      setSaved(stableJson(sent))
      if (!quiet) Taro.showToast({ title: '草稿已保存', icon: 'success', duration: 1500 })
      return true
    } catch (e) {
      fail('保存失败', e)
      return false
    }
  }

  const publish = async () => {
    if (problemList.length) return
    const next = (server.version ?? 0) + 1
    const text =
      server.state === 'draft'
        ? '发布后，企业即可在“征集活动”中看到本活动并开始填报。'
        : server.state === 'unpublished'
          ? `重新发布为第 ${next} 版，企业将再次看到本活动并可继续填报。`
          : `发布为第 ${next} 版。已有的填报内容保留，企业此后按新版本填写。`
    if (!(await confirmed(server.state === 'unpublished' ? '确认重新发布' : '确认发布', text, '发布'))) return
    await run('publish', async () => {
      if (dirty && !(await saveDraft(true))) return
      try {
        const c = await publishStudioCampaign(server.id)
        take(c)
        Taro.showToast({ title: `已发布第 ${c.version} 版`, icon: 'success', duration: 1800 })
      } catch (e) {
        fail('未能发布', e)
      }
    })
  }

  const revert = async () => {
    if (!(await confirmed('撤销未保存的修改', '将恢复到上次保存的内容，之后所做的修改都会丢失。', '撤销修改'))) return
    setDef(canonical(server.definition))
    setFailure(null)
  }

  const discard = async () => {
    if (!(await confirmed('放弃草稿', `将删除尚未发布的修改，恢复为已发布的第 ${server.version} 版。此操作不能撤销。`, '放弃草稿'))) return
    await run('discard', async () => {
      try {
        take(await discardStudioDraft(server.id))
        Taro.showToast({ title: '已恢复为已发布版本', icon: 'none', duration: 1800 })
      } catch (e) {
        fail('未能放弃草稿', e)
      }
    })
  }

  const unpublish = async () => {
    if (!(await confirmed('确认下线', '下线后企业将看不到本活动，也不能继续填报；已填报的内容保留，之后可以重新发布。', '下线'))) return
    await run('unpublish', async () => {
      try {
        const c = await unpublishStudioCampaign(server.id)
        if (dirty) setServer(c)
        else take(c)
        Taro.showToast({ title: '已下线', icon: 'none', duration: 1500 })
      } catch (e) {
        fail('未能下线', e)
      }
    })
  }

  const close = async () => {
    const why = reason.trim()
    if (!(await confirmed('确认提前结束填报', '企业填报截止日期将改为昨天，企业立即不能再保存或提交；推荐单位的推荐截止日期不变。正在填报的企业会收到通知。', '结束填报'))) return
    await run('close', async () => {
      try {
        const c = await closeStudioCampaign(server.id, why)
        if (dirty) setServer(c)
        else take(c)
        setClosing(false)
        setReason('')
        Taro.showToast({ title: '已结束企业填报', icon: 'none', duration: 1800 })
      } catch (e) {
        fail('未能结束填报', e)
      }
    })
  }

  /** Another tab, from its top when the page was scrolled past the tabs. */
  const showTab = (t: StudioTab) => {
    setTab(t)
    if (isH5()) scrollToId('st-tabs-top', true)
  }
  const pick = (path: string) => {
    const t = tabOf(path)
    setTab(t)
    setFocus(undefined)
    // The steps tab opens the field the problem is in and scrolls to it; the others show from their top.
    if (t === 'steps') setTimeout(() => setFocus(path), 0)
    else scrollToId('st-tabs-top')
  }

  const d = asObj(def)
  const title = asText(d.title) || server.title
  const published = server.state === 'published'
  const nothingToPublish = published && !server.hasDraft && !dirty
  const publishLabel = server.state === 'unpublished' ? '重新发布' : published ? (nothingToPublish ? '已发布' : '发布新版本') : '发布'
  const saveState = dirty ? '有未保存的修改' : server.hasDraft ? (server.version === null ? '草稿已保存，尚未发布' : '修改已保存，尚未发布') : '已保存，与发布版本一致'

  const tabs = TABS.filter((t) => !(wide && t === 'preview'))
  const body = (
    <>
      <View id='st-tabs-top' />
      <View className='st-tabs' role='tablist' aria-label='编辑内容'>
        {tabs.map((t) => (
          <View
            key={t}
            className={`st-tabs__tab${shownTab === t ? ' is-current' : ''}`}
            role='tab'
            aria-selected={shownTab === t}
            data-testid={`tab-${t}-button`}
            onClick={() => showTab(t)}
          >
            <Text>{TAB_LABELS[t]}</Text>
            {byTab[t] ? (
              <Text className='st-tabs__count' aria-label={`${byTab[t]}处问题`}>
                {byTab[t]}
              </Text>
            ) : null}
          </View>
        ))}
      </View>
      <View role='tabpanel' aria-label={TAB_LABELS[shownTab]}>
        {shownTab === 'basic' ? <BasicTab def={def} problems={problems} edit={edit} /> : null}
        {shownTab === 'recommenders' ? <RecommendersTab def={def} problems={problems} edit={edit} /> : null}
        {shownTab === 'steps' ? <StepsTab def={def} problems={problems} edit={edit} focus={focus} /> : null}
        {shownTab === 'json' ? <JsonTab def={def} problems={problemList} onApply={apply} /> : null}
        {shownTab === 'preview' ? <PreviewPane def={def} valid={problemList.length === 0} /> : null}
      </View>
    </>
  )

  return (
    <View className='st-container' data-testid='studio-editor' data-campaign-id={server.id}>
      <View className='st-back' role='link' onClick={() => void openPage(STUDIO_ROUTES.list)}>
        ‹ 活动工作室
      </View>
      <View className='card st-head'>
        <View className='ui-row ui-wrap ui-gap-sm ui-mb-sm'>
          <Text className={`ui-tag ui-tone-${STATE_TONES[server.state]}`} data-testid='studio-state'>
            {STATE_LABELS[server.state]}
          </Text>
          {server.version !== null ? <Text className='ui-meta'>已发布第 {server.version} 版</Text> : <Text className='ui-meta'>尚未发布</Text>}
          {server.hasDraft && server.version !== null ? (
            <Text className='ui-tag ui-tone-attention' data-testid='has-draft'>
              有未发布的修改
            </Text>
          ) : null}
          {dirty ? (
            <Text className='ui-tag ui-tone-attention' data-testid='unsaved'>
              有未保存的修改
            </Text>
          ) : null}
        </View>
        <View className='st-head__title ui-h2 ui-break' role='heading' aria-level={1}>
          {title || '未命名征集活动'}
        </View>
        <Text className='st-card__meta ui-meta ui-mt-xs'>编号 {server.id}</Text>
      </View>

      <View className={`card st-summary ${problemList.length ? 'ui-edge-danger' : 'ui-edge-success'}`} data-testid='problem-summary'>
        {problemList.length ? (
          <>
            <Text className='ui-h4 ui-danger'>还有 {problemList.length} 处问题，不能发布</Text>
            <Disclosure title='查看全部问题' extra={`${problemList.length} 处`}>
              <View className='st-problem-list' role='list'>
                {problemList.map((p, i) => (
                  <View key={`${p.path}-${i}`} className='st-problem-list__item ui-tint-danger ui-para-sm ui-break is-link' role='listitem' onClick={() => pick(p.path)}>
                    <Text className='st-path'>{p.path}</Text>
                    <Text>：{p.message}</Text>
                    <Text className='st-problem-list__where'>（{TAB_LABELS[tabOf(p.path)]}）</Text>
                  </View>
                ))}
              </View>
            </Disclosure>
          </>
        ) : (
          <Text className='ui-h4 ui-success ui-pb-sm'>检查通过，{nothingToPublish ? '当前内容即已发布的版本' : '可以发布'}</Text>
        )}
      </View>

      {failure ? (
        <View className='card st-failure' role='alert' data-testid='studio-failure'>
          <Text className='ui-h4 ui-danger'>{failure.title}</Text>
          <Text className='ui-text ui-mt-xs ui-mb-sm ui-break'>{failure.message}</Text>
          {failure.code === 'DEFINITION_CHANGE_REFUSED' ? <Text className='ui-help ui-mt-2xs ui-mb-sm'>已有企业填报的内容依赖下列设置，需保留这些设置后再发布：</Text> : null}
          {failure.fields.length ? (
            <View className='st-problem-list' role='list'>
              {failure.fields.map((f, i) => (
                <View key={`${f.field}-${i}`} className='st-problem-list__item ui-tint-danger ui-para-sm ui-break' role='listitem'>
                  <Text className='st-path'>{f.field}</Text>
                  <Text>：{f.message}</Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ) : null}

      <View className='st-body'>
        <View className='ui-grow'>{body}</View>
        {wide ? (
          <View className='st-side'>
            <View className='ui-h5 ui-mt-md ui-mb-sm' role='heading' aria-level={2}>
              预览：企业看到的填报页面
            </View>
            <PreviewPane def={def} valid={problemList.length === 0} />
          </View>
        ) : null}
      </View>

      <View className='card st-more'>
        <View className='ui-h3' role='heading' aria-level={2}>
          其他操作
        </View>
        <View className='ui-flex ui-wrap ui-gap-md ui-mt-md ui-mb-xs'>
          {dirty ? (
            <Button size='small' fill='outline' disabled={busy !== null} onClick={() => void revert()}>
              撤销未保存的修改
            </Button>
          ) : null}
          {server.version !== null && server.hasDraft ? (
            <Button size='small' fill='outline' type='danger' loading={busy === 'discard'} disabled={busy !== null} data-testid='discard' onClick={() => void discard()}>
              放弃草稿（恢复已发布版本）
            </Button>
          ) : null}
          {published ? (
            <Button size='small' fill='outline' type='danger' loading={busy === 'unpublish'} disabled={busy !== null} data-testid='unpublish' onClick={() => void unpublish()}>
              下线
            </Button>
          ) : null}
          {published && !closing ? (
            <Button size='small' fill='outline' type='danger' disabled={busy !== null} data-testid='close-filing' onClick={() => setClosing(true)}>
              提前结束填报
            </Button>
          ) : null}
        </View>
        {closing ? (
          <View className='st-close ui-mt-md ui-pt-md' data-testid='close-form'>
            <Text className='st-row__label'>提前结束填报的原因</Text>
            <Text className='st-row__hint ui-caption'>将记入操作日志，并告知正在填报的企业（选填，最多 500 字）</Text>
            <TextArea className='st-textarea' value={reason} maxLength={500} rows={3} placeholder='如：名额已满，提前结束征集' aria-label='提前结束填报的原因' onChange={setReason} />
            <View className='st-close__buttons ui-flex ui-end ui-gap-md ui-mt-md'>
              <Button size='small' fill='outline' disabled={busy !== null} onClick={() => setClosing(false)}>
                取消
              </Button>
              <Button size='small' type='danger' loading={busy === 'close'} disabled={busy !== null} data-testid='confirm-close' onClick={() => void close()}>
                结束企业填报
              </Button>
            </View>
          </View>
        ) : null}
        {!dirty && server.version === null && !published ? <Text className='ui-help ui-mt-2xs ui-mb-sm'>活动发布后，可以在这里下线或提前结束填报。</Text> : null}
      </View>

      <History versions={server.versions} audit={server.audit} />

      <View className='ui-bar-room' />
      <View className='st-actionbar'>
        <View className='st-actionbar__inner'>
          <View className='st-actionbar__status'>
            <Text className={`ui-meta ${dirty ? 'ui-warn ui-bold' : 'ui-success'}`} data-testid='save-state'>
              {saveState}
            </Text>
            {problemList.length ? <Text className='ui-error'>还有 {problemList.length} 处问题，不能发布</Text> : null}
          </View>
          <View className='st-actionbar__buttons ui-flex ui-gap-md'>
            <Button
              className='st-actionbar__save'
              fill='outline'
              type='primary'
              loading={busy === 'save'}
              disabled={busy !== null || !dirty}
              data-testid='save-draft'
              onClick={() => void run('save', async () => void (await saveDraft()))}
            >
              保存草稿
            </Button>
            <Button
              className='st-actionbar__publish'
              type='primary'
              loading={busy === 'publish'}
              disabled={busy !== null || problemList.length > 0 || nothingToPublish}
              data-testid='publish'
              onClick={() => void publish()}
            >
              {publishLabel}
            </Button>
          </View>
        </View>
      </View>
    </View>
  )
}
