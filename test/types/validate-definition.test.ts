import cqJson from '../../campaigns/cq-2026-key-areas.json'
import xjJson from '../../campaigns/xj-2023-major-demands.json'
import hzJson from '../../campaigns/hz-2021-major-research.json'
import { validateDefinition } from '../../types/validate-definition'
import { copy, inAnyOrder, problemsOf, type Json } from '../support/problems'

/** `steps[i].fields[j]` of the field with this id. */
const pathOf = (def: Json, fieldId: string): string => {
  for (let i = 0; i < def.steps.length; i++) {
    const j = def.steps[i].fields.findIndex((f: Json) => f.id === fieldId)
    if (j >= 0) return `steps[${i}].fields[${j}]`
  }
  throw new Error(`no field ${fieldId}`)
}
const fieldAt = (def: Json, fieldId: string): Json => {
  const [, i, j] = /^steps\[(\d+)\]\.fields\[(\d+)\]$/.exec(pathOf(def, fieldId)) as RegExpExecArray
  return def.steps[Number(i)].fields[Number(j)]
}

describe('validateDefinition on the shipped definitions', () => {
  it.each([
    ['cq-2026-key-areas', cqJson],
    ['xj-2023-major-demands', xjJson],
    ['hz-2021-major-research', hzJson]
  ])('accepts %s', (id, def) => {
    const result = validateDefinition(copy(def))
    expect(result.ok ? result.definition.id : result.problems).toBe(id)
  })

  it('finds the test’s field paths where the steps put them', () => {
    expect(pathOf(copy(cqJson), 'classified')).toBe('steps[0].fields[0]')
    expect(pathOf(copy(cqJson), 'demandName')).toBe('steps[1].fields[0]')
  })
})

