import { Text, View } from '@tarojs/components'
import { allFields, type CampaignDefinition } from '../../../types/campaign'
import type { QualityHint, QualityReport } from '../../../types/quality'
import './index.scss'

/** A score from here up reads as good (green); below it as worth improving (amber, never red). */
export const GOOD_SCORE = 90

/** What can be done with one hint: 去修改 (open its field), 引用 (quote it into a reason). */
export interface HintAction {
  label: string
  /** Read out for the action, e.g. “引用：需求名称的建议”. */
  describe: (hint: QualityHint, fieldLabel: string) => string
  run: (hint: QualityHint, fieldLabel: string) => void
}

/** The label of the field a hint is about, as the campaign names it. */
export function hintFieldLabel(def: CampaignDefinition, hint: QualityHint): string {
  return allFields(def).find((f) => f.id === hint.field)?.label ?? hint.field
}

export interface QualityHintsProps {
  hints: QualityHint[]
  /** Given: each hint names its field (lists away from the field: the review, the recommender). */
  def?: CampaignDefinition
  action?: HintAction
  testId?: string
}

/**
 * Hints of the quality assistant (types/quality.ts): advice, never an error. Each says what to
 * add, with the example in a quieter line. A live region, so that hints appearing under a field
 * as it is typed are read out without taking the focus.
 */
export function QualityHints({ hints, def, action, testId }: QualityHintsProps) {
  return (
    <View className={`quality-hints ui-col ui-gap-sm${hints.length ? '' : ' is-empty'}`} role='status' aria-live='polite' data-testid={testId}>
      {hints.map((h, i) => {
        const label = def ? hintFieldLabel(def, h) : ''
        return (
          <View key={`${h.rule}:${h.field}:${i}`} className='quality-hint' data-rule={h.rule} data-hint-field={h.field}>
            <Text className='quality-hint__icon' aria-hidden='true'>
              i
            </Text>
            <Text className='quality-hint__tag'>建议</Text>
            <View className='ui-grow ui-col ui-gap-2xs'>
              <Text className='quality-hint__message ui-para-sm'>
                {label ? <Text className='quality-hint__field'>{label}：</Text> : null}
                {h.message}
              </Text>
              {h.example ? <Text className='quality-hint__example ui-help'>{h.example}</Text> : null}
            </View>
            {action ? (
              <View
                className='quality-hint__action'
                role='button'
                aria-label={action.describe(h, label)}
                data-testid='hint-action'
                onClick={() => action.run(h, label)}
              >
                {action.label}
              </View>
            ) : null}
          </View>
        )
      })}
    </View>
  )
}

export interface QualityCardProps {
  report: QualityReport
  def: CampaignDefinition
  /** Which hints to list: the three that matter most (the enterprise's review) or all (the recommender). */
  list: 'top' | 'all'
  /** Said instead of a list when nothing was found. */
  goodMessage: string
  action?: HintAction
}

/** The demand's score (0–100) as 完整度 and 具体度, and what to improve first. */
export function QualityCard({ report, def, list, goodMessage, action }: QualityCardProps) {
  const hints = list === 'top' ? report.top : report.hints
  const good = report.score >= GOOD_SCORE
  return (
    <View className='card quality-card ui-col ui-gap-lg' data-testid='quality-card' data-score={report.score}>
      <View className='ui-row ui-gap-xl'>
        <View className={`quality-card__score ${good ? 'quality-card__score--good ui-tone-positive' : 'quality-card__score--fair ui-tone-attention'}`} aria-label={`需求质量${report.score}分（满分100）`}>
          <Text className='quality-card__number' data-testid='quality-score'>
            {report.score}
          </Text>
          <Text className='quality-card__unit'>分</Text>
        </View>
        <View className='ui-grow ui-col ui-gap-2xs'>
          <Text className='ui-h4'>需求质量</Text>
          <Text className='ui-label ui-nums' data-testid='quality-completeness'>
            完整度 {report.completeness}
          </Text>
          <Text className='ui-label ui-nums' data-testid='quality-specificity'>
            具体度 {report.specificity}
          </Text>
        </View>
      </View>
      {hints.length ? (
        <View className='ui-col ui-gap-sm'>
          <Text className='ui-strong'>
            {list === 'top' ? `建议优先完善（共 ${report.hints.length} 处）` : `质量提示（${report.hints.length} 处）`}
          </Text>
          <QualityHints hints={hints} def={def} action={action} testId='quality-hints' />
        </View>
      ) : (
        <Text className='quality-card__good' data-testid='quality-good'>
          {goodMessage}
        </Text>
      )}
    </View>
  )
}

/** The score as a small tag (the inbox): no score yet (submitted before scores were kept) shows nothing. */
export function QualityBadge({ score }: { score: number | null }) {
  if (score === null) return null
  return (
    <Text className={`ui-tag ui-tag-xs ui-tone-${score >= GOOD_SCORE ? 'positive' : 'attention'}`} data-testid='quality-badge' aria-label={`质量分${score}`}>
      质量 {score}
    </Text>
  )
}
