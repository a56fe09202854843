import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { allFields, type CampaignDefinition, type FieldDefinition } from '../../types/campaign'
import {
  checkEligibility,
  completeness,
  decimalPlaces,
  demandTitle,
  diffAnswers,
  gateStop,
  isRealDate,
  isVisible,
  normaliseAnswer,
  submittable,
  textLength,
  validateDemand,
  validateField,
  validateStep,
  visibleFields,
  visibleSteps,
  type Answers,
  type FieldIssue
} from '../../types/engine'
import * as contract from '../../types'
import { validateDefinition } from '../../types/validate-definition'
import { completeAnswers, FIXTURE_UNIT_TYPE, sampleAttachment } from './fixtures'
import { byId, fieldOf, codes } from './shipped'

const cq = byId('cq-2026-key-areas')
const xj = byId('xj-2023-major-demands')
const hz = byId('hz-2021-major-research')

/** Issues of one field when the complete answers have `value` for it. */
const issues = (def: CampaignDefinition, id: string, value: unknown, base: Answers = completeAnswers(def.id)): FieldIssue[] =>
  validateField(def, fieldOf(def, id), { ...base, [id]: value })
const clone = (def: CampaignDefinition): CampaignDefinition => JSON.parse(JSON.stringify(def))
/** A copy of `def` with extra fields appended to a step; checked by validateDefinition. */
const withFields = (def: CampaignDefinition, stepId: string, fields: unknown[], after?: string): CampaignDefinition => {
  const copy = clone(def)
  const step = copy.steps.find((s) => s.id === stepId)!
  const at = after ? step.fields.findIndex((f) => f.id === after) + 1 : step.fields.length
  step.fields.splice(at, 0, ...(fields as FieldDefinition[]))
  const result = validateDefinition(copy)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return copy
}
const repeatTo = (unit: string, n: number) => unit.repeat(n)

describe('the contract', () => {
  it('exports the engine from types/index', () => {
    expect(contract.validateDemand).toBe(validateDemand)
    expect(contract.textLength).toBe(textLength)
  })

  it('accepts each complete fixture without a single issue, for an enterprise', () => {
    for (const def of CAMPAIGN_DEFINITIONS) {
      expect([def.id, validateDemand(def, completeAnswers(def.id), FIXTURE_UNIT_TYPE)]).toEqual([def.id, []])
      expect(gateStop(def, completeAnswers(def.id))).toBeNull()
    }
  })

  it('hands out fresh copies of the fixtures', () => {
    const a = completeAnswers('cq-2026-key-areas')
    a.indicators[0].name = '改过'
    expect(completeAnswers('cq-2026-key-areas').indicators[0].name).toBe('CPU主频')
    expect(completeAnswers('cq-2026-key-areas-demo').demandName).toBe(a.demandName)
  })
})

describe('textLength counts code points', () => {
  it.each([
    ['', 0],
    ['中文', 2],
    ['𠮷', 1],
    ['😀', 1],
    ['a𠮷b😀c', 5],
    ['第一行\r\n第二行', 7],
    ['第一行\n第二行', 7],
    ['\r', 1],
    ['\r\r\n', 2],
    ['\ud800', 1]
  ])('%j has %i', (s, n) => {
    expect(textLength(s)).toBe(n)
  })
})

describe('text and textarea', () => {
  it('refuses a non-string as INVALID_TYPE', () => {
    expect(issues(cq, 'demandName', 12345)).toEqual([{ field: 'demandName', code: 'INVALID_TYPE', message: '需求名称应为文本' }])
    expect(codes(issues(cq, 'background', ['一段']))).toEqual(['INVALID_TYPE'])
  })

  it.each([[''], ['   '], ['\n\t '], [undefined], [null]])('treats %j as missing', (value) => {
    expect(issues(cq, 'demandName', value)).toEqual([{ field: 'demandName', code: 'REQUIRED', message: '需求名称为必填项' }])
  })

  it('lets an optional text stay empty', () => {
    expect(issues(cq, 'advantageUnits', '')).toEqual([])
    expect(issues(cq, 'advantageUnits', undefined)).toEqual([])
  })

  it('counts maxLength in code points after trimming', () => {
    expect(issues(cq, 'demandName', repeatTo('芯', 50))).toEqual([])
    expect(issues(cq, 'demandName', '  ' + repeatTo('芯', 50) + '\n')).toEqual([])
    expect(issues(cq, 'demandName', repeatTo('𠮷', 50))).toEqual([])
    expect(issues(cq, 'demandName', repeatTo('芯', 51))).toEqual([
      { field: 'demandName', code: 'TOO_LONG', message: '需求名称不能超过50字（当前51字）' }
    ])
  })

  it('enforces minLength of a textarea', () => {
    expect(issues(cq, 'background', repeatTo('背', 49))).toEqual([
      { field: 'background', code: 'TOO_SHORT', message: '背景及战略意义不能少于50字（当前49字）' }
    ])
    expect(issues(cq, 'background', repeatTo('背', 50))).toEqual([])
    // surrounding blanks do not count towards the minimum
    expect(codes(issues(cq, 'background', repeatTo(' ', 10) + repeatTo('背', 49)))).toEqual(['TOO_SHORT'])
  })

  describe('Chinese counting at the 2000-character limit (杭州 主要研究内容)', () => {
    it('passes exactly 2000 characters, mixing CJK, Extension B and emoji', () => {
      const text = repeatTo('研', 1990) + repeatTo('𠮷', 5) + repeatTo('😀', 5)
      expect(text.length).toBe(2010) // UTF-16 units: a naive count would refuse it
      expect(issues(hz, 'researchContent', text)).toEqual([])
    })

    it('counts a CRLF line break once', () => {
      expect(issues(hz, 'researchContent', repeatTo('研', 999) + '\r\n' + repeatTo('研', 1000))).toEqual([])
      expect(codes(issues(hz, 'researchContent', repeatTo('研', 1000) + '\r\n' + repeatTo('研', 1000)))).toEqual(['TOO_LONG'])
    })

    it('refuses 2001, naming the field and the count', () => {
      expect(issues(hz, 'researchContent', repeatTo('研', 2000) + '𠮷')).toEqual([
        { field: 'researchContent', code: 'TOO_LONG', message: '主要研究内容不能超过2000字（当前2001字）' }
      ])
      expect(issues(hz, 'researchContent', repeatTo('研', 2105))[0].message).toBe('主要研究内容不能超过2000字（当前2105字）')
      expect(issues(xj, 'overview', repeatTo('述', 2001))[0].message).toBe('项目概述不能超过2000字（当前2001字）')
    })
  })
})