describe('validateDefinition rejects a broken copy with the path of the bad key', () => {
  it('a typo of a key inside a nested field (maxLenght)', () => {
    const def = copy(cqJson)
    const field = fieldAt(def, 'demandName')
    field.maxLenght = field.maxLength
    delete field.maxLength
    expect(problemsOf(def)).toEqual([
      'steps[1].fields[0].maxLenght: 未知的键',
      'steps[1].fields[0].maxLength: 应为正整数'
    ])
  })

  it('an unknown key in a visibleIf condition', () => {
    const def = copy(cqJson)
    fieldAt(def, 'solverRequirements').visibleIf.equal = 'yes'
    expect(problemsOf(def)).toEqual([`${pathOf(def, 'solverRequirements')}.visibleIf.equal: 未知的键`])
  })

  it('an unknown top-level key', () => {
    const def = copy(cqJson)
    def.deadline = def.deadlines
    expect(problemsOf(def)).toEqual(['deadline: 未知的键'])
  })

  it.each(['2025-02-30', '2025/07/20', '2025-7-20', '20250720'])('a bad enterprise deadline %s', (bad) => {
    const def = copy(cqJson)
    def.deadlines.enterprise = bad
    expect(problemsOf(def)).toEqual(['deadlines.enterprise: 应为日期 YYYY-MM-DD'])
  })

  it('a bad opening day', () => {
    const def = copy(hzJson)
    def.opensOn = '2021-13-01'
    expect(problemsOf(def)).toEqual(['opensOn: 应为日期 YYYY-MM-DD'])
  })

  it('a recommender deadline before the enterprise deadline', () => {
    const def = copy(cqJson)
    def.deadlines.recommender = '2025-07-19'
    expect(problemsOf(def)).toEqual(['deadlines.recommender: 推荐截止日期不能早于填报截止日期'])
  })

  it('accepts a recommender deadline on the enterprise deadline day', () => {
    const def = copy(cqJson)
    def.deadlines.recommender = '2025-07-20'
    expect(validateDefinition(def).ok).toBe(true)
  })

  it('an opening day after the enterprise deadline', () => {
    const def = copy(hzJson)
    def.opensOn = '2021-04-21'
    expect(problemsOf(def)).toEqual(['opensOn: 开始日期不能晚于填报截止日期'])
  })

  it('a duplicate field id, reported at the second occurrence', () => {
    const def = copy(cqJson)
    expect(pathOf(def, 'applicationScenarios')).toBe('steps[3].fields[7]')
    fieldAt(def, 'applicationScenarios').id = 'demandName'
    expect(problemsOf(def)).toEqual(['steps[3].fields[7].id: 字段“demandName”重复'])
  })

  it('a duplicate recommending unit id', () => {
    const def = copy(cqJson)
    def.recommenders.units[1].id = def.recommenders.units[0].id
    expect(problemsOf(def)).toEqual(['recommenders.units[1].id: 推荐单位“city-fgw”重复'])
  })

  it('visibleIf pointing at a later field', () => {
    const def = copy(cqJson)
    fieldAt(def, 'advantageUnits').visibleIf = { field: 'openCompetition', equals: 'yes' }
    expect(problemsOf(def)).toEqual([
      `${pathOf(def, 'advantageUnits')}.visibleIf.field: 应指向本字段之前已定义的字段`
    ])
  })

  it('visibleIf pointing at an unknown field', () => {
    const def = copy(cqJson)
    fieldAt(def, 'openCompetitionInvestment').visibleIf.field = 'openCompetiton'
    expect(problemsOf(def)).toEqual([
      `${pathOf(def, 'openCompetitionInvestment')}.visibleIf.field: 应指向本字段之前已定义的字段`
    ])
  })

  it('visibleIf pointing at itself', () => {
    const def = copy(hzJson)
    fieldAt(def, 'rdPlatformName').visibleIf.field = 'rdPlatformName'
    expect(problemsOf(def)).toEqual([
      'steps[0].fields[2].visibleIf.field: 应指向本字段之前已定义的字段'
    ])
  })

  it('visibleIf with both equals and includes', () => {
    const def = copy(cqJson)
    fieldAt(def, 'solverRequirements').visibleIf.includes = 'yes'
    expect(problemsOf(def)).toEqual([
      `${pathOf(def, 'solverRequirements')}.visibleIf: 须且只能给出 equals 或 includes 之一`
    ])
  })

  it('an eligibility rule on a text field', () => {
    const def = copy(hzJson)
    def.eligibility[1].field = 'demandName'
    expect(problemsOf(def)).toEqual(['eligibility[1].field: 应指向一个数值或金额字段'])
  })

  it('an eligibility rule on an unknown field and with an unknown operator', () => {
    const def = copy(hzJson)
    def.eligibility[0].field = 'rdRate'
    def.eligibility[2].op = '=>'
    expect(inAnyOrder(problemsOf(def))).toEqual(inAnyOrder([
      'eligibility[0].field: 应指向一个数值或金额字段',
      'eligibility[2].op: 应为以下之一：>=、>、<=、<'
    ]))
  })

  it('an eligibility rule for an unknown unit type', () => {
    const def = copy(hzJson)
    def.eligibility[0].appliesTo = ['enterprise', 'big_enterprise']
    expect(problemsOf(def)).toEqual([
      'eligibility[0].appliesTo[1]: 未知的单位类型“big_enterprise”：既不是通用单位类型，也未在 unitTypes 中声明'
    ])
  })

  it('an unknown field kind', () => {
    const def = copy(cqJson)
    fieldAt(def, 'attachments').kind = 'upload'
    const problems = problemsOf(def)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^steps\[6\]\.fields\[0\]\.kind: 应为以下之一：text、textarea、single、multi、domain、amount、number、date、indicators/)
  })

  it('a summary column on an unknown field', () => {
    const def = copy(xjJson)
    def.summaryColumns[6].source = 'field:leader'
    expect(problemsOf(def)).toEqual([
      'summaryColumns[6].source: 应为 rank、unit、field:<已定义字段> 或 profile:<资料项>'
    ])
  })

  it('a summary column on an unknown profile key', () => {
    const def = copy(cqJson)
    def.summaryColumns[4].source = 'profile:creditcode'
    expect(problemsOf(def)).toEqual([
      'summaryColumns[4].source: 应为 rank、unit、field:<已定义字段> 或 profile:<资料项>'
    ])
  })

  it('a recommending unit of an unknown type', () => {
    const def = copy(cqJson)
    def.recommenders.units[0].type = 'city'
    expect(problemsOf(def)).toEqual([
      'recommenders.units[0].type: 应为以下之一：district-national、district、city-department'
    ])
  })

  it('a quota that is not a positive integer', () => {
    const def = copy(xjJson)
    def.recommenders.unitTypes[1].quota = 0
    expect(problemsOf(def)).toEqual(['recommenders.unitTypes[1].quota: 应为正整数'])
  })

  it('a per-unit-type demand limit for an unknown unit type', () => {
    const def = copy(hzJson)
    def.demandLimit.byUnitType.big_enterprise = 2
    expect(problemsOf(def)).toEqual(['demandLimit.byUnitType.big_enterprise: 未知的键'])
  })

  it('a phone with spaces', () => {
    const def = copy(xjJson)
    def.contacts[4].phone = '0991 3836638'
    expect(problemsOf(def)).toEqual(['contacts[4].phone: 电话号码只能包含数字和连字符'])
  })

  it('an attachment type outside the list', () => {
    const def = copy(cqJson)
    fieldAt(def, 'attachments').accept.push('zip')
    expect(problemsOf(def)).toEqual([
      'steps[6].fields[0].accept[7]: 应为以下之一：pdf、doc、docx、xls、xlsx、jpg、png'
    ])
  })

  it('an indicator table whose minRows exceeds maxRows', () => {
    const def = copy(cqJson)
    fieldAt(def, 'indicators').minRows = 30
    expect(problemsOf(def)).toEqual([`${pathOf(def, 'indicators')}.minRows: 不能大于 maxRows`])
  })

  it('a domain field in a campaign without domains', () => {
    const def = copy(xjJson)
    def.domains = []
    expect(problemsOf(def)).toEqual([`${pathOf(def, 'industryField')}: 领域字段需要活动定义 domains`])
  })

  it('reports every problem at once', () => {
    const def = copy(cqJson)
    def.deadlines.recommender = '2025-07-01'
    fieldAt(def, 'demandName').maxLength = 0
    def.summaryColumns[1].source = 'field:name'
    expect(inAnyOrder(problemsOf(def))).toEqual(inAnyOrder([
      'deadlines.recommender: 推荐截止日期不能早于填报截止日期',
      'steps[1].fields[0].maxLength: 应为正整数',
      'summaryColumns[1].source: 应为 rank、unit、field:<已定义字段> 或 profile:<资料项>'
    ]))
  })

  it('is not an object', () => {
    expect(problemsOf(null)).toEqual(['(根): 应为对象'])
    expect(problemsOf([])).toEqual(['(根): 应为对象'])
  })
})

