import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import type { CampaignDefinition, Contact, Domain } from '../../../../types/campaign'
import type { CampaignDetail } from '../../../../types/domain'
import { directionDescription, directionLabel, unitTypeLabel } from '../../../../types/labels'
import { Disclosure } from '../../../components/disclosure'
import { PhoneLink } from '../../../components/phone-link'
import { useRevealed } from '../../../components/when-idle'
import { formatDeadline } from '../../../../types/time'
import { CampaignStatusTag, DemoTag } from './campaign-tags'
import { AskNotice } from './ask-notice'
import { Templates } from './templates'
import { useCampaignClock } from './use-campaign-clock'
import './campaigns.scss'

/** Groups items by a key, keeping the order in which keys first appear. */
function groupBy<T>(items: T[], key: (item: T) => string): Array<[string, T[]]> {
  const groups = new Map<string, T[]>()
  for (const item of items) {
    const k = key(item)
    const list = groups.get(k)
    if (list) list.push(item)
    else groups.set(k, [item])
  }
  return [...groups.entries()]
}

function Header({ campaign }: { campaign: CampaignDetail }) {
  const clock = useCampaignClock(campaign)
  return (
    <View className='campaign-detail__header'>
      <View className='ui-row ui-mb-md'>
        <CampaignStatusTag status={clock.status} />
        {campaign.isDemo ? <DemoTag /> : null}
      </View>
      <Text className='campaign-detail__title'>{campaign.title}</Text>
      <Text className='campaign-detail__issuer'>{campaign.issuer}</Text>
      <Text className='campaign-detail__tagline'>{campaign.tagline}</Text>
    </View>
  )
}

function Deadline({ label, at, testId, note }: { label: string; at: string; testId: string; note: ReactNode }) {
  return (
    <View className='campaign-detail__deadline ui-flex ui-start ui-py-lg'>
      <Text className='campaign-detail__deadline-label'>{label}</Text>
      <View className='ui-grow'>
        <Text className='campaign-detail__deadline-value' data-testid={testId}>
          {formatDeadline(at)}
        </Text>
        {note}
      </View>
    </View>
  )
}

function Deadlines({ campaign }: { campaign: CampaignDetail }) {
  const clock = useCampaignClock(campaign)
  const noteClass = clock.status === 'closed' ? ' is-closed' : clock.urgent ? ' is-urgent' : ''
  return (
    <View className='card ui-py-xs' aria-label='截止时间'>
      <Deadline
        label='填报截止'
        at={campaign.enterpriseDeadlineAt}
        testId='enterprise-deadline'
        note={
          <Text className={`campaign-detail__deadline-note ui-link ui-mt-2xs${noteClass}`} data-testid='countdown'>
            {clock.countdownText}
          </Text>
        }
      />
      <Deadline
        label='推荐截止'
        at={campaign.recommenderDeadlineAt}
        testId='recommender-deadline'
        note={<Text className='campaign-detail__deadline-note ui-link ui-mt-2xs is-closed'>推荐单位在此前完成推荐</Text>}
      />
    </View>
  )
}

/** Paragraphs shown before 展开全文: enough to know what the notice is about. */
const SUMMARY_PREVIEW_CHARS = 200

function Summary({ text }: { text: string }) {
  const [expanded, setExpanded] = useState(false)
  const paragraphs = text.split(/\n+/).map((p) => p.trim()).filter(Boolean)
  // Whole paragraphs up to the preview length (at least one), the rest behind 展开全文.
  let shownCount = 0
  let chars = 0
  while (shownCount < paragraphs.length && (shownCount === 0 || chars + paragraphs[shownCount].length <= SUMMARY_PREVIEW_CHARS)) {
    chars += paragraphs[shownCount].length
    shownCount++
  }
  const long = shownCount < paragraphs.length
  const shown = expanded ? paragraphs : paragraphs.slice(0, shownCount)
  return (
    <View className='card'>
      <Text className='section-title'>通知摘要</Text>
      <View className='campaign-detail__summary'>
        {shown.map((p, i) => (
          <Text key={i} className='campaign-detail__paragraph'>
            {p}
          </Text>
        ))}
      </View>
      {long ? (
        <View className='ui-link-lg ui-mt-sm ui-py-xs' role='button' aria-expanded={expanded} onClick={() => setExpanded((v) => !v)}>
          <Text>{expanded ? '收起' : '展开全文'}</Text>
        </View>
      ) : null}
    </View>
  )
}