describe('single choice', () => {
  it('accepts an option value', () => {
    expect(issues(cq, 'openCompetition', 'no')).toEqual([])
  })
  it('refuses a value that is not an option', () => {
    expect(issues(cq, 'openCompetition', 'maybe')).toEqual([
      { field: 'openCompetition', code: 'INVALID_CHOICE', message: '是否愿意通过“揭榜挂帅”方式征集技术解决方案的选项“maybe”不在可选范围内' }
    ])
    // the label is not the value
    expect(codes(issues(cq, 'openCompetition', '是'))).toEqual(['INVALID_CHOICE'])
  })
  it('refuses a list or a boolean as INVALID_TYPE', () => {
    expect(codes(issues(cq, 'openCompetition', ['yes']))).toEqual(['INVALID_TYPE'])
    expect(codes(issues(cq, 'openCompetition', true))).toEqual(['INVALID_TYPE'])
  })
})

describe('multiple choice', () => {
  it('accepts distinct option values; optional may be empty', () => {
    expect(issues(cq, 'organizationModes', ['young_talent'])).toEqual([])
    expect(issues(cq, 'organizationModes', [])).toEqual([])
  })
  it('requires at least one where required', () => {
    expect(issues(hz, 'organizationModes', [])).toEqual([{ field: 'organizationModes', code: 'REQUIRED', message: '组织方式为必填项' }])
  })
  it('refuses a non-list, unknown and repeated values', () => {
    expect(codes(issues(cq, 'organizationModes', 'cross_region'))).toEqual(['INVALID_TYPE'])
    expect(codes(issues(cq, 'organizationModes', ['cross_region', 1]))).toEqual(['INVALID_TYPE'])
    expect(issues(cq, 'organizationModes', ['cross_region', 'nope'])).toEqual([
      { field: 'organizationModes', code: 'INVALID_CHOICE', message: '攻关组织方式的选项“nope”不在可选范围内' }
    ])
    expect(issues(cq, 'organizationModes', ['cross_region', 'cross_region'])).toEqual([
      { field: 'organizationModes', code: 'DUPLICATE_CHOICE', message: '攻关组织方式的选项“cross_region”重复' }
    ])
  })
  it('enforces minItems and maxItems', () => {
    const def = clone(cq)
    const f = def.steps[4].fields[0]
    if (f.kind !== 'multi') throw new Error('expected organizationModes')
    f.minItems = 2
    f.maxItems = 3
    expect(issues(def, 'organizationModes', ['cross_region'])).toEqual([
      { field: 'organizationModes', code: 'TOO_FEW', message: '攻关组织方式至少选择2项（当前1项）' }
    ])
    expect(issues(def, 'organizationModes', ['cross_region', 'young_talent'])).toEqual([])
    expect(issues(def, 'organizationModes', ['cross_region', 'young_talent', 'industry_academia', 'private_enterprise'])).toEqual([
      { field: 'organizationModes', code: 'TOO_MANY', message: '攻关组织方式最多选择3项（当前4项）' }
    ])
  })
})

describe('domain and direction', () => {
  it('accepts a direction of the chosen domain', () => {
    expect(issues(cq, 'domain', { domain: 'ai', direction: 'AI for Science' })).toEqual([])
  })
  it('refuses a domain the campaign does not have', () => {
    expect(issues(cq, 'domain', { domain: 'space', direction: '空天信息' })).toEqual([
      { field: 'domain', code: 'INVALID_CHOICE', message: '所属领域及方向：领域“space”不在本次征集范围内' }
    ])
  })
  it('refuses a direction of another domain', () => {
    expect(issues(cq, 'domain', { domain: 'chips', direction: '智能驾驶' })).toEqual([
      { field: 'domain', code: 'INVALID_CHOICE', message: '所属领域及方向：方向“智能驾驶”不属于“高端器件与芯片”领域' }
    ])
  })
  it('requires the direction when directionRequired, not otherwise', () => {
    expect(issues(cq, 'domain', { domain: 'chips', direction: '' })).toEqual([
      { field: 'domain', code: 'REQUIRED', message: '请选择所属领域及方向的具体方向' }
    ])
    expect(codes(issues(cq, 'domain', { domain: 'chips' }))).toEqual(['REQUIRED'])
    expect(issues(hz, 'domain', { domain: 'life-health', direction: '' })).toEqual([])
    expect(issues(hz, 'domain', { domain: 'life-health' })).toEqual([])
    expect(codes(issues(hz, 'domain', { domain: 'life-health', direction: '其他' }))).toEqual(['INVALID_CHOICE'])
  })
  it('treats an empty choice as missing and other shapes as INVALID_TYPE', () => {
    expect(codes(issues(cq, 'domain', { domain: '', direction: '' }))).toEqual(['REQUIRED'])
    expect(codes(issues(cq, 'domain', 'chips'))).toEqual(['INVALID_TYPE'])
    expect(codes(issues(cq, 'domain', ['chips', '车规级芯片']))).toEqual(['INVALID_TYPE'])
    expect(codes(issues(cq, 'domain', { domain: 'chips', direction: 3 }))).toEqual(['INVALID_TYPE'])
    expect(codes(issues(xj, 'industryField', { domain: 1, direction: '氢能' }))).toEqual(['INVALID_TYPE'])
  })
})

