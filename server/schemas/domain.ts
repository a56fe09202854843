/**
 * Response schemas of the records types/domain.ts describes for the app. Each is checked, at
 * compile time, to be exactly the app's type (`Same`): a field the app reads cannot be missing
 * from a schema (the serialiser would drop it) nor a schema field from the app's type.
 */
import { Type, type Static } from 'typebox'
import { ATTACHMENT_TYPES, type CampaignDefinition } from '../../types/campaign'
import type {
  CampaignDetail,
  CampaignSummary,
  Demand,
  DemandListItem,
  DemandVersion,
  DemandVersionSummary,
  Me,
  Profile,
  SaveResult,
  ServerTime
} from '../../types/domain'
import { CAMPAIGN_STATUSES, DEMAND_STATUSES, ROLES, UNIT_TYPES } from '../../types/domain'
import type { CreatedDemand } from '../../types/carry-over'
import type { AttachmentRef } from '../../types/engine'
import { Described } from './common'

/** True when A and B are the same type; used below as `Same<…> = true`. */
export type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const same = <A, B>(check: Same<A, B>) => check

const Nullable = <S extends Parameters<typeof Type.Union>[0][number]>(s: S) => Type.Union([s, Type.Null()])
const Answers = Type.Record(Type.String(), Type.Unknown())
const DemandStatusSchema = Type.Enum(DEMAND_STATUSES)

export const ServerTimeSchema = Type.Object({ now: Type.Number(), timezone: Type.String() })

export const CampaignSummarySchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  issuer: Type.String(),
  tagline: Type.String(),
  isDemo: Type.Boolean(),
  status: Type.Enum(CAMPAIGN_STATUSES),
  opensAt: Nullable(Type.String()),
  enterpriseDeadlineAt: Type.String(),
  recommenderDeadlineAt: Type.String()
})
export const CampaignDetailSchema = Type.Object({ ...CampaignSummarySchema.properties, definition: Described<CampaignDefinition>() })

export const ProfileSchema = Type.Object({
  enterpriseName: Type.String(),
  creditCode: Type.String(),
  contactName: Type.String(),
  mobile: Type.String(),
  unitType: Type.Enum([...UNIT_TYPES, ''])
})

export const MeSchema = Type.Object({
  user: Type.Object({
    id: Type.String(),
    role: Type.Enum(ROLES),
    displayName: Type.String(),
    recommenderUnit: Nullable(Type.String())
  }),
  profile: ProfileSchema,
  profileIncomplete: Type.Boolean(),
  careMode: Nullable(Type.Boolean()),
  csrfToken: Type.Optional(Type.String())
})

export const DemandSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  campaignTitle: Type.String(),
  title: Type.String(),
  status: DemandStatusSchema,
  answers: Answers,
  version: Type.Integer(),
  currentStep: Type.String(),
  submittedVersion: Nullable(Type.Integer()),
  submittedAt: Nullable(Type.String()),
  hasUnsubmittedChanges: Type.Boolean(),
  updatedAt: Type.String(),
  enterpriseDeadlineAt: Type.String(),
  readOnly: Type.Boolean()
})

const FieldPlaceSchema = Type.Object({ field: Type.String(), label: Type.String(), step: Type.String() })
/** A demand just started; copied from another, with what was carried and what is to fill (types/carry-over.ts). */
export const CreatedDemandSchema = Type.Object({
  ...DemandSchema.properties,
  carryOver: Type.Optional(
    Type.Object({
      carried: Type.Array(
        Type.Object({ ...FieldPlaceSchema.properties, from: Type.Enum(['demand', 'profile']), sourceLabel: Type.Optional(Type.String()) })
      ),
      skipped: Type.Array(Type.Object({ ...FieldPlaceSchema.properties, sourceLabel: Type.String(), reason: Type.String() })),
      toFill: Type.Array(FieldPlaceSchema)
    })
  )
})

export const DemandListItemSchema = Type.Object({
  id: Type.String(),
  campaignId: Type.String(),
  campaignTitle: Type.String(),
  title: Type.String(),
  status: DemandStatusSchema,
  submittedVersion: Nullable(Type.Integer()),
  updatedAt: Type.String()
})

export const SaveResultSchema = Type.Object({ version: Type.Integer(), savedAt: Type.String() })

export const DemandVersionSummarySchema = Type.Object({ number: Type.Integer(), title: Type.String(), submittedAt: Type.String() })
export const DemandVersionSchema = Type.Object({ ...DemandVersionSummarySchema.properties, answers: Answers, profile: ProfileSchema })

/** An uploaded file as its reference goes into the answers (types/engine.ts). */
export const AttachmentRefSchema = Type.Object({
  id: Type.String(),
  name: Type.String(),
  size: Type.Integer(),
  type: Type.Enum(ATTACHMENT_TYPES),
  sha256: Type.String()
})

same<Static<typeof AttachmentRefSchema>, AttachmentRef>(true)
same<Static<typeof ServerTimeSchema>, ServerTime>(true)
same<Static<typeof CampaignSummarySchema>, CampaignSummary>(true)
same<Static<typeof CampaignDetailSchema>, CampaignDetail>(true)
same<Static<typeof ProfileSchema>, Profile>(true)
same<Static<typeof MeSchema>, Me>(true)
same<Static<typeof DemandSchema>, Demand>(true)
same<Static<typeof CreatedDemandSchema>, CreatedDemand>(true)
same<Static<typeof DemandListItemSchema>, DemandListItem>(true)
same<Static<typeof SaveResultSchema>, SaveResult>(true)
same<Static<typeof DemandVersionSummarySchema>, DemandVersionSummary>(true)
same<Static<typeof DemandVersionSchema>, DemandVersion>(true)
