import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { setCareMode, useCareMode } from '../../services/care-mode'
import './index.scss'

export interface CareSwitchProps {
  /** `row`: a settings row (我的); `pill`: a small one beside a heading (the first screen). */
  variant?: 'row' | 'pill'
}

/** The one switch of 关怀模式 (larger text, higher contrast, larger targets); services/care-mode. */
export function CareSwitch({ variant = 'row' }: CareSwitchProps) {
  const on = useCareMode()
  const toggle = () => {
    setCareMode(!on).catch(() => Taro.showToast({ title: '已在本机切换，未能保存到账号', icon: 'none' }))
  }
  return (
    <View className={`care-switch care-switch--${variant}${on ? ' is-on' : ''}`} role='switch' aria-checked={on} data-testid='care-switch' onClick={toggle}>
      <Text className='care-switch__label'>
        关怀模式
        <Text className={variant === 'pill' ? 'sr-only' : 'care-switch__hint'}>（大字、高对比）</Text>
      </Text>
      <View className='care-switch__track' aria-hidden='true'>
        <View className='care-switch__knob' />
      </View>
    </View>
  )
}
