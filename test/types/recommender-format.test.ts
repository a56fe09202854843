/**
 * The recommending unit's part of the format: `recommenders.fields`, `keyMark`, `signOffs`,
 * unit types' `subQuotas`, `deliverables`, `templates`, and the summary column sources
 * `recommender:`, `keyRecommended`, `deliverable:` — each problem at its path, in Chinese; and
 * the unit's answers checked by the same engine functions as the enterprise's.
 */
import cqJson from '../../campaigns/cq-2026-key-areas.json'
import hzJson from '../../campaigns/hz-2021-major-research.json'
import xjJson from '../../campaigns/xj-2023-major-demands.json'
import {
  conditionHolds,
  recommenderFields,
  signOffFieldId,
  storedRecommenderAnswers,
  subQuotasOf,
  validateRecommenderAnswers
} from '../../types/recommender-fields'
import { sampleAttachment } from './fixtures'
import { copy, inAnyOrder, problemsOf, valid, type Json } from '../support/problems'

describe('recommenders.fields', () => {
  it('are checked as a step’s fields are, at their own paths', () => {
    const def = copy(cqJson)
    def.recommenders.fields[1].precision = -1
    def.recommenders.fields[1].maxLenght = 3
    def.recommenders.fields.push({ id: 'opinion', kind: 'textarea', label: '推荐意见' })
    expect(problemsOf(def)).toEqual([
      'recommenders.fields[1].maxLenght: 未知的键',
      'recommenders.fields[1].precision: 应为不小于0的整数',
      'recommenders.fields[2].maxLength: 应为正整数'
    ])
  })

  it('may not reuse an enterprise field’s id, nor be a recommender choice, a gate, a field/direction or a table', () => {
    const def = copy(cqJson)
    def.recommenders.fields.push(
      { id: 'demandName', kind: 'text', label: '名称', maxLength: 10 },
      { id: 'unitChoice', kind: 'recommender', label: '推荐单位' },
      { id: 'stop', kind: 'gate', label: '是否', stopWhen: true, stopMessage: '停' },
      { id: 'area', kind: 'domain', label: '领域', directionRequired: false },
      { id: 'targets', kind: 'indicators', label: '指标', minRows: 1, maxRows: 3 }
    )
    const kinds = '推荐单位的填写项不能是以下类型：recommender、gate、domain、indicators'
    expect(problemsOf(def)).toEqual([
      'recommenders.fields[2].id: 字段“demandName”与企业填报的字段重复',
      `recommenders.fields[3].kind: ${kinds}`,
      `recommenders.fields[4].kind: ${kinds}`,
      `recommenders.fields[5].kind: ${kinds}`,
      `recommenders.fields[6].kind: ${kinds}`
    ])
  })

  it('have visibleIf on an earlier one of them only, and unique ids among them', () => {
    const def = copy(cqJson)
    def.recommenders.fields[1].visibleIf = { field: 'openCompetition', equals: 'yes' } // an enterprise field
    def.recommenders.fields.push({ id: 'jointImplementation', kind: 'text', label: '重复', maxLength: 5 })
    expect(problemsOf(def)).toEqual([
      'recommenders.fields[1].visibleIf.field: 应指向本字段之前已定义的字段',
      'recommenders.fields[2].id: 字段“jointImplementation”重复'
    ])
  })

  it('are checked by the engine when the unit recommends: required, type, range, visibility, unknown keys', () => {
    const cq = valid(copy(cqJson))
    expect(validateRecommenderAnswers(cq, { jointImplementation: 'maybe', jointInvestment: 0.001, note: 'x' })).toEqual([
      { field: 'note', code: 'UNKNOWN_FIELD', message: '“note”不是本次征集推荐单位的填写项' },
      { field: 'jointImplementation', code: 'INVALID_CHOICE', message: '是否联合实施的选项“maybe”不在可选范围内' }
    ])
    expect(validateRecommenderAnswers(cq, { jointImplementation: 'yes', jointInvestment: 0.001 }).map((i) => i.code)).toEqual([
      'OUT_OF_RANGE',
      'TOO_PRECISE'
    ])
    // hidden answers are neither checked nor stored; text is trimmed
    expect(storedRecommenderAnswers(cq, { jointImplementation: 'no', jointInvestment: 'nonsense' })).toEqual({ jointImplementation: 'no' })
    const hz = valid(copy(hzJson))
    expect(storedRecommenderAnswers(hz, { recommendOpinion: '  同意推荐。 ' })).toEqual({ recommendOpinion: '同意推荐。' })
    const scan = sampleAttachment({ type: 'docx' })
    expect(validateRecommenderAnswers(hz, { recommendOpinion: '同意', stampedSheet: [scan] }).map((i) => [i.field, i.code])).toEqual([
      ['stampedSheet', 'FILE_TYPE_REJECTED']
    ])
  })
})

