import { Text, View } from '@tarojs/components'
import { AGREEMENT_IDS, agreementOf, type AgreementId } from '../../../types/agreements'
import { StateView } from '../../components/state-view'
import { openPage } from '../../services/navigation'
import { AGREEMENT_TEXTS } from './agreement-texts'
import { ACCOUNT_ROUTES } from './shell'
import './account.scss'

/** One agreement's full text, with its version and effective date. */
export function AgreementScreen({ id }: { id: string | undefined }) {
  if (!AGREEMENT_IDS.includes(id as AgreementId)) {
    return (
      <View className='page account'>
        <StateView kind='empty' title='找不到该协议' description='链接可能有误，请从登录页或“我的 → 账号与数据”打开。' />
      </View>
    )
  }
  const agreement = agreementOf(id as AgreementId)
  const other = agreementOf(AGREEMENT_IDS.find((a) => a !== agreement.id)!)
  return (
    <View className='page account agreement'>
      <View className='card'>
        <View className='agreement__title ui-h2' role='heading' aria-level={1}>
          {agreement.title}
        </View>
        <Text className='ui-meta ui-mt-xs ui-mb-xl'>
          版本 {agreement.version} · {agreement.effective} 起生效
        </Text>
        {AGREEMENT_TEXTS[agreement.id].map((section) => (
          <View key={section.heading} className='ui-mb-xl'>
            <View className='ui-h4 ui-mb-sm' role='heading' aria-level={2}>
              {section.heading}
            </View>
            {section.paragraphs.map((p) => (
              <Text key={p} className='ui-para ui-mb-sm'>
                {p}
              </Text>
            ))}
          </View>
        ))}
        <View className='ui-link-lg ui-target-line' role='link' onClick={() => void openPage(ACCOUNT_ROUTES.agreement(other.id))}>
          另见《{other.title}》
        </View>
      </View>
    </View>
  )
}
