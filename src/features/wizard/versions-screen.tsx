import { Text, View } from '@tarojs/components'
import type { CampaignDefinition } from '../../../types/campaign'
import type { Demand, DemandVersionSummary } from '../../../types/domain'
import type { AnswerChange } from '../../../types/engine'
import { loadById, useScreenAsync } from '../../components/use-async'
import { openPage, ROUTES } from '../../services/navigation'
import { getCampaign } from '../campaigns/api'
import { DemandPage } from './demand-page'
import { diffVersions, getDemand, listVersions } from './api'
import { ReadOnlyValue } from './fields'
import { formatInstant } from '../../../types/time'
import { answerText } from '../../../types/display'
import './wizard.scss'

interface VersionEntry {
  version: DemandVersionSummary
  /** What changed from the version before; null for the first. */
  changes: AnswerChange[] | null
}

interface VersionsData {
  demand: Demand
  def: CampaignDefinition
  entries: VersionEntry[]
}

async function loadVersions(id: string): Promise<VersionsData> {
  const [demand, versions] = await Promise.all([getDemand(id), listVersions(id)])
  const { definition } = await getCampaign(demand.campaignId, { fresh: true })
  // Newest first; each compared with the one before it.
  const entries = await Promise.all(
    versions.map(async (v) => ({ version: v, changes: v.number > 1 ? await diffVersions(id, v.number - 1, v.number) : null }))
  )
  return { demand, def: definition, entries }
}

/** The submitted versions, newest first, and what changed between each and the one before. */
export function VersionsScreen({ id, shownKey }: { id: string | undefined; shownKey?: number }) {
  const state = useScreenAsync(() => loadById(id, '需求', loadVersions), [id], { refreshKey: shownKey })
  return (
    <DemandPage
      state={state}
      rows={3}
      isEmpty={(d) => d.entries.length === 0}
      empty={{
        title: '尚未提交过',
        description: '需求提交后，每次提交的版本和修改内容都会记录在这里',
        actionText: '继续填写',
        onAction: () => id && void openPage(ROUTES.wizard(id))
      }}
      signedOut='登录后可查看版本记录'
    >
      {(data) => <Versions data={data} />}
    </DemandPage>
  )
}

function Versions({ data }: { data: VersionsData }) {
  const { def, demand, entries } = data
  const fields = new Map(def.steps.flatMap((s) => s.fields).map((f) => [f.id, f]))
  const latest = entries[0]?.version.number
  return (
    <View className='wz wz-versions'>
      <View className='page-head'>
        <Text className='ui-meta ui-mb-xs'>{def.title}</Text>
        <Text className='ui-h2 ui-break'>{demand.title || '未命名需求'}</Text>
        <Text className='ui-meta ui-mt-xs'>
          共提交 {entries.length} 次，以最新的第 {latest} 版为准
          {demand.hasUnsubmittedChanges ? ' · 另有修改尚未提交' : ''}
        </Text>
      </View>
      {entries.map(({ version, changes }) => (
        <View key={version.number} className='card wz-version' data-version={version.number} role='article' aria-label={`第${version.number}版`}>
          <View className='ui-row ui-gap-md'>
            <Text className='ui-h3'>第 {version.number} 版</Text>
            {version.number === latest ? <Text className='ui-tag ui-tag-xs ui-tone-positive'>当前有效</Text> : null}
          </View>
          <Text className='ui-meta ui-mt-xs ui-mb-sm'>提交时间：{formatInstant(version.submittedAt)}</Text>
          {changes === null ? (
            <Text className='ui-note ui-mt-2xs ui-mb-sm'>首次提交</Text>
          ) : changes.length === 0 ? (
            <Text className='ui-note ui-mt-2xs ui-mb-sm'>与第 {version.number - 1} 版相比内容没有变化</Text>
          ) : (
            <>
              <Text className='ui-para-sm ui-mb-xs'>
                与第 {version.number - 1} 版相比，修改了 {changes.length} 项：
              </Text>
              {changes.map((c) => {
                const field = fields.get(c.field)
                const before = field ? answerText(def, field, c.before) : String(c.before ?? '未填写')
                const after = field ? answerText(def, field, c.after) : String(c.after ?? '未填写')
                return (
                  <View key={c.field} className='ui-line-top ui-py-md' data-change-field={c.field}>
                    <Text className='ui-h5 ui-mb-xs'>{c.label}</Text>
                    <View className='wz-change__row ui-row ui-start ui-gap-sm ui-mb-xs'>
                      <Text className='wz-change__tag wz-change__tag--before ui-tone-muted'>修改前</Text>
                      <ReadOnlyValue text={before} />
                    </View>
                    <View className='wz-change__row ui-row ui-start ui-gap-sm ui-mb-xs'>
                      <Text className='wz-change__tag ui-tone-progress'>修改后</Text>
                      <ReadOnlyValue text={after} />
                    </View>
                  </View>
                )
              })}
            </>
          )}
        </View>
      ))}
    </View>
  )
}