describe('recommenders.keyMark and signOffs', () => {
  it('check the mark’s label and max, and the sign-offs’ ids', () => {
    const def = copy(cqJson)
    def.recommenders.keyMark = { label: '', max: 0, color: 'red' }
    def.recommenders.signOffs = [{ id: 'a b', label: '分管领导' }, { id: 'dept', label: '' }, { id: 'dept', label: '科室' }]
    expect(problemsOf(def)).toEqual([
      'recommenders.keyMark.color: 未知的键',
      'recommenders.keyMark.label: 应为非空文本',
      'recommenders.keyMark.max: 应为正整数',
      'recommenders.signOffs[0].id: 标识只能包含字母、数字、下划线和连字符',
      'recommenders.signOffs[1].label: 应为非空文本',
      'recommenders.signOffs[2].id: 会签部门“dept”重复'
    ])
  })

  it('make each sign-off a required opinion of the recommendation, keyed signoff:<id>', () => {
    const def = copy(hzJson)
    def.recommenders.signOffs = [
      { id: 'leader', label: '分管领导' },
      { id: 'office', label: '业务处室' }
    ]
    const hz = valid(def)
    expect(recommenderFields(hz).slice(-2)).toEqual([
      { id: 'signoff:leader', kind: 'textarea', label: '分管领导意见', required: true, maxLength: 1000 },
      { id: 'signoff:office', kind: 'textarea', label: '业务处室意见', required: true, maxLength: 1000 }
    ])
    expect(validateRecommenderAnswers(hz, { recommendOpinion: '同意', [signOffFieldId('leader')]: '  ' })).toEqual([
      { field: 'signoff:leader', code: 'REQUIRED', message: '分管领导意见为必填项' },
      { field: 'signoff:office', code: 'REQUIRED', message: '业务处室意见为必填项' }
    ])
    expect(validateRecommenderAnswers(hz, { recommendOpinion: '同意', 'signoff:leader': '同意', 'signoff:office': '同意' })).toEqual([])
  })
})

describe('sub-quotas', () => {
  it('may not exceed their type’s quota, and need a condition on an enterprise choice with one of its values', () => {
    const def = copy(hzJson)
    const type = def.recommenders.unitTypes.find((t: Json) => t.id === 'leading-enterprise')
    type.subQuotas.push(
      { id: 'too-many', label: '过多', max: 3, when: { field: 'category', equals: 'enterprise' } },
      { id: 'text', label: '文本', max: 1, when: { field: 'demandName', equals: '某某' } },
      { id: 'ghost', label: '未知', max: 1, when: { field: 'jointImplementation', equals: 'yes' } },
      { id: 'value', label: '选项', max: 1, when: [{ field: 'organizationModes', includes: 'open-competition' }, { field: 'category', includes: 'enterprise' }] },
      { id: 'too-many', label: '重复', max: 0, when: { field: 'category', equals: 'enterprise', includes: 'x' } }
    )
    const i = def.recommenders.unitTypes.indexOf(type)
    const p = `recommenders.unitTypes[${i}].subQuotas`
    expect(inAnyOrder(problemsOf(def))).toEqual(inAnyOrder([
      `${p}[1].max: 不能超过该类型的推荐名额（2项）`,
      `${p}[2].when.field: 条件只能指向单选、多选或是/否（gate）字段`,
      `${p}[3].when.field: 应指向企业填报的字段`,
      `${p}[4].when[0].includes: 应为字段“organizationModes”的选项值之一：open_competition、innovation_consortium、enterprise_proposes、industry_chain、independent`,
      `${p}[4].when[1].includes: includes 只适用于多选字段`,
      `${p}[5].max: 应为正整数`,
      `${p}[5].when: 须且只能给出 equals 或 includes 之一`,
      `${p}[5].id: 分项名额“too-many”重复`
    ]))
  })

  it('are allowed on a type without quota, and hold on the submitted answers (a list: any of them)', () => {
    const def = copy(hzJson)
    def.recommenders.unitTypes[0].subQuotas = [{ id: 'consortium', label: '创新联合体', max: 5, when: { field: 'organizationModes', includes: 'innovation_consortium' } }]
    const hz = valid(def)
    expect(subQuotasOf(hz, 'binjiang').map((q) => q.id)).toEqual(['consortium'])
    expect(subQuotasOf(hz, 'no-such-unit')).toEqual([])
    expect(conditionHolds({ field: 'category', equals: 'transfer' }, { category: 'transfer' })).toBe(true)
    expect(conditionHolds({ field: 'category', equals: 'transfer' }, {})).toBe(false)
    expect(conditionHolds([{ field: 'a', equals: 'x' }, { field: 'b', includes: 'y' }], { b: ['z', 'y'] })).toBe(true)
  })
})

