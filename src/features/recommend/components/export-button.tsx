import { Button } from '../../../components/button'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { isH5 } from '../../../services/env'
import { toApiError } from '../../../services/http'
import { downloadFile } from '../../../services/download'
import { exportPath } from '../api'

export interface ExportButtonProps {
  campaignId: string
  /** The file's name where the platform does not take the server's. */
  fileName: string
  /** Bureau: one unit's sheet; none = every unit's (the bureau) or the own unit's (a recommender). */
  unit?: string
  label?: string
  block?: boolean
  size?: 'small' | 'normal'
}

/** 导出汇总表: the ranked summary sheet as xlsx, downloaded (H5) or opened (mini-programs). */
export function ExportButton({ campaignId, fileName, unit, label = '导出汇总表', block, size = 'normal' }: ExportButtonProps) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()

  const run = async () => {
    setBusy(true)
    setError(undefined)
    try {
      const result = await downloadFile(exportPath(campaignId, unit), fileName, '汇总表')
      if (result.openFailed) {
        await Taro.showModal({
          title: '汇总表已下载',
          content: '本机无法直接打开表格文件。可在电脑浏览器中登录后导出，或转发给电脑查看。',
          showCancel: false,
          confirmText: '知道了'
        }).catch(() => undefined)
      } else {
        Taro.showToast({ title: isH5() ? '汇总表已开始下载' : '汇总表已打开', icon: 'none', duration: 2000 })
      }
    } catch (e) {
      setError(toApiError(e).message)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`rc-export${block ? ' ui-flex' : ''}`}>
      <Button
        className='rc-export__button'
        fill='outline'
        type='primary'
        block={block}
        size={size}
        loading={busy}
        disabled={busy}
        aria-label={`${label}（Excel 表格）`}
        data-testid='export'
        onClick={() => void run()}
      >
        {busy ? '正在导出' : label}
      </Button>
      {error ? (
        <View className='rc-export__error ui-error ui-mt-xs' role='alert' data-testid='export-error'>
          导出失败：{error}
        </View>
      ) : null}
    </View>
  )
}
