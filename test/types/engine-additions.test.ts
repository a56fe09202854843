/**
 * The format additions, each through the engine (visibility, validation, eligibility,
 * completeness, submission), the display and the labels, on the shipped definitions and on
 * copies changed as a campaign author would (each copy checked by validateDefinition first).
 */
import { allFields, type CampaignDefinition, type MultiChoiceField, type SingleChoiceField } from '../../types/campaign'
import { displayAnswer, domainLabel, summarySheet } from '../../types/display'
import {
  checkEligibility, choiceValue, completeness, diffAnswers, gateStop, isVisible, matchesFormat, normaliseAnswer, otherText,
  submittable, validateDemand, validateField, validateStep, visibleFields, visibleSteps, type Answers, type FieldIssue
} from '../../types/engine'
import { directionDescription, directionLabel, isKnownUnitType, unitTypeLabel, unitTypesOf } from '../../types/labels'
import { validateDefinition } from '../../types/validate-definition'
import { completeAnswers, fundingSourceField } from './fixtures'
import { byId, fieldOf, codes } from './shipped'

const cq = byId('cq-2026-key-areas')
const xj = byId('xj-2023-major-demands')
const hz = byId('hz-2021-major-research')

/** A changed copy of a definition, which must still be valid. */
const changed = (def: CampaignDefinition, change: (copy: CampaignDefinition) => void): CampaignDefinition => {
  const copy: CampaignDefinition = JSON.parse(JSON.stringify(def))
  change(copy)
  const result = validateDefinition(copy)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return copy
}
const issuesOf = (def: CampaignDefinition, id: string, value: unknown, base: Answers = completeAnswers(def.id)): FieldIssue[] =>
  validateField(def, fieldOf(def, id), { ...base, [id]: value })

describe('1. areas without directions, directions with a description', () => {
  it('takes the area alone where it has no directions, even when the field requires a direction', () => {
    expect(fieldOf(cq, 'domain')).toMatchObject({ directionRequired: true })
    expect(issuesOf(cq, 'domain', { domain: 'rural-revitalization', direction: '' })).toEqual([])
    expect(issuesOf(cq, 'domain', { domain: 'public-security' })).toEqual([])
    expect(normaliseAnswer(fieldOf(cq, 'domain'), { domain: 'ecology' })).toEqual({ domain: 'ecology', direction: '' })
    // An area with directions still needs one.
    expect(codes(issuesOf(cq, 'domain', { domain: 'chips', direction: '' }))).toEqual(['REQUIRED'])
  })

  it('refuses a direction for an area that has none (also the old dummy direction)', () => {
    expect(issuesOf(cq, 'domain', { domain: 'new-energy', direction: '氢能' })).toEqual([
      { field: 'domain', code: 'INVALID_CHOICE', message: '所属领域及方向：“新能源”领域不细分方向，请重新选择领域' }
    ])
    expect(codes(issuesOf(hz, 'domain', { domain: 'new-materials', direction: '本批次不细分方向' }))).toEqual(['INVALID_CHOICE'])
  })

  it('shows the area alone', () => {
    expect(domainLabel(cq, { domain: 'population-health', direction: '' })).toBe('人口健康')
    expect(displayAnswer(hz, fieldOf(hz, 'domain'), completeAnswers('hz-2021-major-research').domain)).toBe('新材料')
  })

  it('matches a direction given as { label, description } by its label, and keeps answers of plain directions', () => {
    const def = changed(cq, (c) => {
      c.domains[1].directions = [{ label: '基础软件', description: '操作系统、数据库、中间件等' }, '科学智能软件', { label: '汽车核心软件' }]
    })
    expect(issuesOf(def, 'domain', { domain: 'core-software', direction: '基础软件' })).toEqual([])
    expect(issuesOf(def, 'domain', { domain: 'core-software', direction: '科学智能软件' })).toEqual([])
    expect(codes(issuesOf(def, 'domain', { domain: 'core-software', direction: '操作系统、数据库、中间件等' }))).toEqual(['INVALID_CHOICE'])
    expect(codes(issuesOf(def, 'domain', { domain: 'core-software', direction: '' }))).toEqual(['REQUIRED'])
    // The fixture's {domain, direction} answer is untouched by the change.
    expect(validateDemand(def, completeAnswers('cq-2026-key-areas'), 'enterprise')).toEqual([])
    expect(def.domains[1].directions.map(directionLabel)).toEqual(['基础软件', '科学智能软件', '汽车核心软件'])
    expect(def.domains[1].directions.map(directionDescription)).toEqual(['操作系统、数据库、中间件等', '', ''])
  })
})