describe('deliverables, templates and summary column sources', () => {
  it('check deliverables’ ids and templates’ addresses (https:// or a path on this site)', () => {
    const def = copy(xjJson)
    def.deliverables.push({ id: 'paper', label: '重复' }, { id: 'x', label: '' })
    def.templates = [
      { name: '附件1 需求征集清单', url: 'https://kjt.xinjiang.gov.cn/files/fj1.docx' },
      { name: '附件2', url: '/templates/xj/fj2.docx' },
      { name: '附件3', url: 'http://kjt.xinjiang.gov.cn/fj3.docx' },
      { name: '附件4', url: '//evil.example/fj4.docx' },
      { name: '', url: 'javascript:alert(1)' }
    ]
    expect(inAnyOrder(problemsOf(def))).toEqual(inAnyOrder([
      'deliverables[3].label: 应为非空文本',
      'deliverables[2].id: 报送材料“paper”重复',
      'templates[2].url: 应为 https:// 开头的网址或以 / 开头的本站路径',
      'templates[3].url: 应为 https:// 开头的网址或以 / 开头的本站路径',
      'templates[4].name: 应为非空文本',
      'templates[4].url: 应为 https:// 开头的网址或以 / 开头的本站路径'
    ]))
  })

  it('accept recommender:, keyRecommended and deliverable: only for what the definition has', () => {
    const def = copy(xjJson)
    const n = def.summaryColumns.length
    def.summaryColumns.push(
      { header: '意见', source: 'recommender:opinion' },
      { header: '重点推荐', source: 'keyRecommended' },
      { header: '原件', source: 'deliverable:originals' },
      { header: '会签', source: 'recommender:signoff:leader' },
      { header: '企业字段', source: 'recommender:projectName' }
    )
    const p = (i: number) => `summaryColumns[${n + i}].source`
    const recommenderMessage = '应为 recommender:<推荐单位填写项>（recommenders.fields 中的字段，或 signoff:<会签部门>）'
    expect(problemsOf(def)).toEqual([
      `${p(0)}: ${recommenderMessage}`,
      `${p(1)}: 活动未设置重点推荐（recommenders.keyMark），不能导出此列`,
      `${p(2)}: 应为 deliverable:<deliverables 中的报送材料>`,
      `${p(3)}: ${recommenderMessage}`,
      `${p(4)}: ${recommenderMessage}`
    ])
    def.recommenders.keyMark = { label: '重点推荐', max: 2 }
    def.recommenders.signOffs = [{ id: 'leader', label: '分管领导' }]
    def.recommenders.fields.push({ id: 'opinion', kind: 'textarea', label: '推荐意见', maxLength: 500 })
    def.deliverables.push({ id: 'originals', label: '盖章原件' })
    def.summaryColumns.pop()
    expect(valid(def).summaryColumns).toHaveLength(n + 4)
  })
})
