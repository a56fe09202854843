/**
 * The consent box: unchecked until the person ticks it, with links to the agreements. Used on
 * the sign-in screen and when the agreements change (ConsentScreen). `attention` marks it when
 * the person tried to go on without ticking it.
 */
import { Text, View } from '@tarojs/components'
import { Fragment } from 'react'
import type { Agreement } from '../../../../types/agreements'
import { openPage } from '../../../services/navigation'
import { ACCOUNT_ROUTES } from './routes'
import './agree-box.scss'

export interface AgreeBoxProps {
  agreements: readonly Agreement[]
  checked: boolean
  onChange(checked: boolean): void
  attention?: boolean
}

export function AgreeBox({ agreements, checked, onChange, attention }: AgreeBoxProps) {
  return (
    <View className={`agree-box${attention ? ' ui-tint-warn' : ''}`}>
      <View
        className={`agree-box__check${checked ? ' is-checked' : ''}`}
        role='checkbox'
        aria-checked={checked ? 'true' : 'false'}
        aria-label={`我已阅读并同意${agreements.map((a) => `《${a.title}》`).join('和')}`}
        data-testid='agree-box'
        onClick={() => onChange(!checked)}
      >
        <Text className='agree-box__mark' aria-hidden='true'>
          {checked ? '✓' : ''}
        </Text>
      </View>
      <View className='agree-box__text'>
        <Text onClick={() => onChange(!checked)}>我已阅读并同意</Text>
        {agreements.map((a, i) => (
          <Fragment key={a.id}>
            {i > 0 ? <Text>和</Text> : null}
            <View className='ui-primary' role='link' data-agreement={a.id} onClick={() => void openPage(ACCOUNT_ROUTES.agreement(a.id))}>
              《{a.title}》
            </View>
          </Fragment>
        ))}
      </View>
    </View>
  )
}
