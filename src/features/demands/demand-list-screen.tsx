import { Text, View } from '@tarojs/components'
import { DEMAND_STATUS_LABELS } from '../../../types/domain'
import { AsyncView } from '../../components/state-view'
import { StatusTag } from '../../components/status-tag'
import { useScreenAsync } from '../../components/use-async'
import { openPage, ROUTES } from '../../services/navigation'
import { useRedirectToLoginOnce } from '../auth'
import { getMyDemands, type DemandListItem } from './api'

/** Drafts open in the wizard; anything submitted on its status page (reason, what can be done, 修改 from there). */
function targetOf(d: DemandListItem): string {
  return d.status === 'draft' ? ROUTES.wizard(d.id) : ROUTES.status(d.id)
}

export interface DemandListScreenProps {
  /** Bumped when the page shows again or is pulled down. */
  refreshKey?: number
  /** Called when a load has answered (the page folds its pull-down spinner). */
  onRefreshed?: () => void
}

/** 我的需求: every demand of the signed-in enterprise. */
export function DemandListScreen({ refreshKey, onRefreshed }: DemandListScreenProps) {
  const state = useScreenAsync(getMyDemands, [], { refreshKey, onRefreshed })
  useRedirectToLoginOnce(state.error)
  return (
    <View className='page demand-list-screen'>
      <AsyncView
        state={state}
        isEmpty={(list) => list.length === 0}
        empty={{
          title: '暂无需求',
          description: '选择一项征集活动，即可开始填报',
          actionText: '浏览征集活动',
          onAction: () => void openPage(ROUTES.home)
        }}
        states={{ signedOut: '登录后可查看本单位填报的需求' }}
      >
        {(list) => (
          <View role='list'>
            {list.map((d) => (
              <View
                key={d.id}
                className='card demand-item'
                role='listitem'
                data-demand-id={d.id}
                aria-label={`${d.title || '未命名需求'}，${DEMAND_STATUS_LABELS[d.status] ?? d.status}`}
                onClick={() => void openPage(targetOf(d))}
              >
                <View className='ui-row ui-start ui-between ui-gap-md'>
                  <Text className='ui-h3'>{d.title || '未命名需求'}</Text>
                  <StatusTag status={d.status} className='demand-item__status' />
                </View>
                {d.campaignTitle ? <Text className='ui-label ui-mt-xs'>{d.campaignTitle}</Text> : null}
                <Text className='demand-item__action ui-link ui-mt-md'>
                  {d.status === 'draft' ? '继续填写 ›' : d.status === 'returned' ? '查看退回原因并修改 ›' : `查看进度${d.submittedVersion ? `（第${d.submittedVersion}版）` : ''} ›`}
                </Text>
              </View>
            ))}
          </View>
        )}
      </AsyncView>
    </View>
  )
}
