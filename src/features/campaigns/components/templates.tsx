import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import type { CampaignTemplate } from '../../../../types/campaign'
import { isH5 } from '../../../services/env'
import { http } from '../../../services/http'
import { copyText } from '../../../services/privacy'

/** A template's address as the browser opens it: https:// as it is, a path on this site from the app's origin. */
export function templateHref(url: string): string {
  if (/^https:\/\//.test(url)) return url
  return isH5() ? url : `${http.defaults.baseURL ?? ''}${url}`
}

/** Opens a template: a new tab in a browser; in a mini-program the link is copied, to open in a browser. */
function openTemplate(t: CampaignTemplate) {
  const href = templateHref(t.url)
  if (isH5()) {
    window.open(href, '_blank', 'noopener')
    return
  }
  void copyText(href).then((copied) =>
    Taro.showToast({ title: copied ? '下载链接已复制，请在浏览器中打开' : '未能复制下载链接', icon: 'none', duration: 2500 })
  )
}

/**
 * The notice's templates (附件 Word / Excel) the enterprise downloads and fills offline, as
 * links. Definitions only hold https:// addresses or paths on this site (validateDefinition).
 */
export function Templates({ templates }: { templates: CampaignTemplate[] | undefined }) {
  if (!templates?.length) return null
  return (
    <View className='card' data-testid='templates'>
      <Text className='section-title'>模板下载</Text>
      <View role='list' aria-label='模板下载'>
        {templates.map((t, i) => (
          <View key={`${t.url}-${i}`} className='campaign-detail__template' role='listitem'>
            <View
              className='campaign-detail__template-link ui-row ui-between ui-gap-md ui-py-lg'
              role='link'
              aria-label={`下载模板：${t.name}`}
              data-href={templateHref(t.url)}
              onClick={() => openTemplate(t)}
            >
              <Text className='ui-link-lg ui-grow ui-break'>{t.name}</Text>
              <Text className='ui-meta ui-keep' aria-hidden='true'>
                {isH5() ? '下载' : '复制链接'}
              </Text>
            </View>
          </View>
        ))}
      </View>
    </View>
  )
}
