/**
 * The campaign definition, described once. The TypeScript types (types/campaign.ts) derive from
 * these schemas, and `validateDefinition` (types/validate-definition.ts) walks them to find every
 * problem of shape, each with its path and a Chinese message; the rules between parts (references,
 * duplicates, quotas, dates in order) are code there.
 *
 * Keywords beyond JSON Schema, read by that walk:
 * - `text: true` on a string: non-empty once trimmed (“应为非空文本”);
 * - `format`: 'day' (YYYY-MM-DD), 'clock' (HH:MM), 'offset' (7d, 2h, 30m);
 * - `message`: the problem when the value does not fit, instead of the one its type gives;
 * - `discriminator` on a union: the branch is chosen by that key's value.
 * Runtime code of the app must import this module's types only (`import type`): the schemas
 * bring typebox, which belongs in the server and the studio, not in the main package.
 */
import Type, { type TProperties, type TSchema } from 'typebox'
import { ATTACHMENT_TYPES, COMPARISON_OPS, FIELD_MEANINGS, SUPPORTED_TIMEZONES, TEXT_FORMATS } from './definition-constants'

/** A closed object: a key it does not name is “未知的键”. */
const Closed = <T extends TProperties>(properties: T, options: Record<string, unknown> = {}) =>
  Type.Object(properties, { additionalProperties: false, ...options })
const Text = (options: Record<string, unknown> = {}) => Type.String({ text: true, ...options })
const OptionalText = () => Type.Optional(Text())
/** An integer ≥ minimum (1: “应为正整数”, 0: “应为不小于0的整数”). */
const Int = (minimum = 1) => Type.Integer({ minimum })
/** A list; `minItems: 1` unless it may be empty (“不能为空”). */
const List = <T extends TSchema>(items: T, minItems = 1) => Type.Array(items, { minItems })
const Day = () => Type.String({ format: 'day' })

export const CalendarDay = Day()

export const Option = Closed({
  value: Text(),
  label: Text(),
  /** One line shown under the option. */
  hint: OptionalText(),
  /**
   * An “其他” option with a text of its own: choosing it requires the text (at most
   * `otherMaxLength` characters, OTHER_TEXT_MAX when absent). At most one per field; the
   * answer keeps the text as an `OtherChoice` (types/engine.ts).
   */
  other: Type.Optional(Type.Literal(true, { message: '只能为 true' })),
  otherMaxLength: Type.Optional(Int())
})

/** Unit types (global or declared), e.g. `visibleIf.unitType`, a rule's `appliesTo`. */
const UnitTypeIds = List(Text({ message: '应为单位类型标识' }))

/**
 * A field is shown (and validated, and submitted) only while its condition holds: the answer
 * of `field` (with `equals` or `includes`), and the applicant's unit type when `unitType` is
 * given (both must hold). A condition may also be on the unit type alone (R&D figures asked of
 * enterprises only): then it has no `field`.
 */
export const Condition = Closed({
  field: Type.Optional(Type.String()),
  /** The answer equals this value (single choice, gate, yes/no). */
  equals: Type.Optional(Type.Union([Type.String(), Type.Boolean()])),
  /** The answer (multi choice) includes this value. */
  includes: Type.Optional(Type.String()),
  /**
   * Shown only to applicants of these unit types (global or declared). While the unit type is
   * not known (undefined or ''), the field is shown.
   */
  unitType: Type.Optional(UnitTypeIds)
})

/** A condition on one of the enterprise's answers (as `visibleIf`, without unit types). */
export const AnswerCondition = Closed({
  field: Type.String({ message: '应指向企业填报的字段' }),
  equals: Type.Optional(Type.Union([Type.String(), Type.Boolean()])),
  includes: Type.Optional(Type.String())
})

const FIELD_BASE = {
  id: Text({ pattern: '^[a-zA-Z][a-zA-Z0-9_]*$', message: '字段标识只能包含字母、数字和下划线，且以字母开头' }),
  label: Text(),
  help: OptionalText(),
  placeholder: OptionalText(),
  required: Type.Optional(Type.Boolean()),
  visibleIf: Type.Optional(Condition),
  /**
   * What the field means across notices (FIELD_MEANINGS): a demand copied from an earlier one
   * takes that one's answer of the same meaning; unitName, contactName and contactPhone are filled
   * from the profile while empty. At most one field of a campaign per meaning.
   */
  meaning: Type.Optional(Type.Enum(FIELD_MEANINGS))
}
const { id: FIELD_ID, ...FIELD_REST } = FIELD_BASE
const fieldOf = <K extends string, T extends TProperties>(kind: K, properties: T) =>
  Closed({ id: FIELD_ID, kind: Type.Literal(kind), ...FIELD_REST, ...properties })

