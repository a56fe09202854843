/** The fixed vocabularies of a campaign definition, shared by its schema (types/definition-schema.ts) and the app. */

export const SUPPORTED_TIMEZONES = ['Asia/Shanghai'] as const

/** Formats a text field may require: 'phone' is a landline or a mobile, 'mobile' a mobile only. */
export const TEXT_FORMATS = ['phone', 'mobile', 'email'] as const

export const ATTACHMENT_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png'] as const

export const COMPARISON_OPS = ['>=', '>', '<=', '<'] as const

/**
 * What a field means, whatever its id and label in a given notice (需求名称 / 项目名称): a new demand
 * copied from an earlier one carries answers over by meaning (types/carry-over.ts), and the unit and
 * contact meanings are filled from the profile (PROFILE_MEANINGS there).
 */
export const FIELD_MEANINGS = [
  'title',
  'domain',
  'background',
  'currentStatus',
  'researchContent',
  'overview',
  'objectives',
  'indicators',
  'currentMaturity',
  'expectedMaturity',
  'expectedCompletion',
  'industrialization',
  'applicationEntities',
  'applicationScenarios',
  'organizationModes',
  'partners',
  'totalInvestment',
  'fiscalSupport',
  'unitName',
  'contactName',
  'contactPhone',
  'contactTitle',
  'officePhone',
  'leaderName',
  'leaderTitle',
  'leaderPhone'
] as const