describe('3. conditions on the applicant’s unit type (杭州: R&D figures of enterprises only)', () => {
  const noFigures = () => {
    const a: Answers = completeAnswers('hz-2021-major-research')
    delete a.rdRatio
    delete a.rdTotal
    delete a.projectRdInvestment
    return a
  }
  const figures = ['rdRatio', 'rdTotal', 'projectRdInvestment']

  it('shows the figures to enterprises, and while the unit type is not known', () => {
    const a = completeAnswers('hz-2021-major-research')
    for (const id of figures) {
      expect([id, isVisible(fieldOf(hz, id), a, hz, 'enterprise')]).toEqual([id, true])
      expect([id, isVisible(fieldOf(hz, id), a, hz, 'large_enterprise')]).toEqual([id, true])
      expect([id, isVisible(fieldOf(hz, id), a, hz)]).toEqual([id, true])
      expect([id, isVisible(fieldOf(hz, id), a, hz, '')]).toEqual([id, true])
      expect([id, isVisible(fieldOf(hz, id), a, hz, 'new_rd_institution')]).toEqual([id, false])
    }
    expect(visibleFields(hz, a, 'new_rd_institution').map((f) => f.id)).toEqual(
      allFields(hz).map((f) => f.id).filter((id) => !figures.includes(id))
    )
  })

  it('does not ask a new R&D institution for them: complete without, nothing missing', () => {
    expect(validateDemand(hz, noFigures(), 'new_rd_institution')).toEqual([])
    expect(validateStep(hz, 'qualification', noFigures(), 'new_rd_institution')).toEqual([])
    expect(completeness(hz, noFigures(), 'new_rd_institution').complete).toBe(true)
    // An enterprise must give them.
    expect(validateDemand(hz, noFigures(), 'enterprise').map((i) => [i.field, i.code])).toEqual([
      ['rdRatio', 'REQUIRED'],
      ['rdTotal', 'REQUIRED'],
      ['projectRdInvestment', 'REQUIRED']
    ])
    expect(completeness(hz, noFigures(), 'enterprise').steps[0]).toMatchObject({ id: 'qualification', done: false })
    // Unknown unit type: shown, so missing.
    expect(completeness(hz, noFigures()).steps[0].missing).toEqual(['上年度研究开发费占主营业务收入比重', '上年度研发投入总额', '项目预计研发投入（不含人员经费）'])
  })

  it('does not submit or compare figures a new R&D institution typed before, but keeps them in the working copy', () => {
    const a = { ...completeAnswers('hz-2021-major-research'), rdRatio: 1.5 }
    const sent = submittable(hz, a, 'new_rd_institution')
    for (const id of figures) expect(sent).not.toHaveProperty(id)
    expect(submittable(hz, a, 'enterprise').rdRatio).toBe(1.5)
    expect(submittable(hz, a).rdRatio).toBe(1.5)
    expect(a.rdRatio).toBe(1.5)
    expect(diffAnswers(hz, a, { ...a, rdRatio: 9 }, 'new_rd_institution')).toEqual([])
    expect(diffAnswers(hz, a, { ...a, rdRatio: 9 }).map((c) => c.field)).toEqual(['rdRatio'])
  })

  it('hides what depends on a field hidden for the unit type, combines a field with unit types, and skips a hidden gate', () => {
    const def = changed(hz, (c) => {
      c.steps[0].fields.push(
        { id: 'rdSource', kind: 'single', label: '研发经费来源', visibleIf: { unitType: ['enterprise'] }, options: [{ value: 'own', label: '自有' }, { value: 'mixed', label: '自有及财政' }] },
        { id: 'fiscalShare', kind: 'text', label: '财政经费占比说明', required: true, maxLength: 50, visibleIf: { field: 'rdSource', equals: 'mixed' } },
        { id: 'bigOnly', kind: 'text', label: '集团层面说明', required: true, maxLength: 50, visibleIf: { field: 'hasRdPlatform', equals: true, unitType: ['large_enterprise'] } },
        { id: 'instituteGate', kind: 'gate', label: '是否为省级新型研发机构？', required: true, stopWhen: false, stopMessage: '仅省级新型研发机构可填报', visibleIf: { unitType: ['new_rd_institution'] } }
      )
    })
    const a = { ...completeAnswers('hz-2021-major-research'), rdSource: 'mixed', instituteGate: false }
    const ids = (t?: string) => visibleFields(def, a, t as never).map((f) => f.id)
    expect(ids('enterprise')).toEqual(expect.arrayContaining(['rdSource', 'fiscalShare']))
    expect(ids('enterprise')).not.toContain('bigOnly')
    expect(ids('enterprise')).not.toContain('instituteGate')
    expect(ids('large_enterprise')).toEqual(expect.arrayContaining(['bigOnly']))
    expect(ids('large_enterprise')).not.toContain('fiscalShare')
    expect(ids('new_rd_institution')).toEqual(expect.arrayContaining(['instituteGate']))
    expect(ids('new_rd_institution')).not.toContain('fiscalShare')
    expect(isVisible(fieldOf(def, 'fiscalShare'), a, def, 'large_enterprise')).toBe(false)
    expect(gateStop(def, a, 'enterprise')).toBeNull()
    expect(gateStop(def, a, 'new_rd_institution')?.field).toBe('instituteGate')
    expect(visibleSteps(def, {}, 'new_rd_institution').map((s) => s.id)).toEqual(['qualification', 'overview', 'content', 'recommend'])
  })
})