export const TextField = fieldOf('text', {
  maxLength: Int(),
  /** Checked by the engine; the wizard opens a phone keyboard for 'phone' and 'mobile'. */
  format: Type.Optional(Type.Enum(TEXT_FORMATS))
})
export const TextareaField = fieldOf('textarea', {
  /** Counted by code point: one Chinese character counts one. */
  maxLength: Int(),
  minLength: Type.Optional(Int())
})
export const SingleChoiceField = fieldOf('single', { options: List(Option) })
export const MultiChoiceField = fieldOf('multi', { options: List(Option), minItems: Type.Optional(Int(0)), maxItems: Type.Optional(Int()) })
/** Field → sub-direction cascade over the campaign's `domains`. */
export const DomainField = fieldOf('domain', { directionRequired: Type.Boolean() })
const NUMBER = { unit: Text(), min: Type.Optional(Type.Number()), max: Type.Optional(Type.Number()), precision: Int(0) }
/** Money in 万元 with a range and decimal places. */
export const AmountField = fieldOf('amount', NUMBER)
/** Another number with a unit, range and decimal places. */
export const NumberField = fieldOf('number', NUMBER)
export const DateField = fieldOf('date', {})
/** Rows of name / current value / target value / unit. */
export const IndicatorTableField = fieldOf('indicators', { minRows: Int(0), maxRows: Int() })
/** Technology readiness level 1–9 (see TRL_LEVELS). */
export const MaturityField = fieldOf('maturity', {})
/**
 * Routes (报送渠道): while a route's condition holds, only units of its types receive the
 * demand, e.g. Xinjiang's 附件2 sent straight to the project service centre (a unit type with
 * no quota) or 附件3 proposed through a 厅局 or 地州. When no route holds, every unit.
 */
export const RecommenderRoute = Closed({ when: Condition, unitTypes: List(Type.String()) })
/** Exactly one of the campaign's recommending units. */
export const RecommenderField = fieldOf('recommender', {
  routes: Type.Optional(List(RecommenderRoute)),
  /** Only the units that serve the applicant's registered district (RecommenderUnit.regions). */
  byRegion: Type.Optional(Type.Boolean())
})
export const AttachmentsField = fieldOf('attachments', { maxFiles: Int(), maxSizeMB: Int(), accept: List(Type.Enum(ATTACHMENT_TYPES)) })
/** A yes/no question that stops the wizard when answered with `stopWhen`. */
export const GateField = fieldOf('gate', { stopWhen: Type.Boolean(), stopMessage: Text() })

export const FieldDefinition = Type.Union(
  [
    TextField,
    TextareaField,
    SingleChoiceField,
    MultiChoiceField,
    DomainField,
    AmountField,
    NumberField,
    DateField,
    IndicatorTableField,
    MaturityField,
    RecommenderField,
    AttachmentsField,
    GateField
  ],
  { discriminator: 'kind' }
)

export const StepDefinition = Closed({ id: Text(), title: Text(), description: OptionalText(), fields: List(FieldDefinition) })

/** A direction with a line that explains it (shown by the picker). */
export const DomainDirection = Closed({ label: Text(), description: OptionalText() })

export const Domain = Closed({
  id: Text(),
  label: Text(),
  /** 重大专项 / 重点专项 etc. */
  group: OptionalText(),
  /**
   * The area's directions, by label (`directionLabel` in types/labels.ts). Empty: the area has
   * none, and an answer gives the area only (direction '').
   */
  directions: List(Type.Union([Text(), DomainDirection], { message: '应为非空文本，或 { label, description }' }), 0)
})

/**
 * At most `max` of a unit's recommended demands may meet `when`, checked on each demand's
 * submitted answers (as `visibleIf` is: `equals` a single answer, `includes` a multi choice).
 * A list of conditions holds when any of them holds (揭榜挂帅 or 创新联合体).
 */
export const SubQuota = Closed({
  id: Text(),
  label: Text(),
  max: Int(),
  when: Type.Union([AnswerCondition, List(AnswerCondition)], { message: '应为对象' })
})

export const RecommenderUnitType = Closed({
  id: Text(),
  label: Text(),
  /** Maximum demands a unit of this type may recommend; null when the notice sets none. */
  quota: Type.Union([Type.Null(), Int()], { message: '应为正整数' }),
  /** Limits within the quota on demands of a kind, e.g. of 2 at most 1 organised as 揭榜挂帅 or 创新联合体. */
  subQuotas: Type.Optional(List(SubQuota, 0))
})