describe('areas, directions and limits', () => {
  it('accepts an area without directions, and directions with a description', () => {
    const def = copy(cqJson)
    def.domains[0].directions = []
    def.domains[1].directions = ['基础软件', { label: '科学智能软件', description: '面向科研的智能计算软件' }, { label: '汽车核心软件' }]
    expect(validateDefinition(def).ok).toBe(true)
  })

  it('reports a bad direction, an unknown key in one and a repeated one, each at its index', () => {
    const def = copy(cqJson)
    def.domains[1].directions = ['基础软件', { description: '没有名称' }, { label: '信息安全软件', note: '多余' }, '基础软件', 3]
    expect(inAnyOrder(problemsOf(def))).toEqual(inAnyOrder([
      'domains[1].directions[1].label: 应为非空文本',
      'domains[1].directions[2].note: 未知的键',
      'domains[1].directions[3]: 方向“基础软件”重复',
      'domains[1].directions[4]: 应为非空文本，或 { label, description }'
    ]))
  })

  it('accepts perEnterprise null (不限) and refuses 0 or text', () => {
    const def = copy(cqJson)
    def.demandLimit.perEnterprise = null
    expect(validateDefinition(def).ok).toBe(true)
    for (const bad of [0, '10', 2.5]) {
      def.demandLimit.perEnterprise = bad
      expect(problemsOf(def)).toEqual(['demandLimit.perEnterprise: 应为正整数，或 null 表示不限'])
    }
  })

  it('a duplicate area id and a duplicate recommending unit type id', () => {
    const def = copy(cqJson)
    def.domains[3].id = 'ai'
    def.recommenders.unitTypes[2].id = 'district'
    const problems = problemsOf(def)
    expect(problems).toEqual(
      expect.arrayContaining([
        'domains[3].id: 领域“ai”重复',
        'recommenders.unitTypes[2].id: 推荐单位类型“district”重复'
      ])
    )
  })

  it('a duplicate step id', () => {
    const def = copy(cqJson)
    def.steps[2].id = 'basic'
    expect(problemsOf(def)).toEqual(['steps[2].id: 步骤“basic”重复'])
  })
})

