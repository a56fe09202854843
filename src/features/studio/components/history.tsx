import { Text, View } from '@tarojs/components'
import { formatInstant } from '../../../../types/time'
import { STUDIO_ACTION_LABELS, type StudioAuditEntry, type StudioVersion } from '../../../../types/studio'
import { Disclosure } from '../../../components/disclosure'

/** Where a published version came from. */
export function sourceLabel(source: string): string {
  if (source === 'studio') return '活动工作室发布'
  if (source === 'close') return '提前结束填报'
  if (source === 'deadline') return '调整截止时间'
  if (source === 'cli') return '命令行导入'
  if (source.startsWith('file:')) return `随版本部署（${source.slice(5)}）`
  return source
}

function detailText(entry: StudioAuditEntry): string {
  const d = entry.detail ?? {}
  const parts: string[] = []
  if (typeof d.reason === 'string' && d.reason) parts.push(`原因：${d.reason}`)
  if (d.from === 'blank') parts.push('从空白活动开始')
  if (d.from === 'copy') parts.push(`复制自 ${typeof d.campaignId === 'string' ? d.campaignId : '已有活动'}`)
  if (d.from === 'json') parts.push('上传 JSON 文件')
  return parts.join('；')
}

/** 版本记录与操作日志, folded away until asked for. */
export function History({ versions, audit }: { versions: StudioVersion[]; audit: StudioAuditEntry[] }) {
  return (
    <View className='card st-history' data-testid='studio-history'>
      <Disclosure title='版本记录' extra={versions.length ? `${versions.length} 个版本` : '尚未发布'}>
        {versions.length ? (
          <View role='list'>
            {versions.map((v) => (
              <View key={v.version} className='st-log' role='listitem'>
                <Text className='st-log__title ui-value'>
                  第 {v.version} 版 · {sourceLabel(v.source)}
                </Text>
                <Text className='ui-meta ui-mt-2xs ui-break'>
                  {formatInstant(v.createdAt)}
                  {v.createdBy ? ` · ${v.createdBy}` : ''}
                </Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className='ui-help ui-mt-2xs ui-mb-sm'>发布后，每次发布都会在这里留下一个版本。</Text>
        )}
      </Disclosure>
      <Disclosure title='操作日志' extra={`${audit.length} 条`}>
        {audit.length ? (
          <View role='list'>
            {audit.map((a, i) => {
              const detail = detailText(a)
              return (
                <View key={`${a.at}-${i}`} className='st-log' role='listitem'>
                  <Text className='st-log__title ui-value'>
                    {STUDIO_ACTION_LABELS[a.action] ?? a.action}
                    {a.version ? ` · 第 ${a.version} 版` : ''}
                  </Text>
                  <Text className='ui-meta ui-mt-2xs ui-break'>
                    {formatInstant(a.at)}
                    {a.actor ? ` · ${a.actor}` : ''}
                  </Text>
                  {detail ? <Text className='ui-meta ui-mt-2xs ui-break'>{detail}</Text> : null}
                </View>
              )
            })}
          </View>
        ) : (
          <Text className='ui-help ui-mt-2xs ui-mb-sm'>暂无记录。</Text>
        )}
      </Disclosure>
    </View>
  )
}
