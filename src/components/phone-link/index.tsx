import { Text } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { isH5 } from '../../services/env'
import './index.scss'

export interface PhoneLinkProps {
  phone: string
  /** Read out instead of “拨打电话 <number>”, e.g. “拨打两江新区科技局电话 023-63073626”. */
  label?: string
  /** `button`: an outlined button (e.g. 拨打 beside a contact); `text` (default): the number as a link. */
  look?: 'text' | 'button'
  /** What is shown (default: the number). */
  children?: string
  testId?: string
}

/** What a tel: link and makePhoneCall take: the number without the spaces people type in it. */
const dialable = (phone: string) => phone.trim().replace(/\s+/g, '')

/**
 * A phone number that calls when tapped, the same everywhere: a `tel:` link on H5 (the
 * browser's own call sheet, long-press to copy), `Taro.makePhoneCall` on the mini-programs.
 */
export function PhoneLink({ phone, label, look = 'text', children, testId }: PhoneLinkProps) {
  const className = `phone-link phone-link--${look}`
  const ariaLabel = label ?? `拨打电话 ${phone}`
  if (isH5()) {
    return (
      <a className={className} href={`tel:${dialable(phone)}`} aria-label={ariaLabel} data-testid={testId}>
        {children ?? phone}
      </a>
    )
  }
  return (
    <Text
      className={className}
      aria-label={ariaLabel}
      data-testid={testId}
      onClick={() => {
        Taro.makePhoneCall({ phoneNumber: dialable(phone) }).catch(() => {
          /* the person cancelled the call sheet */
        })
      }}
    >
      {children ?? phone}
    </Text>
  )
}
