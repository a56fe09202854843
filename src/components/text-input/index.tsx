import { Input, View } from '@tarojs/components'
import { useState } from 'react'
import './index.scss'

interface Props {
  value: string
  onChange: (value: string) => void
  /** `number`: digits only (the numeric keypad; on H5 a `tel` box, which keeps leading zeros). */
  type?: 'text' | 'number'
  name?: string
  placeholder?: string
  maxLength?: number
  /** A 清除 button while the box has focus and text. */
  clearable?: boolean
  className?: string
  'aria-label'?: string
}

/**
 * A one-line text box of the main package's pages (a campaign's 问通知, the profile) and of the
 * account page's 注销 box: Taro's own input in NutUI's look. NutUI's Input, which the wizard's
 * and the studio's forms use, would bring ≈ 9 KB (its locale table, config provider and icons)
 * into the main package, whose size is budgeted (issue 14: ≤ 1.5× a bare Taro app on WeChat,
 * ≤ 1.6× on Alipay), and into the account subpackage.
 */
export function TextInput({ value, onChange, type = 'text', name, placeholder, maxLength, clearable, className, 'aria-label': label }: Props) {
  const [focused, setFocused] = useState(false)
  const take = (text: string) => onChange(type === 'number' ? text.replace(/\D+/g, '') : text)
  return (
    <View className={`text-input ${className ?? ''}`}>
      <Input
        className='text-input__native'
        name={name}
        type={process.env.TARO_ENV === 'h5' && type === 'number' ? ('tel' as 'number') : type}
        value={value}
        maxlength={maxLength}
        placeholder={placeholder}
        placeholderClass='text-input__placeholder'
        aria-label={label}
        onInput={(e) => take(e.detail.value)}
        onFocus={() => setFocused(true)}
        // after a tap on 清除 has landed (the tap blurs the box first)
        onBlur={() => setTimeout(() => setFocused(false), 200)}
      />
      {clearable && focused && value ? (
        <View className='text-input__clear' role='button' aria-label='清除' onClick={() => onChange('')}>
          ×
        </View>
      ) : null}
    </View>
  )
}