export const RecommenderUnit = Closed({
  id: Text(),
  name: Text(),
  type: Type.String(),
  /**
   * 行政区划 codes (2, 4 or 6 digits, e.g. 500112 渝北区) of the districts the unit serves: with a
   * recommender field's `byRegion`, offered only to applicants registered there (the credit code's
   * 3rd–8th characters). Absent: serves everyone.
   */
  regions: Type.Optional(List(Type.String({ pattern: '^(\\d{2}|\\d{4}|\\d{6})$', message: '应为2、4或6位行政区划代码' })))
})

/** The 重点推荐 mark a unit may set on demands it recommends; at most `max` per unit when given. */
export const KeyMark = Closed({ label: Text(), max: Type.Optional(Int()) })

/**
 * Something with an id and a label: a department that must write its opinion before the unit's
 * recommendation counts (a sign-off: a required textarea answer keyed `signoff:<id>`, see
 * types/recommender-fields.ts), or something handed in offline (paper copies, stamped originals)
 * that the unit ticks off per demand (a deliverable).
 */
export const LabelledItem = Closed({
  id: Text({ pattern: '^[a-zA-Z0-9][a-zA-Z0-9_-]*$', message: '标识只能包含字母、数字、下划线和连字符' }),
  label: Text()
})

/** A downloadable template (附件 Word / Excel) listed on the campaign page: https:// or a path on this site. */
export const CampaignTemplate = Closed({
  name: Text(),
  url: Text({ pattern: '^(https://[^\\s/?#]+([/?#]\\S*)?|/(?!/)\\S*)$', message: '应为 https:// 开头的网址或以 / 开头的本站路径' })
})

export const Contact = Closed({
  /** e.g. 重大专项, 系统技术咨询 */
  group: Text(),
  /** the programme or office the person answers for */
  topic: Text(),
  person: OptionalText(),
  phone: Text({ pattern: '^[0-9][0-9-]{4,19}$', message: '电话号码只能包含数字和连字符' })
})

/** Another numeric field's answer (times `factor`, 1 when absent) as a rule's bound. */
export const FieldRef = Closed({
  field: Type.String({ message: '应指向一个数值或金额字段' }),
  factor: Type.Optional(Type.Number({ exclusiveMinimum: 0, message: '应为正数' }))
})

/** A rule on an answer, checked before the enterprise fills the rest (eligibility) or as a check of the answers (validations). */
export const Rule = Closed({
  id: Text(),
  field: Type.String({ message: '应指向一个数值或金额字段' }),
  op: Type.Enum(COMPARISON_OPS),
  /** A fixed number, or another field's answer: `{ field: 'totalInvestment' }`. */
  value: Type.Union([Type.Number(), FieldRef], { message: '应为数字，或 { "field": "<数值字段>" }' }),
  /** Only for these unit types; all when absent. */
  appliesTo: Type.Optional(UnitTypeIds),
  message: Text()
})

export const DemandLimit = Closed({
  /** Demands one enterprise may file in this campaign; null: no limit (不限). */
  perEnterprise: Type.Union([Type.Null(), Int()], { message: '应为正整数，或 null 表示不限' }),
  /** Overrides by the enterprise's unit type. */
  byUnitType: Type.Optional(Type.Record(Type.String(), Int())),
  note: OptionalText()
})

export const SummaryColumn = Closed({
  header: Text(),
  /**
   * `rank`, `field:<fieldId>`, `profile:<profileKey>`, `unit`; and what the recommending unit
   * gave: `recommender:<recommender field id>` (a sign-off's opinion: `recommender:signoff:<id>`),
   * `keyRecommended` (the 重点推荐 mark), `deliverable:<id>` (✓ when received).
   */
  source: Type.String()
})

const Offsets = List(Type.String({ format: 'offset' }), 0)
/** Local wall-clock times, 'HH:MM', in the campaign's zone: reminders due then wait until `end`. `start` later than `end` spans midnight. */
export const QuietHours = Closed({ start: Type.String({ format: 'clock' }), end: Type.String({ format: 'clock' }) })
/** The optional `reminders` key of a campaign definition; what is absent takes the default. */
export const ReminderSettings = Closed({
  /** Before the enterprise deadline, to every owner of a draft not submitted (or returned and not resubmitted). */
  enterprise: Type.Optional(Offsets),
  /** Before the recommender deadline, to the recommending units with demands not yet decided. */
  recommender: Type.Optional(Offsets),
  /** null: reminders may go at any hour. */
  quietHours: Type.Optional(Type.Union([Type.Null(), QuietHours]))
})