describe('amount and number', () => {
  const cqYes = () => ({ ...completeAnswers('cq-2026-key-areas'), openCompetition: 'yes' })
  it('accepts a number within range and precision', () => {
    expect(issues(cq, 'openCompetitionInvestment', 1200.5, cqYes())).toEqual([])
    expect(issues(cq, 'openCompetitionInvestment', 12.34, cqYes())).toEqual([])
  })
  it.each([['12.5'], [NaN], [Infinity], [-Infinity], [true], [{ value: 1 }]])('refuses %p as INVALID_TYPE', (value) => {
    expect(issues(cq, 'openCompetitionInvestment', value, cqYes())).toEqual([
      { field: 'openCompetitionInvestment', code: 'INVALID_TYPE', message: '“揭榜挂帅”投入金额应为数字' }
    ])
  })
  it('keeps min and max inclusive and names the range', () => {
    expect(issues(cq, 'openCompetitionInvestment', 1, cqYes())).toEqual([])
    expect(issues(cq, 'openCompetitionInvestment', 1_000_000, cqYes())).toEqual([])
    const out = { field: 'openCompetitionInvestment', code: 'OUT_OF_RANGE', message: '“揭榜挂帅”投入金额应在 1 至 1000000 万元之间' }
    expect(issues(cq, 'openCompetitionInvestment', 0.99, cqYes())).toEqual([out])
    expect(issues(cq, 'openCompetitionInvestment', 1_000_000.01, cqYes())).toEqual([out])
  })
  it('names a one-sided range, with % written tight', () => {
    expect(issues(xj, 'totalInvestment', -1)).toEqual([{ field: 'totalInvestment', code: 'OUT_OF_RANGE', message: '项目计划总投入不能小于 0 万元' }])
    expect(issues(xj, 'totalInvestment', 0)).toEqual([])
    expect(issues(hz, 'rdRatio', -0.5)[0].message).toBe('上年度研究开发费占主营业务收入比重不能小于 0%')
  })
  it('words ranges of other definitions the same way', () => {
    const def = withFields(xj, 'investment', [
      { id: 'budget', kind: 'amount', label: '预算', unit: '万元', min: 0, max: 100000, precision: 2 },
      { id: 'staff', kind: 'number', label: '研发人员', unit: '人', max: 100, precision: 0 },
      { id: 'share', kind: 'number', label: '占比', unit: '%', min: 0, max: 100, precision: 1 }
    ])
    expect(issues(def, 'budget', 100000.01)[0].message).toBe('预算应在 0 至 100000 万元之间')
    expect(issues(def, 'staff', 101)[0].message).toBe('研发人员不能大于 100 人')
    expect(issues(def, 'staff', 12.5)).toEqual([{ field: 'staff', code: 'TOO_PRECISE', message: '研发人员应为整数' }])
    expect(issues(def, 'share', 100.5)[0].message).toBe('占比应在 0% 至 100% 之间')
    expect(codes(issues(def, 'share', 120.25))).toEqual(['OUT_OF_RANGE', 'TOO_PRECISE'])
  })
  it('refuses more decimal places than the precision, never rounding', () => {
    expect(issues(cq, 'openCompetitionInvestment', 12.345, cqYes())).toEqual([
      { field: 'openCompetitionInvestment', code: 'TOO_PRECISE', message: '“揭榜挂帅”投入金额最多保留2位小数' }
    ])
    expect(codes(issues(cq, 'openCompetitionInvestment', 1.1 * 3, cqYes()))).toEqual(['TOO_PRECISE']) // 3.3000000000000003
    expect(codes(issues(xj, 'totalInvestment', 1e-7))).toEqual(['TOO_PRECISE'])
    expect(normaliseAnswer(fieldOf(cq, 'openCompetitionInvestment'), 12.345)).toBe(12.345)
    expect(submittable(cq, { ...cqYes(), openCompetitionInvestment: 12.345 }).openCompetitionInvestment).toBe(12.345)
  })
  it('counts decimal places as written', () => {
    expect([1.005, 1e-7, 1.5e-10, 100, 1e21, 2.9, -0.25].map(decimalPlaces)).toEqual([3, 7, 11, 0, 0, 1, 2])
  })
})

describe('date', () => {
  it.each([['2027-12-31'], ['2028-02-29'], ['2000-02-29']])('accepts %s', (d) => {
    expect(issues(cq, 'expectedCompletion', d)).toEqual([])
  })
  it.each([['2027-02-29'], ['1900-02-29'], ['2027-13-01'], ['2027-04-31'], ['2027-1-01'], ['2027/12/31'], ['2027-12-31T00:00'], ['0000-01-01']])(
    'refuses %s as INVALID_DATE',
    (d) => {
      expect(issues(cq, 'expectedCompletion', d)).toEqual([
        { field: 'expectedCompletion', code: 'INVALID_DATE', message: '预期完成时间应为有效日期（格式 YYYY-MM-DD）' }
      ])
    }
  )
  it('refuses a non-string as INVALID_TYPE', () => {
    expect(codes(issues(cq, 'expectedCompletion', 20271231))).toEqual(['INVALID_TYPE'])
    expect(isRealDate('２０２７-12-31')).toBe(false)
  })
})

