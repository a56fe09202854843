import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { useCareClass } from '../services/care-mode'

/**
 * Every page's root: in 关怀模式 on the mini-programs, a view around the screen carries the care
 * class (they cannot put a class on <page>); on H5 the class is on <html> and nothing is added.
 */
export function CarePage({ children }: { children: ReactNode }) {
  const careClass = useCareClass()
  return careClass ? <View className={careClass}>{children}</View> : <>{children}</>
}
