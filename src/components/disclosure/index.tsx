import { Text, View } from '@tarojs/components'
import { useState, type ReactNode } from 'react'
import './index.scss'

export interface DisclosureProps {
  title: ReactNode
  /** Short text on the right of the title, e.g. a count. */
  extra?: ReactNode
  defaultOpen?: boolean
  children: ReactNode
}

/**
 * A section that opens and closes by tapping its title. Not NutUI's Collapse: its header is a
 * plain view (no button role, no aria-expanded), so on H5 nothing says it opens.
 */
export function Disclosure({ title, extra, defaultOpen = false, children }: DisclosureProps) {
  const [open, setOpen] = useState(defaultOpen)
  return (
    <View className={`disclosure ui-line-between${open ? ' is-open' : ''}`}>
      <View className='disclosure__head' role='button' aria-expanded={open} onClick={() => setOpen((v) => !v)}>
        <Text className='disclosure__title'>{title}</Text>
        {extra ? <Text className='ui-meta ui-keep ui-ml-md'>{extra}</Text> : null}
        <Text className='disclosure__arrow ui-chevron ui-keep ui-center' aria-hidden='true'>
          ›
        </Text>
      </View>
      {open ? <View className='disclosure__body ui-pb-xl'>{children}</View> : null}
    </View>
  )
}
