import { Button as NutButton } from '@nutui/nutui-react-taro'
import type { ComponentProps } from 'react'

type Props = ComponentProps<typeof NutButton> & { [data: `data-${string}`]: unknown }

/**
 * NutUI's Button, announced as a button: on H5 it renders a custom element (taro-button-core)
 * that assistive technology does not know as a button, and its disabled state is only a class.
 * Adds role and aria-disabled; everything else is NutUI's.
 */
export function Button(props: Props) {
  const { disabled, loading } = props
  const a11y = { role: 'button', 'aria-disabled': disabled || loading ? 'true' : 'false' }
  return <NutButton {...a11y} {...props} />
}