function Eligibility({ def }: { def: CampaignDefinition }) {
  const limit = def.demandLimit
  const overrides = Object.entries(limit.byUnitType ?? {}) as Array<[string, number]>
  return (
    <View className='card'>
      <Text className='section-title'>谁可以申报</Text>
      <View className='campaign-detail__chips ui-flex ui-wrap'>
        {def.eligibleUnitTypes.map((t) => (
          <Text key={t} className='campaign-detail__chip'>
            {unitTypeLabel(def, t)}
          </Text>
        ))}
      </View>
      {def.eligibility.length > 0 ? (
        <>
          <Text className='ui-h5 ui-mt-lg ui-mb-xs'>申报条件</Text>
          {def.eligibility.map((r) => (
            <Text key={r.id} className='campaign-detail__rule'>
              {r.appliesTo?.length ? `${r.appliesTo.map((t) => unitTypeLabel(def, t)).join('、')}：` : ''}
              {r.message}
            </Text>
          ))}
        </>
      ) : null}
      <Text className='ui-h5 ui-mt-lg ui-mb-xs'>限报数量</Text>
      <Text className='campaign-detail__rule'>
        {limit.perEnterprise === null ? '每家单位填报数量不限' : `每家单位限报 ${limit.perEnterprise} 项`}
      </Text>
      {overrides.map(([t, n]) => (
        <Text key={t} className='campaign-detail__rule'>
          {unitTypeLabel(def, t)}限报 {n} 项
        </Text>
      ))}
      {limit.note ? <Text className='campaign-detail__rule'>{limit.note}</Text> : null}
    </View>
  )
}

function DomainItem({ domain }: { domain: Domain }) {
  return (
    <Disclosure title={domain.label} extra={domain.directions.length ? `${domain.directions.length} 个方向` : '不分方向'}>
      {domain.directions.length === 0 ? <Text className='campaign-detail__rule'>本领域不细分方向，填报时选择领域即可。</Text> : null}
      {domain.directions.map((d, i) => (
        <Text key={i} className='campaign-detail__rule'>
          {directionLabel(d)}
          {directionDescription(d) ? `：${directionDescription(d)}` : ''}
        </Text>
      ))}
    </Disclosure>
  )
}

function Domains({ domains }: { domains: Domain[] }) {
  if (domains.length === 0) return null
  const grouped = groupBy(domains, (d) => d.group ?? '')
  return (
    <View className='card'>
      <Text className='section-title'>征集领域与方向</Text>
      {grouped.map(([group, list]) => (
        <View key={group || 'all'} className='campaign-detail__domain-group'>
          {group ? <Text className='ui-h5 ui-mt-lg ui-mb-xs'>{group}</Text> : null}
          {list.map((d) => (
            <DomainItem key={d.id} domain={d} />
          ))}
        </View>
      ))}
    </View>
  )
}

function Recommenders({ def }: { def: CampaignDefinition }) {
  return (
    <View className='card'>
      <Text className='section-title'>推荐单位</Text>
      {def.recommenders.unitTypes.map((t) => {
        const units = def.recommenders.units.filter((u) => u.type === t.id)
        return (
          <View key={t.id} className='campaign-detail__unit-group ui-line-between'>
            <View className='ui-row ui-baseline ui-between ui-mb-xs'>
              <Text className='ui-h5'>{t.label}</Text>
              <Text className='ui-ml-md ui-meta ui-warn ui-keep'>{t.quota === null ? '不限名额' : `每单位限荐 ${t.quota} 项`}</Text>
            </View>
            <Text className='ui-note'>{units.map((u) => u.name).join('、')}</Text>
          </View>
        )
      })}
    </View>
  )
}

function ContactRow({ contact }: { contact: Contact }) {
  const who = [contact.topic, contact.person].filter(Boolean).join(' ')
  return (
    <View className='campaign-detail__contact ui-row ui-between ui-py-md ui-line-bottom'>
      <View className='ui-grow ui-mr-md'>
        <Text className='ui-value'>{who}</Text>
        <Text className='ui-label ui-nums'>{contact.phone}</Text>
      </View>
      <View className='campaign-detail__call ui-keep'>
        <PhoneLink phone={contact.phone} label={`拨打${who}电话 ${contact.phone}`} look='button'>
          拨打
        </PhoneLink>
      </View>
    </View>
  )
}

function Contacts({ contacts }: { contacts: Contact[] }) {
  return (
    <View className='card'>
      <Text className='section-title'>咨询电话</Text>
      {groupBy(contacts, (c) => c.group).map(([group, list]) => (
        <View key={group}>
          <Text className='campaign-detail__contact-group ui-label ui-mb-2xs'>{group}</Text>
          {list.map((c, i) => (
            <ContactRow key={`${c.phone}-${i}`} contact={c} />
          ))}
        </View>
      ))}
    </View>
  )
}

/**
 * A campaign as the enterprise contact reads it before deciding to apply: the first screen
 * (title, deadlines, summary) at once, the sections below it one by one once the page is idle.
 */
export function CampaignDetailView({ campaign }: { campaign: CampaignDetail }) {
  const def = campaign.definition
  const below = [
    <AskNotice key='ask' campaignId={campaign.id} />,
    <Eligibility key='eligibility' def={def} />,
    <Domains key='domains' domains={def.domains} />,
    <Recommenders key='recommenders' def={def} />,
    <Templates key='templates' templates={def.templates} />,
    <Contacts key='contacts' contacts={def.contacts} />
  ]
  const shown = useRevealed(below.length, 0, 1)
  return (
    <View className='campaign-detail'>
      <Header campaign={campaign} />
      <Deadlines campaign={campaign} />
      <Summary text={def.summary} />
      {below.slice(0, shown)}
    </View>
  )
}