describe('4. “其他” options with their own text', () => {
  const def = changed(cq, (c) => {
    const modes = c.steps.flatMap((s) => s.fields).find((f) => f.id === 'organizationModes') as MultiChoiceField
    modes.options.push({ value: 'other', label: '其他', other: true, otherMaxLength: 20 })
    const organization = c.steps.find((s) => s.id === 'organization')!
    organization.fields.push(
      fundingSourceField(),
      { id: 'otherModeNote', kind: 'text', label: '其他组织方式的补充说明', maxLength: 100, visibleIf: { field: 'organizationModes', includes: 'other' } },
      { id: 'otherSourceNote', kind: 'text', label: '其他资金来源的补充说明', maxLength: 100, visibleIf: { field: 'fundingSource', equals: 'other' } }
    )
  })
  const base = (over: Answers = {}): Answers => ({ ...completeAnswers('cq-2026-key-areas'), fundingSource: 'own', ...over })
  const modes = fieldOf(def, 'organizationModes') as MultiChoiceField
  const source = fieldOf(def, 'fundingSource') as SingleChoiceField

  it('accepts the option with its text, and old answers without any', () => {
    expect(validateDemand(def, base(), 'enterprise')).toEqual([])
    expect(validateDemand(def, base({ organizationModes: ['cross_region', { value: 'other', other: '军民协同创新' }], fundingSource: { value: 'other', other: '产业基金' } }), 'enterprise')).toEqual([])
  })

  it('requires the text when the option is chosen, bare or blank', () => {
    const missing = { field: 'organizationModes', code: 'REQUIRED', message: '请填写攻关组织方式“其他”的具体内容' }
    expect(issuesOf(def, 'organizationModes', ['cross_region', 'other'], base())).toEqual([missing])
    expect(issuesOf(def, 'organizationModes', [{ value: 'other', other: '  ' }], base())).toEqual([missing])
    expect(issuesOf(def, 'fundingSource', { value: 'other', other: '' }, base())).toEqual([
      { field: 'fundingSource', code: 'REQUIRED', message: '请填写攻关资金来源“其他来源”的具体内容' }
    ])
    expect(completeness(def, base({ fundingSource: 'other' })).steps.find((s) => s.id === 'organization')).toMatchObject({ missing: ['攻关资金来源'], done: false })
  })

  it('limits the text: the option’s own limit, else 100 characters', () => {
    expect(issuesOf(def, 'organizationModes', [{ value: 'other', other: '协'.repeat(20) }], base())).toEqual([])
    expect(issuesOf(def, 'organizationModes', [{ value: 'other', other: '协'.repeat(21) }], base())).toEqual([
      { field: 'organizationModes', code: 'TOO_LONG', message: '攻关组织方式“其他”的说明不能超过20字（当前21字）' }
    ])
    expect(issuesOf(def, 'fundingSource', { value: 'other', other: '𠮷'.repeat(100) }, base())).toEqual([])
    expect(codes(issuesOf(def, 'fundingSource', { value: 'other', other: '𠮷'.repeat(101) }, base()))).toEqual(['TOO_LONG'])
  })

  it('refuses a text on an ordinary option, a repeated option and an ill-shaped entry', () => {
    expect(issuesOf(def, 'fundingSource', { value: 'own', other: '多余' }, base())).toEqual([
      { field: 'fundingSource', code: 'INVALID_CHOICE', message: '攻关资金来源：选项“自筹”不能附带说明文字' }
    ])
    expect(codes(issuesOf(def, 'organizationModes', ['other', { value: 'other', other: '重复' }], base()))).toEqual(['REQUIRED', 'DUPLICATE_CHOICE'])
    expect(codes(issuesOf(def, 'organizationModes', [{ value: 3, other: 'x' }], base()))).toEqual(['INVALID_TYPE'])
    expect(codes(issuesOf(def, 'fundingSource', { value: 'other', other: 5 }, base()))).toEqual(['INVALID_TYPE'])
    expect(codes(issuesOf(def, 'fundingSource', { value: 'elsewhere', other: 'x' }, base()))).toEqual(['INVALID_CHOICE'])
  })

  it('conditions see the option through its text; the text is trimmed and submitted with it', () => {
    const a = base({ organizationModes: [{ value: 'other', other: '  军民协同 ' }], fundingSource: { value: 'other', other: '产业基金' } })
    const ids = visibleFields(def, a).map((f) => f.id)
    expect(ids).toEqual(expect.arrayContaining(['otherModeNote', 'otherSourceNote']))
    expect(visibleFields(def, base()).map((f) => f.id)).not.toContain('otherSourceNote')
    const sent = submittable(def, a)
    expect(sent.organizationModes).toEqual([{ value: 'other', other: '军民协同' }])
    expect(sent.fundingSource).toEqual({ value: 'other', other: '产业基金' })
    expect(choiceValue(sent.fundingSource)).toBe('other')
    expect(otherText(sent.fundingSource)).toBe('产业基金')
    expect(diffAnswers(def, a, { ...a, fundingSource: { value: 'other', other: '银行贷款' } }).map((c) => c.field)).toEqual(['fundingSource'])
  })

  it('is shown as “其他：<text>”', () => {
    expect(displayAnswer(def, modes, ['cross_region', { value: 'other', other: '军民协同' }])).toBe('川渝协同等跨区域协同创新；其他：军民协同')
    expect(displayAnswer(def, source, { value: 'other', other: '产业基金' })).toBe('其他来源：产业基金')
    expect(displayAnswer(def, source, 'own')).toBe('自筹')
    expect(displayAnswer(def, source, 'other')).toBe('其他来源')
  })
})