describe('unit types as data', () => {
  const withCounty = () => {
    const def = copy(hzJson)
    def.unitTypes = [{ id: 'county_enterprise', label: '县域重点企业' }]
    return def
  }

  it('accepts a declared unit type in eligibleUnitTypes, appliesTo, conditions and per-type limits', () => {
    const def = withCounty()
    def.eligibleUnitTypes.push('county_enterprise')
    def.eligibility[0].appliesTo.push('county_enterprise')
    fieldAt(def, 'rdTotal').visibleIf.unitType.push('county_enterprise')
    def.demandLimit.byUnitType.county_enterprise = 3
    expect(validateDefinition(def).ok).toBe(true)
  })

  it('reports a unit type nobody has wherever it is named', () => {
    const def = copy(hzJson)
    def.eligibleUnitTypes.push('county_enterprise')
    def.eligibility[2].appliesTo = ['county_enterprise']
    fieldAt(def, 'rdRatio').visibleIf.unitType = ['enterprise', 'county_enterprise']
    def.demandLimit.byUnitType.county_enterprise = 3
    const nobody = '未知的单位类型“county_enterprise”：既不是通用单位类型，也未在 unitTypes 中声明'
    expect(problemsOf(def)).toEqual([
      `eligibleUnitTypes[3]: ${nobody}`,
      'demandLimit.byUnitType.county_enterprise: 未知的键',
      `steps[0].fields[3].visibleIf.unitType[1]: ${nobody}`,
      `eligibility[2].appliesTo[0]: ${nobody}`
    ])
  })

  it('refuses declaring a global type, a bad id, a repeated one, and a repeated eligible type', () => {
    const def = withCounty()
    def.unitTypes.push({ id: 'enterprise', label: '企业' }, { id: 'County Enterprise', label: '县域' }, { id: 'county_enterprise', label: '又一个' }, { label: '无标识' })
    def.eligibleUnitTypes.push('enterprise')
    expect(inAnyOrder(problemsOf(def))).toEqual(inAnyOrder([
      'unitTypes[1].id: “enterprise”已是通用单位类型，无需声明',
      'unitTypes[2].id: 单位类型标识只能包含小写字母、数字、下划线和连字符，且以字母开头',
      'unitTypes[4].id: 应为非空文本',
      'unitTypes[3].id: 单位类型“county_enterprise”重复',
      'eligibleUnitTypes[3]: 单位类型“enterprise”重复'
    ]))
  })
})

