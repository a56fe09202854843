import { useDidHide, useRouter } from '@tarojs/taro'
import { useState } from 'react'
import { useShowAgainKey } from '../../../../components/use-show-again'
import { WizardScreen } from '../../../../features/wizard'
import { CarePage } from '../../../../components/care-page'

export default function WizardPage() {
  const { params } = useRouter()
  const shownKey = useShowAgainKey()
  const [hiddenKey, setHiddenKey] = useState(0)
  useDidHide(() => setHiddenKey((k) => k + 1))
  return (
    <CarePage>
      <WizardScreen id={params.id} step={params.step} field={params.field} shownKey={shownKey} hiddenKey={hiddenKey} />
    </CarePage>
  )
}
