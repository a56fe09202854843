import { Text, View } from '@tarojs/components'
import type { CampaignDefinition } from '../../../../types/campaign'
import type { ReviewDemand } from '../../../../types/recommend'
import { recommenderDefinition, recommenderFields } from '../../../../types/recommender-fields'
import { RECOMMENDED_STATUSES } from '../../../../types/status'
import { Button } from '../../../components/button'
import { useAction } from '../../../components/use-action'
import { setKeyMark } from '../api'
import { Value } from './demand-content'
import { Notice } from './notice'

export interface RecommenderRecordProps {
  demand: ReviewDemand
  def: CampaignDefinition
  /** The unit may still move the 重点推荐 mark (its deadline ahead, the demand recommended). */
  canMark: boolean
  onSaved: (demand: ReviewDemand) => void
}

/**
 * What the recommending unit gave with its recommendation, as the unit and the bureau read it:
 * its answers (labels for choices, amounts with their unit), sign-off opinions, its stamped
 * scan (downloadable), and the 重点推荐 mark, which the unit can set or clear while it ranks.
 */
export function RecommenderRecord({ demand, def, canMark, onSaved }: RecommenderRecordProps) {
  const { busy, error, run } = useAction()
  const fields = recommenderFields(def)
  const mark = def.recommenders.keyMark
  if (!RECOMMENDED_STATUSES.includes(demand.status) || (fields.length === 0 && !mark)) return null
  const form = recommenderDefinition(def)
  const { answers, keyRecommended } = demand.recommendation

  const toggle = () => run(async () => onSaved(await setKeyMark(demand.id, !keyRecommended)))

  return (
    <View className='card rc-section' data-testid='recommender-record'>
      <Text className='rc-section__title ui-h3 ui-mb-xs'>推荐单位填写</Text>
      {fields.map((f) => (
        <View key={f.id} className='rc-field' data-field={f.id}>
          <Text className='rc-field__label ui-label ui-mb-xs'>{f.label}</Text>
          <Value demandId={demand.id} def={form} field={f} value={answers[f.id]} />
        </View>
      ))}
      {mark ? (
        <View className='rc-field rc-field--inline' data-testid='key-mark'>
          <Text className='rc-field__label ui-label ui-mb-xs'>{mark.label}</Text>
          <Text className='rc-field__value ui-grow'>{keyRecommended ? '是' : '否'}</Text>
          {canMark ? (
            <Button size='small' fill='outline' loading={busy} disabled={busy} data-testid='key-mark-button' onClick={() => void toggle()}>
              {keyRecommended ? `取消“${mark.label}”` : `标记为“${mark.label}”`}
            </Button>
          ) : null}
        </View>
      ) : null}
      {error ? (
        <Notice kind='error' testId='key-mark-error'>
          {error}
        </Notice>
      ) : null}
    </View>
  )
}