describe('conditions', () => {
  it('accepts a condition on the unit type alone, and one on a field and unit types together', () => {
    const def = copy(cqJson)
    fieldAt(def, 'advantageUnits').visibleIf = { unitType: ['large_enterprise'] }
    fieldAt(def, 'solverRequirements').visibleIf.unitType = ['enterprise', 'large_enterprise']
    expect(validateDefinition(def).ok).toBe(true)
  })

  it('an empty condition, equals without a field, an empty unit type list', () => {
    const def = copy(cqJson)
    fieldAt(def, 'advantageUnits').visibleIf = {}
    fieldAt(def, 'industrialization').visibleIf = { unitType: ['enterprise'], equals: 'yes' }
    fieldAt(def, 'applicationEntities').visibleIf = { unitType: [] }
    expect(inAnyOrder(problemsOf(def))).toEqual(inAnyOrder([
      `${pathOf(def, 'industrialization')}.visibleIf.field: 给出 equals 或 includes 时须指明 field`,
      `${pathOf(def, 'applicationEntities')}.visibleIf.unitType: 不能为空`,
      `${pathOf(def, 'advantageUnits')}.visibleIf: 须给出 field（及 equals 或 includes）或 unitType`
    ]))
  })

  it('a field of a later step', () => {
    const def = copy(cqJson)
    fieldAt(def, 'advantageUnits').visibleIf = { field: 'recommender', equals: 'liangjiang' }
    expect(problemsOf(def)).toEqual([`${pathOf(def, 'advantageUnits')}.visibleIf.field: 应指向本字段之前已定义的字段`])
  })

  it('a value the field does not have, includes on a single choice, equals on a multiple choice', () => {
    const def = copy(cqJson)
    fieldAt(def, 'solverRequirements').visibleIf.equals = 'Yes'
    fieldAt(def, 'openCompetitionInvestment').visibleIf = { field: 'openCompetition', includes: 'yes' }
    fieldAt(def, 'advantageUnits').visibleIf = { field: 'organizationModes', equals: 'cross_region' }
    fieldAt(def, 'attachments').visibleIf = { field: 'organizationModes', includes: 'cross-region' }
    expect(problemsOf(def)).toEqual([
      `${pathOf(def, 'advantageUnits')}.visibleIf.equals: 多选字段的条件请用 includes`,
      `${pathOf(def, 'solverRequirements')}.visibleIf.equals: 应为字段“openCompetition”的选项值之一：yes、no`,
      `${pathOf(def, 'openCompetitionInvestment')}.visibleIf.includes: includes 只适用于多选字段`,
      `${pathOf(def, 'attachments')}.visibleIf.includes: 应为字段“organizationModes”的选项值之一：cross_region、industry_academia、young_talent、private_enterprise`
    ])
  })

  it('a yes/no answer compared with text, and a condition on a text field', () => {
    const def = copy(hzJson)
    fieldAt(def, 'rdPlatformName').visibleIf.equals = 'true'
    fieldAt(def, 'partners').visibleIf = { field: 'demandName', equals: '联合' }
    expect(problemsOf(def)).toEqual([
      'steps[0].fields[2].visibleIf.equals: 是/否字段的条件应为 true 或 false',
      'steps[1].fields[4].visibleIf.field: 条件只能指向单选、多选或是/否（gate）字段'
    ])
  })
})

