import cqJson from '../../campaigns/cq-2026-key-areas.json'
import xjJson from '../../campaigns/xj-2023-major-demands.json'
import hzJson from '../../campaigns/hz-2021-major-research.json'
import { carryOver, fieldsToFill, normaliseLabel, prefillFromProfile, type CarryOverReport } from '../../types/carry-over'
import type { Profile } from '../../types/domain'
import { validateDemand, validateField } from '../../types/engine'
import { completeAnswers } from './fixtures'
import { copy, problemsOf, valid, type Json } from '../support/problems'

/** A copy of `def`, validated (the test may go on changing `def`). */
const definition = (def: unknown) => valid(copy(def))
const CQ = definition(cqJson)
const XJ = definition(xjJson)
const HZ = definition(hzJson)
const fieldOf = (def: Json, id: string): Json => def.steps.flatMap((s: Json) => s.fields).find((f: Json) => f.id === id)

const PROFILE: Profile = {
  enterpriseName: '重庆智芯微电子有限公司',
  creditCode: '91500000MA5U7XXX1R',
  contactName: '王晓明',
  mobile: '13800138000',
  unitType: 'enterprise'
}
const NO_PROFILE: Profile = { ...PROFILE, enterpriseName: '', contactName: '', mobile: '' }

const ids = (list: Array<{ field: string }>) => list.map((x) => x.field)
const carriedFrom = (report: CarryOverReport, from: 'demand' | 'profile') => ids(report.carried.filter((c) => c.from === from))

describe('carryOver between the shipped campaigns', () => {
  it('a copy within the same campaign carries every answer but the attachments, and leaves nothing to fill', () => {
    const source = { ...completeAnswers('cq-2026-key-areas'), attachments: [{ id: 'a', name: 'x.pdf', size: 1, type: 'pdf', sha256: '0'.repeat(64) }] }
    const { answers, report } = carryOver(CQ, NO_PROFILE, { def: CQ, answers: source })
    const { attachments: _dropped, ...expected } = source
    expect(answers).toEqual(expected)
    expect(report.carried).toHaveLength(Object.keys(expected).length)
    expect(report.skipped).toEqual([])
    expect(report.toFill).toEqual([])
    expect(validateDemand(CQ, answers, 'enterprise')).toEqual([])
  })

  it('Chongqing → Hangzhou: the same meanings under other ids and labels are carried, the rest is to fill', () => {
    const { answers, report } = carryOver(HZ, NO_PROFILE, { def: CQ, answers: completeAnswers('cq-2026-key-areas') })
    const cq = completeAnswers('cq-2026-key-areas')
    expect(carriedFrom(report, 'demand')).toEqual(['demandName', 'problem', 'researchContent', 'objectives', 'indicators', 'industrialization'])
    expect(answers).toEqual({
      demandName: cq.demandName,
      problem: cq.background, // 背景及战略意义 → 需求背景及拟破解的“卡脖子”问题 (meaning: background)
      researchContent: cq.researchContent,
      objectives: cq.expectedOutcome, // 核心技术预期成果 → 预期目标及标志性成果 (meaning: objectives)
      indicators: cq.indicators,
      industrialization: cq.industrialization
    })
    expect(report.carried.find((c) => c.field === 'problem')).toEqual({ field: 'problem', label: fieldOf(hzJson, 'problem').label, step: 'content', from: 'demand', sourceLabel: '背景及战略意义' })
    // The area 'chips' is not one of Hangzhou's, its organisation modes are other options, its recommending unit another city's.
    expect(ids(report.skipped)).toEqual(['domain', 'organizationModes', 'recommender'])
    expect(report.skipped.find((s) => s.field === 'recommender')?.reason).toBe('推荐单位不在本次征集的名单中')
    expect(ids(report.toFill)).toEqual(['sensitive', 'hasRdPlatform', 'rdRatio', 'rdTotal', 'projectRdInvestment', 'domain', 'category', 'organizationModes', 'recommender'])
    expect(report.toFill.find((f) => f.field === 'category')).toEqual({ field: 'category', label: '需求类别', step: 'overview' })
  })

  it('Xinjiang → Chongqing: the project name and the indicators; 项目概述 has no counterpart', () => {
    const xj = completeAnswers('xj-2023-major-demands')
    const { answers, report } = carryOver(CQ, NO_PROFILE, { def: XJ, answers: xj })
    expect(answers).toEqual({ demandName: xj.projectName, indicators: xj.indicators })
    expect(ids(report.toFill)).toEqual(ids(fieldsToFill(CQ, answers, 'enterprise')))
    expect(ids(report.toFill)).toContain('background')
    expect(ids(report.toFill)).not.toContain('demandName')
  })

  it('Hangzhou → Xinjiang: the profile fills the undertaking unit; the source answers what means the same', () => {
    const hz = completeAnswers('hz-2021-major-research')
    const { answers, report } = carryOver(XJ, PROFILE, { def: HZ, answers: hz })
    expect(carriedFrom(report, 'profile')).toEqual(['undertakingUnit'])
    expect(answers.undertakingUnit).toBe(PROFILE.enterpriseName)
    expect(carriedFrom(report, 'demand')).toEqual(['projectName', 'indicators'])
    expect(answers.projectName).toBe(hz.demandName)
  })

  it('the profile wins over the earlier demand for the unit and contact fields; the project lead is the earlier one', () => {
    const xj = completeAnswers('xj-2023-major-demands')
    const { answers, report } = carryOver(XJ, PROFILE, { def: XJ, answers: xj })
    expect(answers.undertakingUnit).toBe(PROFILE.enterpriseName)
    expect(answers.leadPerson).toBe(xj.leadPerson)
    expect(report.carried.find((c) => c.field === 'undertakingUnit')?.from).toBe('profile')
    expect(report.carried.find((c) => c.field === 'leadPerson')?.from).toBe('demand')
  })

  it('without an earlier demand only the profile fills, and every required field else is to fill', () => {
    const { answers, report } = carryOver(XJ, PROFILE)
    expect(answers).toEqual({ undertakingUnit: PROFILE.enterpriseName })
    expect(ids(report.toFill)).toEqual(ids(fieldsToFill(XJ, {}, 'enterprise')).filter((id) => id !== 'undertakingUnit'))
  })
})