describe('5. rules comparing fields (新疆: 财政资金支持强度 ≤ 项目计划总投入)', () => {
  const a = (over: Answers = {}): Answers => ({ ...completeAnswers('xj-2023-major-demands'), ...over })

  it('passes at or below the total, fails above it naming both figures, at the funding field', () => {
    expect(validateDemand(xj, a({ fiscalSupport: 8600 }), 'enterprise')).toEqual([])
    const over = { field: 'fiscalSupport', code: 'OUT_OF_RANGE', rule: 'fiscal-within-total', message: '财政资金支持强度建议不能超过项目计划总投入，当前填写9000万元，项目计划总投入为8600万元。' }
    expect(validateDemand(xj, a({ fiscalSupport: 9000 }), 'enterprise')).toEqual([over])
    expect(validateField(xj, fieldOf(xj, 'fiscalSupport'), a({ fiscalSupport: 9000 }))).toEqual([over])
    expect(validateStep(xj, 'investment', a({ fiscalSupport: 9000 }))).toEqual([over])
    expect(completeness(xj, a({ fiscalSupport: 9000 })).steps.find((s) => s.id === 'investment')).toMatchObject({ errors: 1, done: false })
  })

  it('is a mistake to correct, not a reason the unit may not file', () => {
    expect(checkEligibility(xj, a({ fiscalSupport: 9000 }), 'enterprise')).toEqual([])
    expect(codes(validateDemand(xj, a({ fiscalSupport: 9000 }), 'enterprise'))).not.toContain('INELIGIBLE')
  })

  it('waits for both answers', () => {
    expect(validateDemand(xj, a({ totalInvestment: undefined, fiscalSupport: 9000 }), 'enterprise').map((i) => [i.field, i.code])).toEqual([
      ['totalInvestment', 'REQUIRED']
    ])
    expect(validateDemand(xj, a({ totalInvestment: '8600', fiscalSupport: 9000 }), 'enterprise').map((i) => [i.field, i.code])).toEqual([
      ['totalInvestment', 'INVALID_TYPE']
    ])
  })

  it('takes a factor, in an eligibility rule too, and skips a bound field that is hidden', () => {
    const def = changed(hz, (c) => {
      c.eligibility[2].value = { field: 'rdTotal', factor: 0.5 }
      c.eligibility[2].message = '项目预计研发投入应不低于上年度研发投入总额的一半。'
    })
    const base = completeAnswers('hz-2021-major-research')
    expect(checkEligibility(def, { ...base, rdTotal: 4200, projectRdInvestment: 2100 }, 'enterprise')).toEqual([])
    expect(checkEligibility(def, { ...base, rdTotal: 4200, projectRdInvestment: 2000 }, 'enterprise')).toEqual([
      { ruleId: 'project-rd', field: 'projectRdInvestment', message: '项目预计研发投入应不低于上年度研发投入总额的一半，当前填写2000万元，上年度研发投入总额为4200万元。' }
    ])
    // 0.3 × 3 is 0.9 as people reckon, not 0.8999999999999999.
    const triple = changed(xj, (c) => {
      c.validations = [{ id: 'x', field: 'fiscalSupport', op: '<=', value: { field: 'totalInvestment', factor: 3 }, message: '不超过三倍' }]
    })
    expect(validateDemand(triple, a({ totalInvestment: 0.3, fiscalSupport: 0.9 }), 'enterprise')).toEqual([])
    // The bound field hidden (here: for the unit type): nothing to compare yet.
    const hidden = changed(xj, (c) => {
      const total = c.steps.flatMap((s) => s.fields).find((f) => f.id === 'totalInvestment')!
      total.visibleIf = { unitType: ['enterprise'] }
    })
    expect(validateDemand(hidden, a({ fiscalSupport: 9000 }), 'university')).toEqual([])
    expect(codes(validateDemand(hidden, a({ fiscalSupport: 9000 }), 'enterprise'))).toEqual(['OUT_OF_RANGE'])
  })
})