describe('indicator table', () => {
  const rows = () => completeAnswers('cq-2026-key-areas').indicators
  it('accepts rows with an empty current value', () => {
    const r = rows()
    r[0].current = ''
    expect(issues(cq, 'indicators', r)).toEqual([])
    // a missing cell reads as empty
    expect(issues(cq, 'indicators', r.map(({ current: _c, ...rest }) => rest))).toEqual([])
  })
  it('enforces minRows and maxRows', () => {
    expect(issues(hz, 'indicators', completeAnswers('hz-2021-major-research').indicators.slice(0, 2))).toEqual([
      { field: 'indicators', code: 'TOO_FEW', message: '主要技术指标至少填写3项（当前2项）' }
    ])
    // 重庆's indicators are only recommended (建议): one row will do, none too.
    expect(issues(cq, 'indicators', rows().slice(0, 1))).toEqual([])
    expect(issues(cq, 'indicators', [])).toEqual([])
    const many = Array.from({ length: 21 }, (_, i) => ({ name: `指标${i + 1}`, current: '1', target: '2', unit: '个' }))
    expect(issues(cq, 'indicators', many)).toEqual([
      { field: 'indicators', code: 'TOO_MANY', message: '预期成果核心技术参数指标最多填写20项（当前21项）' }
    ])
    expect(issues(cq, 'indicators', many.slice(0, 20))).toEqual([])
  })
  it('names the row and the column of a missing name, target or unit', () => {
    const r = rows()
    r[1].unit = '  '
    r[2].name = ''
    r[2].target = ''
    expect(issues(cq, 'indicators', r)).toEqual([
      { field: 'indicators', code: 'ROW_INCOMPLETE', row: 1, column: 'unit', message: '预期成果核心技术参数指标：第2行指标缺少单位' },
      { field: 'indicators', code: 'ROW_INCOMPLETE', row: 2, column: 'name', message: '预期成果核心技术参数指标：第3行指标缺少指标名称' },
      { field: 'indicators', code: 'ROW_INCOMPLETE', row: 2, column: 'target', message: '预期成果核心技术参数指标：第3行指标缺少目标值' }
    ])
  })
  it('limits each cell to 100 code points', () => {
    const r = rows()
    r[0].name = repeatTo('𠮷', 100)
    expect(issues(cq, 'indicators', r)).toEqual([])
    r[4].target = repeatTo('9', 101)
    expect(issues(cq, 'indicators', r)).toEqual([
      { field: 'indicators', code: 'TOO_LONG', row: 4, column: 'target', message: '预期成果核心技术参数指标：第5行目标值不能超过100字（当前101字）' }
    ])
  })
  it('refuses other shapes as INVALID_TYPE', () => {
    expect(codes(issues(cq, 'indicators', 'CPU主频 300MHz'))).toEqual(['INVALID_TYPE'])
    const r: unknown[] = rows()
    r[1] = ['主频', '160', '300', 'MHz']
    expect(issues(cq, 'indicators', r)).toEqual([
      { field: 'indicators', code: 'INVALID_TYPE', row: 1, message: '预期成果核心技术参数指标：第2行格式不正确' }
    ])
    expect(issues(cq, 'indicators', [...rows().slice(0, 2), { name: '主频', current: 160, target: '300', unit: 'MHz' }])[0]).toMatchObject({
      code: 'INVALID_TYPE',
      row: 2
    })
  })
  it('is missing when empty', () => {
    expect(codes(issues(hz, 'indicators', []))).toEqual(['REQUIRED'])
  })
})

describe('maturity (TRL 1–9)', () => {
  it('accepts integers 1 to 9', () => {
    for (const level of [1, 5, 9]) expect(issues(cq, 'currentMaturity', level)).toEqual([])
  })
  it.each([[0], [10], [3.5], [-1]])('refuses %p as OUT_OF_RANGE', (level) => {
    expect(issues(cq, 'currentMaturity', level)).toEqual([
      { field: 'currentMaturity', code: 'OUT_OF_RANGE', message: '核心技术当前成熟度应为1至9级的整数' }
    ])
  })
  it('refuses a string as INVALID_TYPE', () => {
    expect(codes(issues(cq, 'expectedMaturity', '7'))).toEqual(['INVALID_TYPE'])
  })
})

describe('recommending unit', () => {
  it('accepts one unit of this campaign', () => {
    expect(issues(cq, 'recommender', 'city-jxw')).toEqual([])
  })
  it('refuses a unit of another campaign or an unknown one', () => {
    expect(issues(cq, 'recommender', 'xj-gxt')).toEqual([
      { field: 'recommender', code: 'INVALID_CHOICE', message: '推荐单位“xj-gxt”不在本次征集的推荐单位名单中' }
    ])
    expect(codes(issues(hz, 'recommender', 'liangjiang'))).toEqual(['INVALID_CHOICE'])
  })
  it('refuses more than one as INVALID_TYPE', () => {
    expect(issues(cq, 'recommender', ['liangjiang', 'city-jxw'])).toEqual([
      { field: 'recommender', code: 'INVALID_TYPE', message: '推荐单位只能选择1个推荐单位' }
    ])
  })
})

describe('attachments', () => {
  const att = (i: number, extra = {}) => sampleAttachment({ id: `file-${i}`, name: `材料${i}.pdf`, ...extra })
  it('accepts references up to maxFiles, optional when empty', () => {
    expect(issues(cq, 'attachments', [att(1)])).toEqual([])
    expect(issues(cq, 'attachments', Array.from({ length: 10 }, (_, i) => att(i)))).toEqual([])
    expect(issues(cq, 'attachments', [])).toEqual([])
  })
  it('refuses more than maxFiles', () => {
    expect(issues(cq, 'attachments', Array.from({ length: 11 }, (_, i) => att(i)))).toEqual([
      { field: 'attachments', code: 'TOO_MANY', message: '附件最多上传10个文件（当前11个）' }
    ])
    expect(issues(xj, 'attachments', Array.from({ length: 6 }, (_, i) => att(i)))[0].message).toBe('盖章材料扫描件最多上传5个文件（当前6个）')
  })
  it('allows exactly maxSizeMB MiB and refuses one byte more', () => {
    expect(issues(cq, 'attachments', [att(1, { size: 20 * 1024 * 1024 })])).toEqual([])
    expect(issues(cq, 'attachments', [att(1), att(2, { size: 20 * 1024 * 1024 + 1 })])).toEqual([
      { field: 'attachments', code: 'FILE_TOO_LARGE', row: 1, message: '附件：“材料2.pdf”超过20MB' }
    ])
  })
  it('refuses a type the field does not accept', () => {
    const def = clone(cq)
    const f = def.steps[6].fields[0]
    if (f.kind !== 'attachments') throw new Error('expected attachments')
    f.accept = ['pdf']
    expect(issues(def, 'attachments', [att(1), att(2, { type: 'png', name: '照片.png' })])).toEqual([
      { field: 'attachments', code: 'FILE_TYPE_REJECTED', row: 1, message: '附件：“照片.png”的文件类型不在允许范围内（.pdf）' }
    ])
    expect(codes(issues(cq, 'attachments', [att(1, { type: 'exe' })]))).toEqual(['FILE_TYPE_REJECTED'])
  })
  it('refuses the same file twice', () => {
    expect(issues(cq, 'attachments', [att(1), att(1)])).toEqual([
      { field: 'attachments', code: 'DUPLICATE_FILE', row: 1, message: '附件：“材料1.pdf”重复上传' }
    ])
  })
  it.each([
    ['a short sha256', { sha256: 'abc123' }],
    ['an upper-case sha256', { sha256: 'A'.repeat(64) }],
    ['a non-hex sha256', { sha256: 'g'.repeat(64) }],
    ['a zero size', { size: 0 }],
    ['a fractional size', { size: 1.5 }],
    ['a size as text', { size: '1024' }],
    ['no id', { id: '' }],
    ['no name', { name: undefined }]
  ])('refuses a reference with %s as INVALID_TYPE', (_what, extra) => {
    expect(issues(cq, 'attachments', [att(1), att(2, extra)])).toEqual([
      { field: 'attachments', code: 'INVALID_TYPE', row: 1, message: '附件：第2个附件信息无效，请删除后重新上传' }
    ])
  })
  it('refuses a non-list as INVALID_TYPE', () => {
    expect(codes(issues(cq, 'attachments', att(1)))).toEqual(['INVALID_TYPE'])
  })
})

