import { View } from '@tarojs/components'
import { AsyncView, type AsyncViewProps } from '../../components/state-view'
import { DEMAND_NOT_FOUND } from '../demands'

export type DemandPageProps<T> = Omit<AsyncViewProps<T>, 'states'> & {
  /** What the page says to a visitor who is signed out. */
  signedOut: string
}

/** A page of one of the enterprise's demands (wizard, review, versions): its load, with the demand's not-found state. */
export function DemandPage<T>({ signedOut, ...view }: DemandPageProps<T>) {
  return (
    <View className='page wz-page'>
      <AsyncView {...view} states={{ signedOut, notFound: DEMAND_NOT_FOUND }} />
    </View>
  )
}
