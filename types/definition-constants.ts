/** The fixed vocabularies of a campaign definition, shared by its schema (types/definition-schema.ts) and the app. */

export const SUPPORTED_TIMEZONES = ['Asia/Shanghai'] as const

/** Formats a text field may require: 'phone' is a landline or a mobile, 'mobile' a mobile only. */
export const TEXT_FORMATS = ['phone', 'mobile', 'email'] as const

export const ATTACHMENT_TYPES = ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png'] as const

export const COMPARISON_OPS = ['>=', '>', '<=', '<'] as const