describe('6. text formats', () => {
  it('checks phone numbers: landlines with area code, or mobiles', () => {
    for (const ok of ['0991-1234567', '023-63000000', '09911234567', '0571-87025452-801', '13899812345', '19912345678'])
      expect([ok, issuesOf(xj, 'officePhone', ok)]).toEqual([ok, []])
    for (const bad of ['12345', '3836638', '0991 1234567', '1389981234', '12899812345', '0991-123'])
      expect([bad, issuesOf(xj, 'officePhone', bad)]).toEqual([
        bad,
        [{ field: 'officePhone', code: 'INVALID_FORMAT', message: '办公电话应为有效的电话号码：固定电话含区号，如 0991-1234567、023-63000000；或11位手机号，如 13912345678' }]
      ])
    // Checked as submitted: trimmed.
    expect(issuesOf(xj, 'officePhone', ' 0991-1234567 ')).toEqual([])
    expect(codes(issuesOf(xj, 'officePhone', ''))).toEqual(['REQUIRED'])
  })

  it('checks mobiles and e-mail addresses', () => {
    const def = changed(xj, (c) => {
      const fields = c.steps.flatMap((s) => s.fields)
      Object.assign(fields.find((f) => f.id === 'leadPhone')!, { format: 'mobile' })
      Object.assign(fields.find((f) => f.id === 'submitterContactTitle')!, { format: 'email', label: '联系邮箱', required: false })
    })
    expect(issuesOf(def, 'leadPhone', '13899812345')).toEqual([])
    expect(issuesOf(def, 'leadPhone', '0991-1234567')).toEqual([
      { field: 'leadPhone', code: 'INVALID_FORMAT', message: '联系电话应为11位手机号，如 13912345678' }
    ])
    expect(issuesOf(def, 'submitterContactTitle', 'kong.na@xjkjt.gov.cn')).toEqual([])
    expect(issuesOf(def, 'submitterContactTitle', 'kong.na@')).toEqual([
      { field: 'submitterContactTitle', code: 'INVALID_FORMAT', message: '联系邮箱应为有效的电子邮箱，如 name@example.com' }
    ])
    expect(issuesOf(def, 'submitterContactTitle', '')).toEqual([])
    expect([matchesFormat('mobile', '13912345678'), matchesFormat('mobile', '023-63000000'), matchesFormat('phone', '023-63000000')]).toEqual([true, false, true])
  })
})