describe('gates', () => {
  it('重庆: a classified demand stops the wizard and the submission', () => {
    const a = { ...completeAnswers('cq-2026-key-areas'), classified: true }
    const stop = gateStop(cq, a)
    expect(stop?.field).toBe('classified')
    expect(stop?.message).toContain('涉密领域技术需求不进行在线征集')
    const stopped = validateDemand(cq, a, 'enterprise')
    expect(stopped).toEqual([{ field: 'classified', code: 'GATE_STOPPED', message: stop?.message }])
    expect(codes(validateStep(cq, 'secrecy', a))).toEqual(['GATE_STOPPED'])
    expect(gateStop(cq, { classified: false })).toBeNull()
    expect(gateStop(cq, {})).toBeNull()
  })

  it('重庆: the gate must be answered, with a boolean', () => {
    expect(issues(cq, 'classified', undefined)).toEqual([
      { field: 'classified', code: 'REQUIRED', message: '请回答：本技术需求是否涉及国家秘密（属于涉密领域技术需求）？' }
    ])
    expect(codes(issues(cq, 'classified', 'false'))).toEqual(['INVALID_TYPE'])
    expect(gateStop(cq, { classified: 'true' })).toBeNull()
  })

  it('新疆: a unit that is not a legal entity in Xinjiang stops (stopWhen false)', () => {
    const a = { ...completeAnswers('xj-2023-major-demands'), legalEntityInXinjiang: false }
    const gate = fieldOf(xj, 'legalEntityInXinjiang')
    if (gate.kind !== 'gate') throw new Error('expected a gate')
    expect(gate.stopWhen).toBe(false)
    expect(gateStop(xj, a)).toEqual({ field: 'legalEntityInXinjiang', message: gate.stopMessage })
    expect(gateStop(xj, a)?.message).toContain('独立法人资格')
    expect(codes(validateDemand(xj, a, 'enterprise'))).toEqual(['GATE_STOPPED'])
    expect(gateStop(xj, { legalEntityInXinjiang: true })).toBeNull()
  })

  it('杭州: sensitive matters stop first; no R&D platform stops and hides the platform name', () => {
    const a = completeAnswers('hz-2021-major-research')
    expect(gateStop(hz, { ...a, sensitive: true, hasRdPlatform: false })?.field).toBe('sensitive')
    const noPlatform = { ...a, hasRdPlatform: false, rdPlatformName: repeatTo('名', 300) }
    expect(gateStop(hz, noPlatform)?.message).toContain('省级及以上')
    expect(validateDemand(hz, noPlatform, 'enterprise')).toEqual([
      { field: 'hasRdPlatform', code: 'GATE_STOPPED', message: expect.stringContaining('不能填报') }
    ])
    expect(visibleFields(hz, noPlatform).map((f) => f.id)).not.toContain('rdPlatformName')
  })
})