describe('carryOver: what is carried only when it is valid for the new field', () => {
  const cq = completeAnswers('cq-2026-key-areas')

  it('hidden fields stay empty: without 揭榜挂帅 its requirements and amount are not carried', () => {
    const { answers, report } = carryOver(CQ, NO_PROFILE, { def: CQ, answers: { ...cq, openCompetition: 'no' } })
    expect(answers.openCompetition).toBe('no')
    expect(answers).not.toHaveProperty('solverRequirements')
    expect(answers).not.toHaveProperty('openCompetitionInvestment')
    expect(ids(report.carried)).not.toContain('solverRequirements')
  })

  it('text longer than the new field allows is skipped with the engine’s reason', () => {
    const target = copy(cqJson)
    fieldOf(target, 'demandName').maxLength = 10
    const { answers, report } = carryOver(definition(target), NO_PROFILE, { def: CQ, answers: cq })
    expect(answers).not.toHaveProperty('demandName')
    expect(report.skipped.find((s) => s.field === 'demandName')?.reason).toMatch(/需求名称.*10/)
    expect(ids(report.toFill)).toContain('demandName')
  })

  it('amounts: within the new range only, and in the same unit', () => {
    const lower = copy(cqJson)
    fieldOf(lower, 'openCompetitionInvestment').max = 1000
    expect(carryOver(definition(lower), NO_PROFILE, { def: CQ, answers: cq }).answers).not.toHaveProperty('openCompetitionInvestment')
    const yuan = copy(cqJson)
    fieldOf(yuan, 'openCompetitionInvestment').unit = '元'
    const { answers, report } = carryOver(definition(yuan), NO_PROFILE, { def: CQ, answers: cq })
    expect(answers).not.toHaveProperty('openCompetitionInvestment')
    expect(report.skipped.find((s) => s.field === 'openCompetitionInvestment')?.reason).toBe('单位不同（原为万元，现为元）')
    expect(carryOver(CQ, NO_PROFILE, { def: CQ, answers: cq }).answers.openCompetitionInvestment).toBe(1200)
  })

  it('choices: the option must exist in the new field with the same label', () => {
    const fewer = copy(cqJson)
    fieldOf(fewer, 'organizationModes').options = fieldOf(fewer, 'organizationModes').options.filter((o: Json) => o.value !== 'private_enterprise')
    expect(carryOver(definition(fewer), NO_PROFILE, { def: CQ, answers: cq }).answers).not.toHaveProperty('organizationModes')
    const relabelled = copy(cqJson)
    fieldOf(relabelled, 'openCompetition').options[0].label = '否'
    const { report } = carryOver(definition(relabelled), NO_PROFILE, { def: CQ, answers: cq })
    expect(report.skipped.find((s) => s.field === 'openCompetition')?.reason).toMatch(/含义不同/)
  })

  it('areas: the same area id with a direction it has; else skipped', () => {
    const hzTarget = copy(hzJson)
    hzTarget.domains.find((d: Json) => d.id === 'advanced-manufacturing').directions = ['智能机器人']
    const source = { ...cq, domain: { domain: 'advanced-manufacturing', direction: '智能机器人' } }
    expect(carryOver(definition(hzTarget), NO_PROFILE, { def: CQ, answers: source }).answers.domain).toEqual(source.domain)
    // Hangzhou's own area has no directions: a direction does not fit it.
    const { answers, report } = carryOver(HZ, NO_PROFILE, { def: CQ, answers: source })
    expect(answers).not.toHaveProperty('domain')
    expect(ids(report.skipped)).toContain('domain')
  })

  it('a recommending unit only under the same id and name', () => {
    const renamed = copy(cqJson)
    renamed.recommenders.units.find((u: Json) => u.id === 'liangjiang').name = '两江新区管委会'
    expect(carryOver(definition(renamed), NO_PROFILE, { def: CQ, answers: cq }).answers).not.toHaveProperty('recommender')
    expect(carryOver(CQ, NO_PROFILE, { def: CQ, answers: cq }).answers.recommender).toBe('liangjiang')
  })

  it('attachments never', () => {
    const source = { ...cq, attachments: [{ id: 'a', name: 'x.pdf', size: 1, type: 'pdf', sha256: '0'.repeat(64) }] }
    const { answers, report } = carryOver(CQ, NO_PROFILE, { def: CQ, answers: source })
    expect(answers).not.toHaveProperty('attachments')
    expect(ids([...report.carried, ...report.skipped])).not.toContain('attachments')
  })

  it('text fields without a meaning match by id, else by label without spaces and punctuation', () => {
    const source = copy(cqJson)
    const scenes = fieldOf(source, 'applicationScenarios')
    delete scenes.meaning
    scenes.id = 'scenes'
    scenes.label = '应用 场景：'
    const target = copy(cqJson)
    delete fieldOf(target, 'applicationScenarios').meaning
    const { answers, report } = carryOver(definition(target), NO_PROFILE, { def: definition(source), answers: { scenes: '整车厂' } })
    expect(answers.applicationScenarios).toBe('整车厂')
    expect(report.carried.find((c) => c.field === 'applicationScenarios')?.sourceLabel).toBe('应用 场景：')
    expect(normaliseLabel('“揭榜挂帅”投入 金额')).toBe('揭榜挂帅投入金额')
  })

  it('two different meanings are never matched, even under the same id', () => {
    const source = copy(cqJson)
    fieldOf(source, 'background').meaning = 'overview'
    const { answers } = carryOver(CQ, NO_PROFILE, { def: definition(source), answers: { background: '某背景' } })
    expect(answers).not.toHaveProperty('background')
  })
})

