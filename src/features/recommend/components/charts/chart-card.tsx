/**
 * One chart of the overview in a card: its title, the one-line summary (also what the canvas
 * reads out), the chart, a table of its figures for screen readers, an empty state when there is
 * nothing to draw, and 保存图片.
 */
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useRef, useState, type ReactNode } from 'react'
import { Button } from '../../../../components/button'
import { StateView } from '../../../../components/state-view'
import { toApiError } from '../../../../services/http'
import { ChartCanvas, type CanvasNode } from './chart-canvas'
import type { ChartData } from './data'
import { saveChartPicture } from './save-chart'

export interface ChartCardProps {
  /** The canvas id and the card's test id (chart-<id>). */
  id: string
  title: string
  data: ChartData<unknown>
  /** Builds the F2 element; called only when there is data. */
  draw: () => unknown
  height: number
  /** The PNG's name (H5). */
  fileName: string
  /** Controls above the chart (e.g. the unit to show). */
  children?: ReactNode
}

export function ChartCard({ id, title, data, draw, height, fileName, children }: ChartCardProps) {
  const node = useRef<CanvasNode | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  const titleId = `${id}-title`

  const save = async () => {
    if (!node.current) return setError('图表尚未绘制完成，请稍后再试')
    setBusy(true)
    setError(undefined)
    try {
      Taro.showToast({ title: await saveChartPicture(node.current, fileName), icon: 'none', duration: 2000 })
    } catch (e) {
      setError(`图片保存失败：${toApiError(e).message}`)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className='card chart' data-testid={`chart-${id}`} role='region' aria-labelledby={titleId}>
      <View className='ui-row ui-between ui-gap-sm'>
        <Text className='rc-section__title ui-h3 ui-mb-xs ui-grow chart__title' id={titleId}>
          {title}
        </Text>
        {data.empty ? null : (
          <Button className='chart__save ui-keep' type='primary' fill='outline' size='small' loading={busy} disabled={busy} aria-label={`保存图片：${title}`} onClick={() => void save()}>
            保存图片
          </Button>
        )}
      </View>
      {children}
      <Text className='ui-note ui-mt-xs ui-mb-md' data-testid='chart-summary'>
        {data.summary}
      </Text>
      {data.empty ? (
        <StateView kind='empty' title='暂无数据' description='有数据后将在此显示图表' />
      ) : (
        <>
          <ChartCanvas id={id} height={height} label={`${title}：${data.summary}`} element={draw()} drawKey={JSON.stringify(data.records)} nodeRef={node} />
          <View className='sr-only' role='table' aria-label={`${title}数据表`}>
            <View role='row'>
              {data.table.columns.map((c) => (
                <View key={c} role='columnheader'>
                  {c}
                </View>
              ))}
            </View>
            {data.table.rows.map((row) => (
              <View key={String(row[0])} role='row'>
                {row.map((cell, i) => (
                  <View key={data.table.columns[i]} role={i === 0 ? 'rowheader' : 'cell'}>
                    {cell}
                  </View>
                ))}
              </View>
            ))}
          </View>
        </>
      )}
      {error ? (
        <View className='ui-error-md ui-mt-sm' role='alert'>
          {error}
        </View>
      ) : null}
    </View>
  )
}