describe('conditional fields', () => {
  it('揭榜挂帅 “是”: requirements and investment are shown and required', () => {
    const a = completeAnswers('cq-2026-key-areas')
    delete (a as Answers).solverRequirements
    delete (a as Answers).openCompetitionInvestment
    expect(isVisible(fieldOf(cq, 'solverRequirements'), a, cq)).toBe(true)
    expect(validateDemand(cq, a, 'enterprise')).toEqual([
      { field: 'solverRequirements', code: 'REQUIRED', message: '对“揭榜”单位的基本要求为必填项' },
      { field: 'openCompetitionInvestment', code: 'REQUIRED', message: '“揭榜挂帅”投入金额为必填项' }
    ])
  })

  it('揭榜挂帅 “否”: they are hidden, not validated, and dropped from the submission', () => {
    const a = { ...completeAnswers('cq-2026-key-areas'), openCompetition: 'no', solverRequirements: repeatTo('长', 5000), openCompetitionInvestment: 'abc' }
    expect(isVisible(fieldOf(cq, 'solverRequirements'), a, cq)).toBe(false)
    expect(validateField(cq, fieldOf(cq, 'openCompetitionInvestment'), a)).toEqual([])
    expect(validateDemand(cq, a, 'enterprise')).toEqual([])
    const sent = submittable(cq, a)
    expect(sent).not.toHaveProperty('solverRequirements')
    expect(sent).not.toHaveProperty('openCompetitionInvestment')
    expect(sent.openCompetition).toBe('no')
    expect(a.solverRequirements).toHaveLength(5000) // the working copy keeps it for switching back
    expect(visibleFields(cq, a).map((f) => f.id)).toEqual(
      allFields(cq).map((f) => f.id).filter((id) => id !== 'solverRequirements' && id !== 'openCompetitionInvestment')
    )
  })

  it('揭榜挂帅 unanswered hides its fields too', () => {
    expect(visibleFields(cq, {}).map((f) => f.id)).not.toContain('openCompetitionInvestment')
    expect(visibleFields(cq, { openCompetition: 'yes' }).map((f) => f.id)).toContain('openCompetitionInvestment')
  })

  describe('chains and includes', () => {
    const def = withFields(
      cq,
      'organization',
      [
        { id: 'scope', kind: 'single', label: '揭榜范围', required: true, visibleIf: { field: 'openCompetition', equals: 'yes' }, options: [{ value: 'domestic', label: '国内' }, { value: 'global', label: '全球' }] },
        { id: 'globalNote', kind: 'textarea', label: '境外揭榜说明', required: true, visibleIf: { field: 'scope', equals: 'global' }, maxLength: 200 },
        { id: 'crossRegionPartner', kind: 'text', label: '跨区域协同单位', required: true, visibleIf: { field: 'organizationModes', includes: 'cross_region' }, maxLength: 100 }
      ],
      'openCompetitionInvestment'
    )
    const base = () => ({ ...completeAnswers('cq-2026-key-areas'), scope: 'global', globalNote: '面向“一带一路”国家征集', crossRegionPartner: '电子科技大学' })

    it('shows a field whose condition field is shown and holds', () => {
      const a = base()
      expect(validateDemand(def, a, 'enterprise')).toEqual([])
      expect(isVisible(fieldOf(def, 'globalNote'), a, def)).toBe(true)
      expect(codes(validateDemand(def, { ...a, globalNote: '' }, 'enterprise'))).toEqual(['REQUIRED'])
    })

    it('hides a field whose condition field is hidden, even though that field still has an answer', () => {
      const a = { ...base(), openCompetition: 'no', globalNote: '' }
      expect(a.scope).toBe('global')
      expect(isVisible(fieldOf(def, 'scope'), a, def)).toBe(false)
      expect(isVisible(fieldOf(def, 'globalNote'), a, def)).toBe(false)
      expect(validateField(def, fieldOf(def, 'globalNote'), a)).toEqual([])
      expect(validateDemand(def, a, 'enterprise')).toEqual([])
      expect(submittable(def, a)).not.toHaveProperty('scope')
      expect(submittable(def, a)).not.toHaveProperty('globalNote')
    })

    it('follows includes on a multiple choice', () => {
      const a = { ...base(), organizationModes: ['young_talent'], crossRegionPartner: 42 }
      expect(isVisible(fieldOf(def, 'crossRegionPartner'), a, def)).toBe(false)
      expect(validateDemand(def, a, 'enterprise')).toEqual([])
      expect(codes(validateDemand(def, { ...a, organizationModes: ['young_talent', 'cross_region'] }, 'enterprise'))).toEqual(['INVALID_TYPE'])
      expect(isVisible(fieldOf(def, 'crossRegionPartner'), { organizationModes: 'cross_region' }, def)).toBe(false)
    })

    it('leaves out a step none of whose fields is shown', () => {
      const stepDef = clone(def)
      stepDef.steps.splice(5, 0, { id: 'global', title: '境外揭榜', fields: [stepDef.steps[4].fields.splice(6, 1)[0]] })
      expect(validateDefinition(stepDef).ok).toBe(true)
      const shown = (a: Answers) => visibleSteps(stepDef, a).map((s) => s.id)
      expect(shown(base())).toEqual(['secrecy', 'basic', 'content', 'outcome', 'organization', 'global', 'recommend', 'files'])
      expect(shown({ ...base(), scope: 'domestic' })).toEqual(['secrecy', 'basic', 'content', 'outcome', 'organization', 'recommend', 'files'])
      expect(completeness(stepDef, { ...base(), scope: 'domestic' }).total).toBe(7)
      expect(completeness(stepDef, base()).total).toBe(8)
    })
  })
})

describe('eligibility (杭州)', () => {
  const a = (over: Answers = {}) => ({ ...completeAnswers('hz-2021-major-research'), ...over })

  it('fails an enterprise at 2.9% naming the rule, passes it at 3%', () => {
    expect(checkEligibility(hz, a({ rdRatio: 2.9 }), 'enterprise')).toEqual([
      { ruleId: 'rd-ratio', field: 'rdRatio', message: '优势单位为企业的，上年度研究开发费占主营业务收入比重应在3.0%以上，当前填写2.9%。' }
    ])
    expect(checkEligibility(hz, a({ rdRatio: 3 }), 'enterprise')).toEqual([])
    expect(checkEligibility(hz, a({ rdRatio: 2.9 }), 'large_enterprise').map((i) => i.ruleId)).toEqual(['rd-ratio'])
  })

  it('checks R&D total and project investment against their thresholds', () => {
    expect(checkEligibility(hz, a({ rdTotal: 999.99, projectRdInvestment: 1499 }), 'enterprise')).toEqual([
      { ruleId: 'rd-total', field: 'rdTotal', message: '优势单位为企业的，上年度研发投入总额应在1000万元以上，当前填写999.99万元。' },
      { ruleId: 'project-rd', field: 'projectRdInvestment', message: '优势单位为企业的，推荐的需求项目预计研发投入应在1500万元以上（人员经费部分暂不计入），当前填写1499万元。' }
    ])
    expect(checkEligibility(hz, a({ rdTotal: 1000, projectRdInvestment: 1500 }), 'enterprise')).toEqual([])
  })

  it('respects appliesTo: the enterprise rules do not bind a new R&D institution', () => {
    expect(checkEligibility(hz, a({ rdRatio: 0.5, rdTotal: 10, projectRdInvestment: 10 }), 'new_rd_institution')).toEqual([])
  })

  it('refuses a unit type the campaign does not accept, with one issue', () => {
    expect(checkEligibility(hz, a({ rdRatio: 0.5 }), 'university')).toEqual([
      { ruleId: 'unit-type', field: 'unitType', message: '本次征集不接受“高等学校”类单位填报' }
    ])
    expect(checkEligibility(hz, a(), '')).toEqual([{ ruleId: 'unit-type', field: 'unitType', message: '请先在单位信息中选择单位类型' }])
    expect(checkEligibility(hz, a(), 'public_institution')[0].message).toBe('本次征集不接受“其他事业单位”类单位填报')
    // 新疆 admits “高校、科研院所、企业以及其他事业单位等”: new R&D institutions too.
    expect(checkEligibility(xj, completeAnswers('xj-2023-major-demands'), 'new_rd_institution')).toEqual([])
    expect(checkEligibility(cq, {}, 'university')).toEqual([])
  })

  it('does not fail unanswered or ill-typed answers yet (they are missing or invalid)', () => {
    expect(checkEligibility(hz, a({ rdRatio: undefined }), 'enterprise')).toEqual([])
    expect(checkEligibility(hz, {}, 'enterprise')).toEqual([])
    expect(checkEligibility(hz, a({ rdRatio: '2.9' }), 'enterprise')).toEqual([])
    expect(codes(validateDemand(hz, a({ rdRatio: '2.9' }), 'enterprise'))).toEqual(['INVALID_TYPE'])
  })

  it('reports failures in validateDemand as INELIGIBLE after the field, unit type first', () => {
    expect(validateDemand(hz, a({ rdRatio: 2.9 }), 'enterprise')).toEqual([
      { field: 'rdRatio', code: 'INELIGIBLE', rule: 'rd-ratio', message: '优势单位为企业的，上年度研究开发费占主营业务收入比重应在3.0%以上，当前填写2.9%。' }
    ])
    expect(validateDemand(hz, a({ demandName: '', rdRatio: 2.999 }), 'enterprise')).toEqual([
      { field: 'rdRatio', code: 'TOO_PRECISE', message: '上年度研究开发费占主营业务收入比重最多保留2位小数' },
      { field: 'rdRatio', code: 'INELIGIBLE', rule: 'rd-ratio', message: '优势单位为企业的，上年度研究开发费占主营业务收入比重应在3.0%以上，当前填写2.999%。' },
      { field: 'demandName', code: 'REQUIRED', message: '需求名称为必填项' }
    ])
    // A university is refused first; the R&D figures are asked of enterprises only, so not checked.
    expect(validateDemand(hz, a({ demandName: '', rdRatio: 2.999 }), 'university')).toEqual([
      { field: 'unitType', code: 'INELIGIBLE', rule: 'unit-type', message: '本次征集不接受“高等学校”类单位填报' },
      { field: 'demandName', code: 'REQUIRED', message: '需求名称为必填项' }
    ])
  })

  it('adds the rules to the qualification step when the unit type is given', () => {
    expect(validateStep(hz, 'qualification', a({ rdRatio: 2.9 }))).toEqual([])
    expect(codes(validateStep(hz, 'qualification', a({ rdRatio: 2.9 }), 'enterprise'))).toEqual(['INELIGIBLE'])
    expect(validateStep(hz, 'overview', a({ rdRatio: 2.9 }), 'enterprise')).toEqual([])
  })
})

