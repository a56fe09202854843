import { Input } from '@nutui/nutui-react-taro'
import { Button } from '../../../components/button'
import { Text, View } from '@tarojs/components'
import type { IndicatorTableField } from '../../../../types/campaign'
import { INDICATOR_COLUMNS, type IndicatorRow } from '../../../../types/engine'
import { answerText } from '../../../../types/display'
import { FieldFrame, ReadOnlyField } from './field-frame'
import type { FieldProps } from './types'

const EMPTY_ROW: IndicatorRow = { name: '', current: '', target: '', unit: '' }

function rowsOf(value: unknown): IndicatorRow[] {
  return Array.isArray(value) ? (value as IndicatorRow[]) : []
}

const hasContent = (r: IndicatorRow) => Boolean(r.name || r.current || r.target || r.unit)

/**
 * The indicator table as cards, one per row, so that it is comfortable on a 375 px phone:
 * the name on its own line, then current / target / unit side by side. Rows can be added,
 * moved up and down, and deleted with 撤销. A started row missing a required cell is marked
 * at once (the engine says which cells).
 */
export function IndicatorsInput({ field, value, issues, allIssues, attempted, onChange, ctx }: FieldProps<IndicatorTableField>) {
  const rows = rowsOf(value)
  if (ctx.readOnly) return <ReadOnlyField field={field} text={answerText(ctx.def, field, value)} />

  const update = (fn: (rows: IndicatorRow[]) => IndicatorRow[]) =>
    onChange(field.id, (prev: unknown) => {
      const next = fn(rowsOf(prev))
      return next.length ? next : undefined
    })

  const setCell = (i: number, key: keyof IndicatorRow, text: string) =>
    update((list) => list.map((r, j) => (j === i ? { ...r, [key]: text } : r)))

  const move = (i: number, by: -1 | 1) =>
    update((list) => {
      const j = i + by
      if (j < 0 || j >= list.length) return list
      const next = list.slice()
      ;[next[i], next[j]] = [next[j], next[i]]
      return next
    })

  const remove = (i: number) => {
    const removed = rows[i]
    update((list) => list.filter((_, j) => j !== i))
    if (hasContent(removed)) {
      ctx.notify(`已删除指标${removed.name ? `“${removed.name}”` : ` ${i + 1}`}`, {
        text: '撤销',
        run: () => update((list) => [...list.slice(0, i), removed, ...list.slice(i)])
      })
    }
  }

  const add = () => update((list) => [...list, { ...EMPTY_ROW }])

  /** Cell problems to mark: on started rows at once, on every row once the step was attempted. */
  const cellIssue = (i: number, key: keyof IndicatorRow) =>
    allIssues.find((x) => x.row === i && x.column === key && (attempted || hasContent(rows[i]) || x.code === 'TOO_LONG'))

  // Below the minimum: offer empty rows to fill rather than a bare add button.
  const shown = rows.length
  const missing = Math.max(0, field.minRows - shown)

  return (
    <FieldFrame field={field} issues={issues}>
      <Text className='ui-note ui-mt-2xs ui-mb-sm'>
        已填 {shown} 项{field.minRows ? `，至少 ${field.minRows} 项` : ''}，最多 {field.maxRows} 项。当前值可不填（新能力无当前值）。
      </Text>
      {rows.map((row, i) => {
        const rowIssues = (['name', 'current', 'target', 'unit'] as const).map((k) => cellIssue(i, k)).filter(Boolean)
        return (
          <View key={i} className={`wz-indicator${rowIssues.length ? ' has-error' : ''}`} data-row={i} role='group' aria-label={`指标 ${i + 1}`}>
            <View className='ui-row ui-between ui-mb-xs'>
              <Text className='ui-h5'>指标 {i + 1}</Text>
              <View className='ui-flex ui-gap-xs'>
                <View
                  className={`wz-icon-button ui-tone-${i === 0 ? 'muted' : 'progress'}`}
                  role='button'
                  aria-label={`上移指标 ${i + 1}`}
                  aria-disabled={i === 0}
                  onClick={() => i > 0 && move(i, -1)}
                >
                  ↑
                </View>
                <View
                  className={`wz-icon-button ui-tone-${i === rows.length - 1 ? 'muted' : 'progress'}`}
                  role='button'
                  aria-label={`下移指标 ${i + 1}`}
                  aria-disabled={i === rows.length - 1}
                  onClick={() => i < rows.length - 1 && move(i, 1)}
                >
                  ↓
                </View>
                <View className='wz-icon-button ui-tone-danger' role='button' aria-label={`删除指标 ${i + 1}`} onClick={() => remove(i)}>
                  ✕
                </View>
              </View>
            </View>
            <Cell label={INDICATOR_COLUMNS.name} value={row.name} wide issue={cellIssue(i, 'name')?.code} onInput={(t) => setCell(i, 'name', t)} column='name' placeholder='如：CPU主频' />
            <View className='wz-indicator__grid'>
              <Cell label={INDICATOR_COLUMNS.current} value={row.current} issue={cellIssue(i, 'current')?.code} onInput={(t) => setCell(i, 'current', t)} column='current' placeholder='可不填' />
              <Cell label={INDICATOR_COLUMNS.target} value={row.target} issue={cellIssue(i, 'target')?.code} onInput={(t) => setCell(i, 'target', t)} column='target' placeholder='必填' />
              <Cell label={INDICATOR_COLUMNS.unit} value={row.unit} issue={cellIssue(i, 'unit')?.code} onInput={(t) => setCell(i, 'unit', t)} column='unit' placeholder='如：MHz' />
            </View>
            {rowIssues.length ? (
              <View className='ui-mt-sm' role='alert' data-testid={`error-${field.id}-row-${i}`}>
                {rowIssues.map((x) => (
                  <Text key={x!.message} className='ui-error-md'>
                    {x!.message.replace(`${field.label}：`, '')}
                  </Text>
                ))}
              </View>
            ) : null}
          </View>
        )
      })}
      {rows.length < field.maxRows ? (
        <Button className='wz-add-row' fill='dashed' block onClick={add}>
          ＋ 添加指标{missing > 0 ? `（还需 ${missing} 项）` : ''}
        </Button>
      ) : (
        <Text className='ui-note ui-mt-2xs ui-mb-sm'>已达 {field.maxRows} 项上限</Text>
      )}
    </FieldFrame>
  )
}

function Cell({
  label,
  value,
  wide,
  issue,
  onInput,
  column,
  placeholder
}: {
  label: string
  value: string
  wide?: boolean
  issue?: string
  onInput: (text: string) => void
  column: keyof IndicatorRow
  placeholder: string
}) {
  return (
    <View className={`wz-cell${wide ? ' ui-mb-sm' : ''}${issue ? ' has-error' : ''}`} data-column={column}>
      <Text className='wz-cell__label ui-meta ui-mb-xs'>{label}</Text>
      <Input className='wz-cell__input' value={value} placeholder={placeholder} maxLength={1000} aria-label={label} onChange={onInput} />
    </View>
  )
}