describe('prefillFromProfile', () => {
  it('fills the empty unit field and never replaces what was typed', () => {
    const empty = prefillFromProfile(XJ, {}, PROFILE)
    expect(empty).toEqual({ answers: { undertakingUnit: PROFILE.enterpriseName }, filled: ['undertakingUnit'] })
    const typed = { undertakingUnit: '新疆另一家公司' }
    const kept = prefillFromProfile(XJ, typed, PROFILE)
    expect(kept.answers).toBe(typed)
    expect(kept.filled).toEqual([])
    expect(prefillFromProfile(XJ, { undertakingUnit: '  ' }, PROFILE).answers.undertakingUnit).toBe(PROFILE.enterpriseName)
  })

  it('contact name and mobile where a campaign asks for them, only when valid there', () => {
    const def = copy(cqJson)
    def.steps[1].fields.push(
      { id: 'contact', kind: 'text', label: '联系人', maxLength: 30, meaning: 'contactName' },
      { id: 'contactMobile', kind: 'text', label: '联系人手机', maxLength: 20, format: 'mobile', meaning: 'contactPhone' },
      { id: 'unit', kind: 'text', label: '单位', maxLength: 5, meaning: 'unitName' }
    )
    const target = definition(def)
    const { answers, filled } = prefillFromProfile(target, {}, PROFILE)
    expect(answers).toEqual({ contact: PROFILE.contactName, contactMobile: PROFILE.mobile })
    expect(filled).toEqual(['contact', 'contactMobile'])
    expect(validateField(target, fieldOf(def, 'unit'), { unit: PROFILE.enterpriseName }, 'enterprise')[0].code).toBe('TOO_LONG')
  })

  it('nothing for a campaign without unit or contact fields', () => {
    const answers = {}
    expect(prefillFromProfile(HZ, answers, PROFILE)).toEqual({ answers, filled: [] })
  })
})

describe('meaning in the definition', () => {
  it('at most one field per meaning', () => {
    const def = copy(cqJson)
    fieldOf(def, 'currentStatus').meaning = 'background'
    expect(problemsOf(def)).toEqual(['steps[2].fields[1].meaning: 含义“background”已用于字段“background”'])
  })
  it('a meaning from the vocabulary only', () => {
    const def = copy(cqJson)
    fieldOf(def, 'currentStatus').meaning = 'status'
    expect(problemsOf(def)[0]).toMatch(/^steps\[2\]\.fields\[1\]\.meaning: 应为以下之一：title、/)
  })
  it('unit and contact meanings on text fields only', () => {
    const def = copy(cqJson)
    fieldOf(def, 'applicationEntities').meaning = 'unitName'
    expect(problemsOf(def)).toEqual(['steps[3].fields[6].meaning: 单位名称和联系人信息取自单位信息，只能用于文本字段'])
  })
  it('not on what the recommending unit fills', () => {
    const def = copy(cqJson)
    def.recommenders.fields[0].meaning = 'title'
    expect(problemsOf(def)).toEqual(['recommenders.fields[0].meaning: 含义只用于企业填报的字段'])
  })
  it('every shipped campaign names the meaning of its title, indicators and domain', () => {
    for (const def of [CQ, XJ, HZ]) {
      const meanings = def.steps.flatMap((s) => s.fields.map((f) => f.meaning)).filter(Boolean)
      expect(meanings).toEqual(expect.arrayContaining(['title', 'indicators', 'domain']))
    }
  })
})