describe('options with “其他”, text formats', () => {
  it('accepts one “其他” option with or without its own length', () => {
    const def = copy(cqJson)
    fieldAt(def, 'organizationModes').options.push({ value: 'other', label: '其他', other: true, otherMaxLength: 50 })
    fieldAt(def, 'openCompetition').options.push({ value: 'other', label: '其他方式', other: true })
    expect(validateDefinition(def).ok).toBe(true)
  })

  it('refuses other: false, a second “其他”, a length without other, a bad length, a repeated value', () => {
    const def = copy(cqJson)
    const options = fieldAt(def, 'organizationModes').options
    options.push(
      { value: 'other', label: '其他', other: true },
      { value: 'other2', label: '另一个其他', other: true },
      { value: 'x', label: 'X', other: false },
      { value: 'y', label: 'Y', otherMaxLength: 20 },
      { value: 'z', label: 'Z', other: true, otherMaxLength: 0 },
      { value: 'young_talent', label: '重复' }
    )
    const p = `${pathOf(def, 'organizationModes')}.options`
    expect(inAnyOrder(problemsOf(def))).toEqual(inAnyOrder([
      `${p}[5].other: 每个字段只能有一个“其他”选项`,
      `${p}[6].other: 只能为 true`,
      `${p}[7].otherMaxLength: 只适用于 other 为 true 的选项`,
      `${p}[8].other: 每个字段只能有一个“其他”选项`,
      `${p}[8].otherMaxLength: 应为正整数`,
      `${p}[9].value: 选项值“young_talent”重复`
    ]))
  })

  it('accepts phone, mobile and email formats on text fields only', () => {
    const def = copy(xjJson)
    fieldAt(def, 'leadPhone').format = 'mobile'
    fieldAt(def, 'leadPerson').format = 'email'
    expect(validateDefinition(def).ok).toBe(true)
    fieldAt(def, 'overview').format = 'phone'
    fieldAt(def, 'officePhone').format = 'landline'
    expect(problemsOf(def)).toEqual([
      `${pathOf(def, 'overview')}.format: 未知的键`,
      `${pathOf(def, 'officePhone')}.format: 应为以下之一：phone、mobile、email`
    ])
  })
})

describe('rules comparing fields', () => {
  it('accepts a bound from another numeric field, with a factor, in eligibility and validations', () => {
    const def = copy(hzJson)
    def.eligibility[2].value = { field: 'rdTotal', factor: 0.5 }
    def.validations = [{ id: 'project-within-total', field: 'projectRdInvestment', op: '<=', value: { field: 'rdTotal', factor: 3 }, message: '不超过3倍' }]
    expect(validateDefinition(def).ok).toBe(true)
  })

  it('reports a dangling field reference, a self reference, a bad factor and an unknown key at their paths', () => {
    const def = copy(xjJson)
    def.validations.push(
      { id: 'a', field: 'fiscalSupport', op: '<=', value: { field: 'totalInvestmant' }, message: 'x' },
      { id: 'b', field: 'fiscalSupport', op: '<=', value: { field: 'fiscalSupport' }, message: 'x' },
      { id: 'c', field: 'fiscalSupport', op: '<=', value: { field: 'totalInvestment', factor: -1, scale: 2 }, message: 'x' },
      { id: 'd', field: 'fiscalSupport', op: '<=', value: { field: 'projectName' }, message: 'x' },
      { id: 'e', field: 'fiscalSupport', op: '<=', value: '8600', message: 'x' }
    )
    expect(inAnyOrder(problemsOf(def))).toEqual(inAnyOrder([
      'validations[1].value.field: 应指向一个数值或金额字段',
      'validations[2].value.field: 不能与 field 相同',
      'validations[3].value.scale: 未知的键',
      'validations[3].value.factor: 应为正数',
      'validations[4].value.field: 应指向一个数值或金额字段',
      'validations[5].value: 应为数字，或 { "field": "<数值字段>" }'
    ]))
  })

  it('rule ids are unique across eligibility and validations', () => {
    const def = copy(hzJson)
    def.validations = [{ id: 'project-rd', field: 'projectRdInvestment', op: '<=', value: { field: 'rdTotal' }, message: 'x' }]
    def.eligibility[1].id = 'rd-ratio'
    expect(problemsOf(def)).toEqual([
      'eligibility[1].id: 规则“rd-ratio”重复',
      'validations[0].id: 规则“project-rd”重复'
    ])
  })

  it('validations must be a list', () => {
    const def = copy(xjJson)
    def.validations = { id: 'x' }
    expect(problemsOf(def)).toEqual(['validations: 应为数组'])
  })
})