describe('validateDemand and validateStep', () => {
  it('lists every problem in form order', () => {
    const a: Answers = { ...completeAnswers('cq-2026-key-areas'), recommender: 'nowhere', demandName: ' ', currentMaturity: 12 }
    expect(validateDemand(cq, a, 'enterprise').map((i) => [i.field, i.code])).toEqual([
      ['demandName', 'REQUIRED'],
      ['currentMaturity', 'OUT_OF_RANGE'],
      ['recommender', 'INVALID_CHOICE']
    ])
  })

  it('reports every required field of an empty demand as missing', () => {
    const required = allFields(cq).filter((f) => f.required && !f.visibleIf).map((f) => f.id)
    expect(validateDemand(cq, {}, 'enterprise').map((i) => i.field)).toEqual(required)
    // 成熟度, 预期完成时间 and 技术参数指标 are only recommended (建议) by the notice; 联合实施 is the
    // recommending unit's to answer.
    expect(required).toHaveLength(12)
    expect(required).not.toEqual(expect.arrayContaining(['currentMaturity']))
  })

  it('ignores keys the definition does not know (the server refuses them on save)', () => {
    expect(validateDemand(cq, { ...completeAnswers('cq-2026-key-areas'), extra: 1 }, 'enterprise')).toEqual([])
  })

  it('validates only the fields of the step', () => {
    const a = { ...completeAnswers('cq-2026-key-areas'), demandName: '', background: '太短' }
    expect(validateStep(cq, 'basic', a)).toEqual([{ field: 'demandName', code: 'REQUIRED', message: '需求名称为必填项' }])
    expect(codes(validateStep(cq, 'content', a))).toEqual(['TOO_SHORT'])
    expect(validateStep(cq, 'outcome', a)).toEqual([])
    expect(() => validateStep(cq, 'nowhere', a)).toThrow('未知的步骤：nowhere')
  })
})

describe('completeness', () => {
  it('counts nothing done for an empty demand', () => {
    for (const def of CAMPAIGN_DEFINITIONS) {
      const c = completeness(def, {})
      expect([def.id, c.done, c.complete]).toEqual([def.id, 0, false])
      expect(c.total).toBe(def.steps.length)
    }
    const first = completeness(cq, {}).steps[1]
    expect(first).toEqual({ id: 'basic', title: '基本信息', done: false, missing: ['需求名称', '所属领域及方向'], errors: 0 })
  })

  it.each([
    ['cq-2026-key-areas', [0, 2, 3, 4, 5, 6, 7, 7]],
    ['xj-2023-major-demands', [0, 2, 3, 4, 5, 6, 7, 7]],
    ['hz-2021-major-research', [0, 1, 2, 3, 4]]
  ])('walks %s from empty to complete, step by step', (id, expected) => {
    const def = byId(id)
    const full = completeAnswers(id) as Answers
    const answers: Answers = {}
    const seen = [completeness(def, answers).done]
    for (const step of def.steps) {
      for (const f of step.fields) if (f.id in full) answers[f.id] = full[f.id]
      seen.push(completeness(def, answers).done)
    }
    expect(seen).toEqual(expected)
    const end = completeness(def, answers)
    expect(end).toMatchObject({ done: def.steps.length, total: def.steps.length, complete: true })
    expect(end.steps.every((s) => s.done && s.missing.length === 0 && s.errors === 0)).toBe(true)
  })

  it('counts errors apart from missing answers', () => {
    const a = { ...completeAnswers('cq-2026-key-areas'), background: '太短', currentStatus: '' }
    const content = completeness(cq, a).steps.find((s) => s.id === 'content')
    expect(content).toEqual({ id: 'content', title: '需求内容', done: false, missing: ['技术/产品现状'], errors: 1 })
    expect(completeness(cq, a).done).toBe(6)
  })

  it('counts nothing after a stopping gate as done', () => {
    const c = completeness(cq, { ...completeAnswers('cq-2026-key-areas'), classified: true })
    expect(c.done).toBe(0)
    expect(c.steps[0]).toMatchObject({ id: 'secrecy', errors: 1, done: false })
    expect(c.steps[1]).toMatchObject({ id: 'basic', errors: 0, missing: [], done: false })
  })

  it('with a unit type, counts a failed eligibility rule as an error that stops the wizard', () => {
    const a = { ...completeAnswers('hz-2021-major-research'), rdRatio: 2.9 }
    expect(completeness(hz, a).complete).toBe(true)
    const c = completeness(hz, a, 'enterprise')
    expect(c.steps[0]).toMatchObject({ id: 'qualification', errors: 1, done: false })
    expect(c.done).toBe(0)
    expect(completeness(hz, a, 'new_rd_institution').complete).toBe(true)
  })
})

