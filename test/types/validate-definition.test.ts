import cqJson from '../../campaigns/cq-2026-key-areas.json'
import xjJson from '../../campaigns/xj-2023-major-demands.json'
import hzJson from '../../campaigns/hz-2021-major-research.json'
import { validateDefinition, type DefinitionProblem } from '../../types/validate-definition'

type Json = any // eslint-disable-line @typescript-eslint/no-explicit-any

/** A fresh deep copy of a shipped definition to break. */
const copy = (def: unknown): Json => JSON.parse(JSON.stringify(def))

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

const problemsOf = (def: unknown): DefinitionProblem[] => {
  const result = validateDefinition(def)
  if (result.ok) throw new Error('expected the definition to be rejected')
  return result.problems
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
      { path: 'steps[1].fields[0].maxLenght', message: '未知的键' },
      { path: 'steps[1].fields[0].maxLength', message: '应为正整数' }
    ])
  })

  it('an unknown key in a visibleIf condition', () => {
    const def = copy(cqJson)
    fieldAt(def, 'solverRequirements').visibleIf.equal = 'yes'
    expect(problemsOf(def)).toEqual([{ path: `${pathOf(def, 'solverRequirements')}.visibleIf.equal`, message: '未知的键' }])
  })

  it('an unknown top-level key', () => {
    const def = copy(cqJson)
    def.deadline = def.deadlines
    expect(problemsOf(def)).toEqual([{ path: 'deadline', message: '未知的键' }])
  })

  it.each(['2025-02-30', '2025/07/20', '2025-7-20', '20250720'])('a bad enterprise deadline %s', (bad) => {
    const def = copy(cqJson)
    def.deadlines.enterprise = bad
    expect(problemsOf(def)).toEqual([{ path: 'deadlines.enterprise', message: '应为日期 YYYY-MM-DD' }])
  })

  it('a bad opening day', () => {
    const def = copy(hzJson)
    def.opensOn = '2021-13-01'
    expect(problemsOf(def)).toEqual([{ path: 'opensOn', message: '应为日期 YYYY-MM-DD' }])
  })

  it('a recommender deadline before the enterprise deadline', () => {
    const def = copy(cqJson)
    def.deadlines.recommender = '2025-07-19'
    expect(problemsOf(def)).toEqual([{ path: 'deadlines.recommender', message: '推荐截止日期不能早于填报截止日期' }])
  })

  it('accepts a recommender deadline on the enterprise deadline day', () => {
    const def = copy(cqJson)
    def.deadlines.recommender = '2025-07-20'
    expect(validateDefinition(def).ok).toBe(true)
  })

  it('an opening day after the enterprise deadline', () => {
    const def = copy(hzJson)
    def.opensOn = '2021-04-21'
    expect(problemsOf(def)).toEqual([{ path: 'opensOn', message: '开始日期不能晚于填报截止日期' }])
  })

  it('a duplicate field id, reported at the second occurrence', () => {
    const def = copy(cqJson)
    expect(pathOf(def, 'applicationScenarios')).toBe('steps[3].fields[7]')
    fieldAt(def, 'applicationScenarios').id = 'demandName'
    expect(problemsOf(def)).toEqual([{ path: 'steps[3].fields[7].id', message: '字段“demandName”重复' }])
  })

  it('a duplicate recommending unit id', () => {
    const def = copy(cqJson)
    def.recommenders.units[1].id = def.recommenders.units[0].id
    expect(problemsOf(def)).toEqual([{ path: 'recommenders.units[1].id', message: '推荐单位“city-fgw”重复' }])
  })

  it('visibleIf pointing at a later field', () => {
    const def = copy(cqJson)
    fieldAt(def, 'solverRequirements').visibleIf = { field: 'jointImplementation', equals: 'yes' }
    expect(problemsOf(def)).toEqual([
      { path: `${pathOf(def, 'solverRequirements')}.visibleIf.field`, message: '应指向本字段之前已定义的字段' }
    ])
  })

  it('visibleIf pointing at an unknown field', () => {
    const def = copy(cqJson)
    fieldAt(def, 'jointInvestment').visibleIf.field = 'jointImplementaton'
    expect(problemsOf(def)).toEqual([
      { path: `${pathOf(def, 'jointInvestment')}.visibleIf.field`, message: '应指向本字段之前已定义的字段' }
    ])
  })

  it('visibleIf pointing at itself', () => {
    const def = copy(hzJson)
    fieldAt(def, 'rdPlatformName').visibleIf.field = 'rdPlatformName'
    expect(problemsOf(def)).toEqual([
      { path: 'steps[0].fields[2].visibleIf.field', message: '应指向本字段之前已定义的字段' }
    ])
  })

  it('visibleIf with both equals and includes', () => {
    const def = copy(cqJson)
    fieldAt(def, 'solverRequirements').visibleIf.includes = 'yes'
    expect(problemsOf(def)).toEqual([
      { path: `${pathOf(def, 'solverRequirements')}.visibleIf`, message: '须且只能给出 equals 或 includes 之一' }
    ])
  })

  it('an eligibility rule on a text field', () => {
    const def = copy(hzJson)
    def.eligibility[1].field = 'demandName'
    expect(problemsOf(def)).toEqual([{ path: 'eligibility[1].field', message: '应指向一个数值或金额字段' }])
  })

  it('an eligibility rule on an unknown field and with an unknown operator', () => {
    const def = copy(hzJson)
    def.eligibility[0].field = 'rdRate'
    def.eligibility[2].op = '=>'
    expect(problemsOf(def)).toEqual([
      { path: 'eligibility[0].field', message: '应指向一个数值或金额字段' },
      { path: 'eligibility[2].op', message: '应为以下之一：>=、>、<=、<' }
    ])
  })

  it('an eligibility rule for an unknown unit type', () => {
    const def = copy(hzJson)
    def.eligibility[0].appliesTo = ['enterprise', 'big_enterprise']
    expect(problemsOf(def)).toEqual([
      {
        path: 'eligibility[0].appliesTo[1]',
        message: '应为以下之一：large_enterprise、enterprise、new_rd_institution、university、research_institute、public_institution'
      }
    ])
  })

  it('an unknown field kind', () => {
    const def = copy(cqJson)
    fieldAt(def, 'attachments').kind = 'upload'
    const problems = problemsOf(def)
    expect(problems).toHaveLength(1)
    expect(problems[0].path).toBe('steps[6].fields[0].kind')
    expect(problems[0].message).toMatch(/^应为以下之一：text、textarea、single、multi、domain、amount、number、date、indicators/)
  })

  it('a summary column on an unknown field', () => {
    const def = copy(xjJson)
    def.summaryColumns[6].source = 'field:leader'
    expect(problemsOf(def)).toEqual([
      { path: 'summaryColumns[6].source', message: '应为 rank、unit、field:<已定义字段> 或 profile:<资料项>' }
    ])
  })

  it('a summary column on an unknown profile key', () => {
    const def = copy(cqJson)
    def.summaryColumns[4].source = 'profile:creditcode'
    expect(problemsOf(def)).toEqual([
      { path: 'summaryColumns[4].source', message: '应为 rank、unit、field:<已定义字段> 或 profile:<资料项>' }
    ])
  })

  it('a recommending unit of an unknown type', () => {
    const def = copy(cqJson)
    def.recommenders.units[0].type = 'city'
    expect(problemsOf(def)).toEqual([
      { path: 'recommenders.units[0].type', message: '应为以下之一：district-national、district、city-department' }
    ])
  })

  it('a quota that is not a positive integer', () => {
    const def = copy(xjJson)
    def.recommenders.unitTypes[1].quota = 0
    expect(problemsOf(def)).toEqual([{ path: 'recommenders.unitTypes[1].quota', message: '应为正整数' }])
  })

  it('a per-unit-type demand limit for an unknown unit type', () => {
    const def = copy(hzJson)
    def.demandLimit.byUnitType.big_enterprise = 2
    expect(problemsOf(def)).toEqual([{ path: 'demandLimit.byUnitType.big_enterprise', message: '未知的键' }])
  })

  it('a phone with spaces', () => {
    const def = copy(xjJson)
    def.contacts[4].phone = '0991 3836638'
    expect(problemsOf(def)).toEqual([{ path: 'contacts[4].phone', message: '电话号码只能包含数字和连字符' }])
  })

  it('an attachment type outside the list', () => {
    const def = copy(cqJson)
    fieldAt(def, 'attachments').accept.push('zip')
    expect(problemsOf(def)).toEqual([
      { path: 'steps[6].fields[0].accept[7]', message: '应为以下之一：pdf、doc、docx、xls、xlsx、jpg、png' }
    ])
  })

  it('an indicator table whose minRows exceeds maxRows', () => {
    const def = copy(cqJson)
    fieldAt(def, 'indicators').minRows = 30
    expect(problemsOf(def)).toEqual([{ path: `${pathOf(def, 'indicators')}.minRows`, message: '不能大于 maxRows' }])
  })

  it('a domain field in a campaign without domains', () => {
    const def = copy(xjJson)
    def.domains = []
    expect(problemsOf(def)).toEqual([{ path: pathOf(def, 'industryField'), message: '领域字段需要活动定义 domains' }])
  })

  it('reports every problem at once', () => {
    const def = copy(cqJson)
    def.deadlines.recommender = '2025-07-01'
    fieldAt(def, 'demandName').maxLength = 0
    def.summaryColumns[1].source = 'field:name'
    expect(problemsOf(def).map((p) => p.path)).toEqual([
      'deadlines.recommender',
      'steps[1].fields[0].maxLength',
      'summaryColumns[1].source'
    ])
  })

  it('is not an object', () => {
    expect(problemsOf(null)).toEqual([{ path: '(根)', message: '应为对象' }])
    expect(problemsOf([])).toEqual([{ path: '(根)', message: '应为对象' }])
  })
})
