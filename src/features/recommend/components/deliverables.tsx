import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import type { CampaignDefinition } from '../../../../types/campaign'
import type { ReviewDemand } from '../../../../types/recommend'
import { reportingError } from '../../../components/report-error'
import { setDeliverables } from '../api'
import { Notice } from './notice'

export interface DeliverablesProps {
  demand: ReviewDemand
  def: CampaignDefinition
  /** The unit, before its deadline, ticks; the bureau and a closed campaign only read. */
  editable: boolean
  onSaved: (demand: ReviewDemand) => void
}

/**
 * The campaign's offline deliverables (paper copies, stamped originals, a disc) as a checklist
 * the unit ticks as they arrive; each tick is saved at once (the whole list, as the server
 * keeps it), and the summary sheet shows ✓ per deliverable.
 */
export function Deliverables({ demand, def, editable, onSaved }: DeliverablesProps) {
  const items = def.deliverables ?? []
  const [received, setReceived] = useState(demand.recommendation.deliverables)
  const [saving, setSaving] = useState<string | null>(null)
  const [error, setError] = useState<string>()
  const serverList = demand.recommendation.deliverables.join('\n')
  useEffect(() => setReceived(demand.recommendation.deliverables), [demand.id, serverList]) // eslint-disable-line react-hooks/exhaustive-deps

  if (items.length === 0) return null

  const toggle = async (id: string) => {
    if (!editable || saving) return
    const next = received.includes(id) ? received.filter((x) => x !== id) : [...received, id]
    setSaving(id)
    await reportingError(
      async () => {
        const updated = await setDeliverables(demand.id, next)
        setReceived(updated.recommendation.deliverables)
        onSaved(updated)
      },
      setError,
      () => setSaving(null)
    )
  }

  return (
    <View className='card rc-section rc-deliverables' data-testid='deliverables'>
      <Text className='rc-section__title ui-h3 ui-mb-xs'>线下报送材料</Text>
      <Text className='ui-help ui-mb-xs'>{editable ? '收到后勾选；汇总表中每项材料一列，已收到的标 ✓。' : '推荐单位登记的收件情况。'}</Text>
      <View role='group' aria-label='线下报送材料收件登记'>
        {items.map((d) => {
          const on = received.includes(d.id)
          return (
            <View
              key={d.id}
              className={`rc-check${on ? ' is-on' : ''}${editable ? '' : ' is-readonly'}`}
              role='checkbox'
              aria-checked={on}
              aria-disabled={!editable || !!saving}
              aria-label={d.label}
              data-deliverable={d.id}
              onClick={() => void toggle(d.id)}
            >
              <View className='rc-check__box' aria-hidden='true'>
                {on ? '✓' : ''}
              </View>
              <Text className='ui-value ui-grow'>{d.label}</Text>
              <Text className='ui-meta' aria-hidden='true'>
                {saving === d.id ? '正在保存…' : on ? '已收到' : '未收到'}
              </Text>
            </View>
          )
        })}
      </View>
      {error ? (
        <Notice kind='error' testId='deliverables-error'>
          {error}
        </Notice>
      ) : null}
    </View>
  )
}