describe('submittable and normaliseAnswer', () => {
  it('submits a complete fixture unchanged', () => {
    for (const def of CAMPAIGN_DEFINITIONS) expect(submittable(def, completeAnswers(def.id))).toEqual(completeAnswers(def.id))
  })

  it('trims text and indicator cells, and reduces structured answers to their keys', () => {
    const a: Answers = {
      ...completeAnswers('cq-2026-key-areas'),
      demandName: '  车规级MCU\n',
      indicators: [
        { name: ' 主频 ', current: '', target: '300 ', unit: 'MHz', note: 'x' },
        { name: '等级', target: 'ASIL-D', unit: '级' },
        { name: '结温', current: '125', target: '150', unit: '℃' }
      ],
      domain: { direction: '车规级芯片', domain: 'chips', extra: true },
      attachments: [{ ...sampleAttachment(), url: 'http://evil' }],
      advantageUnits: '   ',
      unknownKey: 'dropped'
    }
    const sent = submittable(cq, a)
    expect(sent.demandName).toBe('车规级MCU')
    expect(sent.indicators).toEqual([
      { name: '主频', current: '', target: '300', unit: 'MHz' },
      { name: '等级', current: '', target: 'ASIL-D', unit: '级' },
      { name: '结温', current: '125', target: '150', unit: '℃' }
    ])
    expect(sent.domain).toEqual({ domain: 'chips', direction: '车规级芯片' })
    expect(sent.attachments).toEqual([sampleAttachment()])
    expect(sent).not.toHaveProperty('advantageUnits')
    expect(sent).not.toHaveProperty('unknownKey')
    expect(a.demandName).toBe('  车规级MCU\n') // the input is not touched
  })

  it('never changes a number or a value of the wrong shape', () => {
    expect(normaliseAnswer(fieldOf(xj, 'totalInvestment'), 8600.129)).toBe(8600.129)
    expect(normaliseAnswer(fieldOf(xj, 'totalInvestment'), ' 12 ')).toBe(' 12 ')
    expect(normaliseAnswer(fieldOf(cq, 'demandName'), 7)).toBe(7)
    const weird = [{ name: 1 }]
    expect(normaliseAnswer(fieldOf(cq, 'indicators'), weird)).toBe(weird)
    expect(normaliseAnswer(fieldOf(cq, 'demandName'), ' 需求 ')).toBe('需求')
  })
})

describe('diffAnswers', () => {
  const v1 = () => completeAnswers('cq-2026-key-areas') as Answers

  it('finds no change between equal versions, whatever the whitespace or key order', () => {
    const b = { ...v1(), demandName: ` ${v1().demandName} `, domain: { direction: '车规级芯片', domain: 'chips' } }
    expect(diffAnswers(cq, v1(), b)).toEqual([])
  })

  it('lists changed fields in form order with labels and values', () => {
    const b = v1()
    b.researchContent = `${b.researchContent}（修订）`
    b.currentMaturity = 5
    ;(b.indicators as Array<{ target: string }>)[0].target = '320'
    expect(diffAnswers(cq, v1(), b)).toEqual([
      { field: 'researchContent', label: '主要研究内容', before: v1().researchContent, after: `${v1().researchContent}（修订）` },
      { field: 'currentMaturity', label: '核心技术当前成熟度', before: 4, after: 5 },
      { field: 'indicators', label: '预期成果核心技术参数指标', before: v1().indicators, after: b.indicators }
    ])
  })

  it('shows fields that appear or disappear with a condition as null on one side', () => {
    const b = { ...v1(), openCompetition: 'no', advantageUnits: '' }
    expect(diffAnswers(cq, v1(), b)).toEqual([
      { field: 'advantageUnits', label: '优势技术单位', before: v1().advantageUnits, after: null },
      { field: 'openCompetition', label: '是否愿意通过“揭榜挂帅”方式征集技术解决方案', before: 'yes', after: 'no' },
      { field: 'solverRequirements', label: '对“揭榜”单位的基本要求', before: v1().solverRequirements, after: null },
      { field: 'openCompetitionInvestment', label: '“揭榜挂帅”投入金额', before: 1200, after: null }
    ])
  })
})

describe('demandTitle', () => {
  it('is the demand or project name of each campaign, trimmed', () => {
    expect(demandTitle(cq, { ...completeAnswers('cq-2026-key-areas'), demandName: '  车规级MCU芯片 ' })).toBe('车规级MCU芯片')
    expect(demandTitle(xj, completeAnswers('xj-2023-major-demands'))).toBe('高寒高风沙环境光伏电站智能清洗与运维机器人研发及示范')
  })

  it('is not the R&D platform name Hangzhou asks for first', () => {
    const a = completeAnswers('hz-2021-major-research')
    expect(allFields(hz).find((f) => f.kind === 'text')?.id).toBe('rdPlatformName')
    expect(demandTitle(hz, a)).toBe('新能源汽车碳化硅功率模块高可靠封装材料研发及产业化')
    expect(demandTitle(hz, { rdPlatformName: '浙江省某企业研究院' })).toBe('')
  })

  it("is '' when the name is missing, blank or not text", () => {
    expect(demandTitle(cq, {})).toBe('')
    expect(demandTitle(cq, { demandName: '   ' })).toBe('')
    expect(demandTitle(cq, { demandName: 42 })).toBe('')
  })
})

describe('speed', () => {
  it('validates the complete Chongqing demand well under 1 ms (median of 500)', () => {
    const a = completeAnswers('cq-2026-key-areas')
    for (let i = 0; i < 200; i++) validateDemand(cq, a, 'enterprise')
    const times: number[] = []
    for (let i = 0; i < 500; i++) {
      const t = process.hrtime.bigint()
      validateDemand(cq, a, 'enterprise')
      times.push(Number(process.hrtime.bigint() - t) / 1e6)
    }
    times.sort((x, y) => x - y)
    expect(times[250]).toBeLessThan(1)
  })
})
