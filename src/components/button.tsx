import { Loading } from '@nutui/icons-react-taro'
import '@nutui/nutui-react-taro/dist/es/packages/button/style/css'
import { Button as TaroButton, View } from '@tarojs/components'
import type { ITouchEvent } from '@tarojs/components'
import type { ReactNode } from 'react'

type Props = {
  /** NutUI's defaults: 'default', 'normal', an outline once any fill is given (none: solid primary). */
  type?: 'default' | 'primary' | 'danger'
  fill?: 'solid' | 'outline' | 'dashed' | 'none'
  size?: 'small' | 'normal' | 'large'
  block?: boolean
  loading?: boolean
  disabled?: boolean
  className?: string
  children?: ReactNode
  onClick?: (e: ITouchEvent) => void
} & { [aria: `aria-${string}`]: unknown; [data: `data-${string}`]: unknown }

/**
 * NutUI's Button as this app uses it: the same element, classes and stylesheet (NutUI's), and no
 * taps while disabled or loading, without NutUI's script for the variants we never render (this
 * runs on every screen of the main package). Announced as a button: on H5 Taro's button is a
 * custom element (taro-button-core) that assistive technology does not know as one, and the
 * disabled state is only a class, hence role and aria-disabled.
 */
export function Button({ type = 'default', fill, size = 'normal', block, loading, disabled, className, children, onClick, ...rest }: Props) {
  const off = Boolean(disabled || loading)
  // NutUI's own class names: nut-button-{type}[-{fill}][-disabled] and so on
  const tone = `nut-button-${type}${fill ? `-${fill}` : ''}`
  const classes = [
    'nut-button',
    `nut-button-${type}`,
    type === 'primary' && !fill && 'nut-button-primary-solid',
    fill && `nut-button-${fill} ${tone}`,
    `nut-button-${size} nut-button-round nut-button-round-${size}`,
    block && 'nut-button-block',
    off && `nut-button-disabled ${tone}-disabled`,
    loading && 'nut-button-loading',
    !children && 'nut-button-icononly',
    className
  ]
  const childClasses = [
    `nut-button-children nut-button-${size}-children nut-button-${type}-children`,
    (fill || off) && `${tone}${off ? '-disabled' : ''}`,
    loading && 'nut-button-text'
  ]
  const a11y = { role: 'button', 'aria-disabled': off ? 'true' : 'false' }
  return (
    <TaroButton
      {...a11y}
      {...rest}
      className={classes.filter(Boolean).join(' ')}
      onClick={(e) => {
        if (!off) onClick?.(e)
      }}
    >
      <View className='nut-button-wrap'>
        {loading ? <Loading className='nut-icon-loading' /> : null}
        {children ? <View className={childClasses.filter(Boolean).join(' ')}>{children}</View> : null}
      </View>
    </TaroButton>
  )
}