describe('7. unit types as data', () => {
  const def = changed(hz, (c) => {
    c.unitTypes = [{ id: 'county_enterprise', label: '县域重点企业' }]
    c.eligibleUnitTypes = [...c.eligibleUnitTypes, 'county_enterprise']
    for (const f of c.steps[0].fields) if (f.visibleIf?.unitType) f.visibleIf.unitType.push('county_enterprise')
    c.eligibility[0].appliesTo = [...(c.eligibility[0].appliesTo ?? []), 'county_enterprise']
  })

  it('admits a declared unit type, asks its figures and applies the rules naming it', () => {
    const a = completeAnswers('hz-2021-major-research')
    expect(checkEligibility(def, a, 'county_enterprise')).toEqual([])
    expect(isVisible(fieldOf(def, 'rdRatio'), a, def, 'county_enterprise')).toBe(true)
    expect(checkEligibility(def, { ...a, rdRatio: 2 }, 'county_enterprise').map((i) => i.ruleId)).toEqual(['rd-ratio'])
  })

  it('names it by its label everywhere through one helper', () => {
    expect(unitTypeLabel(def, 'county_enterprise')).toBe('县域重点企业')
    expect(unitTypeLabel(def, 'enterprise')).toBe('企业')
    expect(unitTypeLabel(hz, 'county_enterprise')).toBe('county_enterprise')
    expect(unitTypesOf(def).map((t) => t.id).slice(-2)).toEqual(['public_institution', 'county_enterprise'])
    expect([isKnownUnitType(def, 'county_enterprise'), isKnownUnitType(hz, 'county_enterprise'), isKnownUnitType(undefined, 'university')]).toEqual([true, false, true])
    const refused = changed(def, (c) => {
      c.eligibleUnitTypes = ['enterprise']
    })
    expect(checkEligibility(refused, {}, 'county_enterprise')).toEqual([
      { ruleId: 'unit-type', field: 'unitType', message: '本次征集不接受“县域重点企业”类单位填报' }
    ])
    const sheet = changed(def, (c) => {
      c.summaryColumns = [{ header: '单位类型', source: 'profile:unitType' }]
    })
    expect(summarySheet(sheet).cells.map((cell) => cell({ rank: 1, unitId: null, answers: {}, profile: { unitType: 'county_enterprise' as never } }))).toEqual(['县域重点企业'])
  })
})

describe('the shipped definitions with the additions', () => {
  it('新疆: the complete fixture is valid for a new R&D institution too; priority, indicators and phones are checked', () => {
    const a = completeAnswers('xj-2023-major-demands')
    expect(validateDemand(xj, a, 'new_rd_institution')).toEqual([])
    expect(codes(validateDemand(xj, { ...a, priority: 0 }, 'enterprise'))).toEqual(['OUT_OF_RANGE'])
    expect(codes(validateDemand(xj, { ...a, priority: 1.5 }, 'enterprise'))).toEqual(['TOO_PRECISE'])
    expect(codes(validateDemand(xj, { ...a, indicators: [] }, 'enterprise'))).toEqual(['REQUIRED'])
    expect(codes(validateDemand(xj, { ...a, leadPhone: '3836638' }, 'enterprise'))).toEqual(['INVALID_FORMAT'])
  })

  it('重庆: the recommended parts may stay empty', () => {
    const a: Answers = completeAnswers('cq-2026-key-areas')
    for (const id of ['currentMaturity', 'expectedMaturity', 'expectedCompletion', 'indicators']) delete a[id]
    expect(validateDemand(cq, a, 'enterprise')).toEqual([])
    expect(completeness(cq, a, 'enterprise').complete).toBe(true)
  })
})
