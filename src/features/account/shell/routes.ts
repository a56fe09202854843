/** The pages of the account subpackage (packages/account): the agreements, agreeing again, 账号与数据. */
import type { AgreementId } from '../../../../types/agreements'

const ROOT = '/packages/account/pages'

export const ACCOUNT_ROUTES = {
  agreement: (id: AgreementId) => `${ROOT}/agreement/index?id=${id}`,
  consent: `${ROOT}/consent/index`,
  data: `${ROOT}/data/index`
} as const
