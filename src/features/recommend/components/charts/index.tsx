/**
 * The bureau's campaign at a glance: four charts (AntV F2, on the mini-programs' canvas and in
 * H5), each with its summary, hidden table, empty state and 保存图片. Quota use comes from the
 * counts by unit; the rest from `overview.charts` (types/overview.ts).
 */
import { View } from '@tarojs/components'
import { useState } from 'react'
import type { BureauOverview } from '../../../../../types/recommend'
import { Chips } from '../chips'
import { ChartCard } from './chart-card'
import { dailyData, matrixData, quotaData, returnsData } from './data'
import { dailyChart, matrixChart, quotaChart, returnsChart } from './specs'
import './charts.scss'

/** Room per bar across, and for the legend and the axis. */
const ROW = 36
const FRAME = 84

export function OverviewCharts({ overview, campaignTitle, wide }: { overview: BureauOverview; campaignTitle: string; wide: boolean }) {
  const [unit, setUnit] = useState('')
  const matrix = matrixData(overview, unit)
  const daily = dailyData(overview)
  const quota = quotaData(overview)
  const returns = returnsData(overview)
  const units = overview.byUnit.filter((u) => u.received > 0)
  const file = (what: string) => `${campaignTitle}-${what}.png`

  return (
    <View className={`charts ui-mt-md${wide ? ' rc-columns' : ''}`} data-testid='overview-charts'>
      <ChartCard
        id='chart-matrix'
        title='各领域需求（按推荐单位、状态）'
        data={matrix}
        draw={() => matrixChart(matrix.records, matrix.statuses)}
        height={FRAME + ROW * Math.max(1, matrix.table.rows.length)}
        fileName={file(unit ? `各领域需求-${overview.byUnit.find((u) => u.unit.id === unit)?.unit.name ?? unit}` : '各领域需求')}
      >
        {units.length > 1 ? (
          <Chips
            label='推荐单位'
            options={[{ value: '', label: '全部' }, ...units.map((u) => ({ value: u.unit.id, label: u.unit.name }))]}
            value={unit}
            onChange={setUnit}
            testId='chart-unit'
          />
        ) : null}
      </ChartCard>
      <ChartCard id='chart-daily' title='每日提交与截止日' data={daily} draw={() => dailyChart(daily.records, daily.deadline)} height={260} fileName={file('每日提交')} />
      <ChartCard
        id='chart-quota'
        title='推荐名额使用'
        data={quota}
        draw={() => quotaChart(quota.records)}
        height={FRAME + ROW * Math.max(1, quota.table.rows.length)}
        fileName={file('推荐名额使用')}
      />
      <ChartCard
        id='chart-returns'
        title='退回修改原因（按主题）'
        data={returns}
        draw={() => returnsChart(returns.records)}
        height={FRAME + ROW * returns.records.length}
        fileName={file('退回原因')}
      />
    </View>
  )
}