/** The demand quality assistant's words and thresholds for this campaign (types/quality.ts has the defaults). */
export const QualitySettings = Closed({
  /** Words that claim a standing or a gain: a sentence with one and no figure gets a hint. */
  claimWords: Type.Optional(List(Text(), 0)),
  /** Words in an indicator's name for which a lower target is the improvement (能耗, 误差). */
  lowerIsBetter: Type.Optional(List(Text(), 0)),
  /** Years after the enterprise deadline a completion date may fall in. */
  completionWithinYears: Type.Optional(Int()),
  /** An example per rule id, in the notice's own words. */
  examples: Type.Optional(Type.Record(Type.String(), Text()))
})

/** 问通知 (server/notice-search.ts): what this campaign adds to the search's default table of synonyms. */
export const AskSettings = Closed({
  /** Groups of words a question and the notice may use for the same thing, e.g. ["截止", "时限", "最晚"]. */
  synonyms: Type.Optional(List(List(Text(), 2), 0))
})

/** A unit type a campaign adds to the global list (for its eligibleUnitTypes, rules and conditions). */
export const DeclaredUnitType = Closed({
  id: Text({ pattern: '^[a-z][a-z0-9_-]*$', message: '单位类型标识只能包含小写字母、数字、下划线和连字符，且以字母开头' }),
  label: Text()
})

export const CampaignDefinition = Closed({
  id: Text({ pattern: '^[a-z0-9][a-z0-9-]*$', message: '只能包含小写字母、数字和连字符' }),
  title: Text(),
  /** The bureau that publishes the notice; its accounts edit the campaign in the studio. */
  issuer: Text(),
  /** What the campaign is for, in one line. */
  tagline: Text(),
  /** The notice in brief (a few paragraphs). */
  summary: Text(),
  /** File name of the notice this definition follows (the shipped ones: `campaigns/notices/<notice>`). */
  notice: Text(),
  /**
   * The notice's full text, for 问通知 (server/ask.ts); a campaign made in the studio carries it
   * here. Absent: the file `campaigns/notices/<notice>` when the product ships one.
   */
  noticeText: Type.Optional(Text()),
  /** Bureaus that issue the notice jointly (联合发布): they see and edit it as the issuer does. */
  coIssuers: Type.Optional(List(Text(), 0)),
  timezone: Type.Enum(SUPPORTED_TIMEZONES),
  opensOn: Type.Optional(Day()),
  deadlines: Closed({
    /** Last day enterprises may save and submit (inclusive). */
    enterprise: Day(),
    /** Last day recommending units may recommend (inclusive). */
    recommender: Day()
  }),
  /** Unit types this campaign adds to the global list (UNIT_TYPES). */
  unitTypes: Type.Optional(List(DeclaredUnitType, 0)),
  eligibleUnitTypes: UnitTypeIds,
  demandLimit: DemandLimit,
  domains: List(Domain, 0),
  recommenders: Closed({
    unitTypes: List(RecommenderUnitType),
    units: List(RecommenderUnit),
    /** What the unit fills when it recommends a demand (推荐意见, its own investment, a stamped scan). */
    fields: Type.Optional(List(FieldDefinition, 0)),
    /** The 重点推荐 mark, when the notice asks units to single out demands. */
    keyMark: Type.Optional(KeyMark),
    /** Departments whose opinions a recommendation needs. */
    signOffs: Type.Optional(List(LabelledItem, 0))
  }),
  contacts: List(Contact),
  steps: List(StepDefinition),
  eligibility: List(Rule, 0),
  /** Checks between answers, reported at their field. */
  validations: Type.Optional(List(Rule, 0)),
  /** What is handed in offline, ticked off by the recommending unit per demand. */
  deliverables: Type.Optional(List(LabelledItem, 0)),
  /** Templates to download from the campaign page. */
  templates: Type.Optional(List(CampaignTemplate, 0)),
  summaryColumns: List(SummaryColumn),
  /** Deadline reminders; the default policy (types/reminders.ts) when absent. */
  reminders: Type.Optional(ReminderSettings),
  /** The quality assistant's settings; its defaults when absent. */
  quality: Type.Optional(QualitySettings),
  /** 问通知's words for this notice, added to its defaults. */
  ask: Type.Optional(AskSettings)
})
