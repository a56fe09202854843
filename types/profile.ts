/** Profile rules, run in the app for instant feedback and on the server as the authority. */
import { CREDIT_CODE_MESSAGES, checkCreditCode } from './credit-code'
import { UNIT_TYPES, type FieldError, type Profile } from './domain'

export const PROFILE_LIMITS = { enterpriseName: 100, contactName: 30 } as const

/** What the legal-person (法人) sign-in supplies: shown in the profile, never edited there. */
export const IDENTITY_FIELDS = ['enterpriseName', 'creditCode'] as const
export type IdentityField = (typeof IDENTITY_FIELDS)[number]
/** What the contact keeps up to date; a save may repeat the identity fields unchanged. */
export type ProfileUpdate = Omit<Profile, IdentityField> & Partial<Pick<Profile, IdentityField>>

/** Mainland mobile numbers: 11 digits starting 13–19. */
export function isMobile(value: string): boolean {
  return /^1[3-9]\d{9}$/.test(value)
}

export function normaliseProfile(p: Profile): Profile {
  return {
    enterpriseName: p.enterpriseName.trim(),
    creditCode: p.creditCode.trim().toUpperCase(),
    contactName: p.contactName.trim(),
    mobile: p.mobile.replace(/[\s-]/g, ''),
    unitType: p.unitType
  }
}

/** Every problem with a profile, each naming its field in Chinese. */
export function validateProfile(input: Profile): FieldError[] {
  const p = normaliseProfile(input)
  const errors: FieldError[] = []
  const add = (field: keyof Profile, code: string, message: string) => errors.push({ field, code, message })

  if (!p.enterpriseName) add('enterpriseName', 'REQUIRED', '请填写单位名称')
  else if ([...p.enterpriseName].length > PROFILE_LIMITS.enterpriseName)
    add('enterpriseName', 'TOO_LONG', `单位名称不能超过${PROFILE_LIMITS.enterpriseName}个字`)

  if (!p.creditCode) add('creditCode', 'REQUIRED', '请填写统一社会信用代码')
  else {
    const problem = checkCreditCode(p.creditCode)
    if (problem) add('creditCode', 'INVALID_CREDIT_CODE', CREDIT_CODE_MESSAGES[problem])
  }

  if (!p.contactName) add('contactName', 'REQUIRED', '请填写联系人姓名')
  else if ([...p.contactName].length > PROFILE_LIMITS.contactName)
    add('contactName', 'TOO_LONG', `联系人姓名不能超过${PROFILE_LIMITS.contactName}个字`)

  if (!p.mobile) add('mobile', 'REQUIRED', '请填写联系人手机号')
  else if (!isMobile(p.mobile)) add('mobile', 'INVALID_MOBILE', '手机号应为以1开头的11位数字')

  if (!p.unitType) add('unitType', 'REQUIRED', '请选择单位类型')
  else if (!(UNIT_TYPES as readonly string[]).includes(p.unitType)) add('unitType', 'INVALID_CHOICE', '单位类型不在可选范围内')

  return errors
}

export const EMPTY_PROFILE: Profile = { enterpriseName: '', creditCode: '', contactName: '', mobile: '', unitType: '' }
