import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { CAMPAIGN_DEFINITIONS, DEMO_LEAD_DAYS, campaignFiles, demoCopy, describeProblems, readDefinitionFile } from '../../campaigns'
import { allFields, type RecommenderField } from '../../types/campaign'
import { recommenderChoices } from '../../types/engine'
import { campaignStatus, deadlineInstant } from '../../types/deadline'
import { addDays, dayOf, startOfDay } from '../../types/time'
import { validateDefinition } from '../../types/validate-definition'
import { conditionHolds, validateRecommenderAnswers } from '../../types/recommender-fields'
import { completeAnswers, recommenderAnswers } from './fixtures'
import { byId, fieldOf } from './shipped'

const daysBetween = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000

const CQ_ID = 'cq-2026-key-areas'
const XJ_ID = 'xj-2023-major-demands'
const HZ_ID = 'hz-2021-major-research'
const cq = byId('cq-2026-key-areas')
const xj = byId('xj-2023-major-demands')
const hz = byId('hz-2021-major-research')

describe('shipped campaign definitions', () => {
  it('include the three notices, each valid (every file in campaigns/ is read)', () => {
    expect(CAMPAIGN_DEFINITIONS.map((d) => [d.id, d.notice])).toEqual(
      expect.arrayContaining([
        ['cq-2026-key-areas', '000_d2e4414173197840.txt'],
        ['xj-2023-major-demands', '003_7c4f9a83466cc5a4.txt'],
        ['hz-2021-major-research', '004_e3d7c1d701d46cde.txt']
      ])
    )
    for (const def of CAMPAIGN_DEFINITIONS) expect(validateDefinition(def)).toEqual({ ok: true, definition: def })
  })

  it('each have exactly one recommender field, and recommending units of known types', () => {
    for (const def of CAMPAIGN_DEFINITIONS) {
      expect(allFields(def).filter((f) => f.kind === 'recommender')).toHaveLength(1)
      const typeIds = def.recommenders.unitTypes.map((t) => t.id)
      for (const t of typeIds) expect(def.recommenders.units.some((u) => u.type === t)).toBe(true)
    }
  })

  it('rank their summary first', () => {
    for (const def of CAMPAIGN_DEFINITIONS) expect(def.summaryColumns[0]).toEqual({ header: '序号', source: 'rank' })
  })

  it('a broken file gives every path: message, a JSON syntax error included', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'campaign-file-'))
    const broken = JSON.parse(JSON.stringify(cq))
    broken.deadlines.enterprise = '2025-07-32'
    broken.contacts[0].phone = '023 63073626'
    fs.writeFileSync(path.join(dir, 'broken.json'), JSON.stringify(broken))
    fs.writeFileSync(path.join(dir, 'cut.json'), JSON.stringify(broken).slice(0, 100))
    const [brokenFile, cutFile] = campaignFiles(dir)
    const read = readDefinitionFile(brokenFile)
    expect(read.ok === false && describeProblems('活动定义 broken.json 无效', read.problems)).toBe(
      '活动定义 broken.json 无效（2 处问题）：\n  deadlines.enterprise: 应为日期 YYYY-MM-DD\n  contacts[0].phone: 电话号码只能包含数字和连字符'
    )
    expect(readDefinitionFile(cutFile)).toEqual({ ok: false, problems: [{ path: '', message: expect.stringMatching(/^不是有效的 JSON 文件：/) }] })
  })
})

describe('000 重庆 2026 重点领域技术创新需求', () => {
  it('has the notice’s deadlines in Shanghai time and no opening day', () => {
    expect(cq.timezone).toBe('Asia/Shanghai')
    expect(cq.deadlines).toEqual({ enterprise: '2025-07-20', recommender: '2025-07-25' })
    expect(cq.opensOn).toBeUndefined()
    expect(cq.issuer).toBe('重庆市科学技术局')
  })

  it('has the seven fields with every sub-direction of section 四, then the five 专项 of section 六 without directions', () => {
    expect(cq.domains.map((d) => [d.label, d.group, d.directions.length])).toEqual([
      ['人工智能', '重大专项', 8],
      ['核心软件', '重大专项', 6],
      ['生物医药', '重大专项', 7],
      ['高端器件与芯片', '重大专项', 6],
      ['先进制造', '重大专项', 6],
      ['先进材料', '重点专项', 7],
      ['农业前沿技术', '重点专项', 4],
      // 六（一）2 gives these 重点专项 a consultation phone but section 四 lists no directions for them.
      ['乡村振兴', '重点专项', 0],
      ['公共安全', '重点专项', 0],
      ['生态环境', '重点专项', 0],
      ['新能源', '重点专项', 0],
      ['人口健康', '重点专项', 0]
    ])
    const directions = Object.fromEntries(cq.domains.map((d) => [d.label, d.directions]))
    expect(directions['人工智能']).toEqual([
      '智能驾驶', '智能系统', '空天信息', '元宇宙', 'AI垂直大模型', 'AI for Science', 'AI智能体', '人工智能典型应用场景'
    ])
    expect(directions['核心软件']).toEqual([
      '基础软件', '科学智能软件', '新型工业软件', '汽车核心软件', '新兴技术融合应用软件', '信息安全软件'
    ])
    expect(directions['生物医药']).toEqual([
      '脑机接口', '智慧医疗装备', '生物制造', '新药创制', '中医药现代化', '生物安全', '重大疾病防治'
    ])
    expect(directions['高端器件与芯片']).toEqual([
      '车规级芯片', '物联网芯片', '人工智能芯片', '生物信号采集/传感/处理芯片', '高能效化合物器件', '半导体特色制造工艺'
    ])
    expect(directions['先进制造']).toEqual([
      '智能机器人', '智能运载装备', '超精密加工装备', '智能检测装备', '柔性可穿戴电子设备', '绿色制造装备'
    ])
    expect(directions['先进材料']).toEqual([
      '高端装备材料', '先进光电材料', '新型半导体材料', '高分子与复合材料', '信息材料', '新型能源材料', '生物材料'
    ])
    expect(directions['农业前沿技术']).toEqual(['食品及农产品精深加工', '智慧农业', '生物育种', '智能农机'])
  })

  it('has quotas 40 / 30 / 20 and puts the national high-tech zones in the 40 type', () => {
    const quota = (label: string) => cq.recommenders.unitTypes.find((t) => t.label === label)?.quota
    expect(cq.recommenders.unitTypes.map((t) => t.quota)).toEqual([40, 30, 20])
    // 五（二）: “国家高新区或有其他国家级创新平台的区（县）…不超过40项，其余各区县…不超过30项”
    expect(quota('国家高新区或有其他国家级创新平台的区（县）')).toBe(40)
    expect(quota('其余各区县')).toBe(30)
    expect(quota('市级行业主管部门')).toBe(20)

    const typeOf = (name: string) => {
      const unit = cq.recommenders.units.find((u) => u.name === name)
      return cq.recommenders.unitTypes.find((t) => t.id === unit?.type)?.quota
    }
    expect(typeOf('西部科学城重庆高新区科技主管部门')).toBe(40)
    expect(typeOf('璧山区科技局')).toBe(40)
    expect(typeOf('荣昌区科技局')).toBe(40)
    expect(typeOf('永川区科技局')).toBe(40)
    expect(typeOf('两江新区科技主管部门')).toBe(30)
    expect(typeOf('万盛经开区科技主管部门')).toBe(30)
    expect(typeOf('万州区科技局')).toBe(30)
    expect(typeOf('市经济信息委')).toBe(20)
    expect(typeOf('市卫生健康委')).toBe(20)
    expect(typeOf('市农业农村委')).toBe(20)
    // All 38 区县 plus 两江新区, 重庆高新区 and 万盛经开区.
    expect(cq.recommenders.units.filter((u) => u.type !== 'city-department')).toHaveLength(41)
  })

  it('asks the 涉密 question first and stops the wizard on yes', () => {
    const first = cq.steps[0].fields[0]
    expect(cq.steps[0].fields).toHaveLength(1)
    expect(first).toMatchObject({ id: 'classified', kind: 'gate', stopWhen: true, required: true })
    if (first.kind !== 'gate') throw new Error('not a gate')
    expect(first.stopMessage).toContain('涉密领域技术需求不进行在线征集，按照涉密项目管理相关要求开展')
  })

  it('asks every part of the demand the notice lists, in order', () => {
    expect(allFields(cq).map((f) => [f.id, f.kind])).toEqual([
      ['classified', 'gate'],
      ['demandName', 'text'],
      ['domain', 'domain'],
      ['background', 'textarea'],
      ['currentStatus', 'textarea'],
      ['researchContent', 'textarea'],
      ['expectedOutcome', 'textarea'],
      ['currentMaturity', 'maturity'],
      ['expectedMaturity', 'maturity'],
      ['expectedCompletion', 'date'],
      ['indicators', 'indicators'],
      ['industrialization', 'textarea'],
      ['applicationEntities', 'textarea'],
      ['applicationScenarios', 'textarea'],
      ['organizationModes', 'multi'],
      ['advantageUnits', 'textarea'],
      ['openCompetition', 'single'],
      ['solverRequirements', 'textarea'],
      ['openCompetitionInvestment', 'amount'],
      ['recommender', 'recommender'],
      ['attachments', 'attachments']
    ])
    expect(fieldOf(cq, 'background').label).toBe('背景及战略意义')
    expect(fieldOf(cq, 'currentStatus').label).toBe('技术/产品现状')
    expect(fieldOf(cq, 'researchContent').label).toBe('主要研究内容')
    expect(fieldOf(cq, 'indicators')).toMatchObject({ label: '预期成果核心技术参数指标', minRows: 1 })
    expect(fieldOf(cq, 'domain')).toMatchObject({ required: true, directionRequired: true })
  })

  it('only recommends maturity, completion date and indicators (三（二）“建议”), saying so', () => {
    for (const id of ['currentMaturity', 'expectedMaturity', 'expectedCompletion', 'indicators']) {
      const f = fieldOf(cq, id)
      expect([id, f.required]).toEqual([id, false])
      expect(f.help).toMatch(/^建议填写/)
    }
    // What the notice says 应当 明确 stays required.
    for (const id of ['background', 'currentStatus', 'researchContent', 'expectedOutcome']) expect(fieldOf(cq, id).required).toBe(true)
  })

  it('offers the four organisation modes of 四（二）', () => {
    const f = fieldOf(cq, 'organizationModes')
    if (f.kind !== 'multi') throw new Error('not multi')
    expect(f.options.map((o) => o.label)).toEqual([
      '川渝协同等跨区域协同创新',
      '产学研协同创新',
      '青年科技人才领衔攻关',
      '民营企业牵头或参与攻关'
    ])
  })

  it('requires solver requirements and investment only when 揭榜挂帅 is yes', () => {
    const gate = fieldOf(cq, 'openCompetition')
    if (gate.kind !== 'single') throw new Error('not single')
    expect(gate.options.map((o) => o.value)).toEqual(['yes', 'no'])
    expect(fieldOf(cq, 'solverRequirements')).toMatchObject({
      kind: 'textarea',
      required: true,
      visibleIf: { field: 'openCompetition', equals: 'yes' }
    })
    expect(fieldOf(cq, 'openCompetitionInvestment')).toMatchObject({
      kind: 'amount',
      unit: '万元',
      required: true,
      visibleIf: { field: 'openCompetition', equals: 'yes' }
    })
  })

  it('lets the recommending unit, not the enterprise, choose 联合实施 and give its investment (三（五）)', () => {
    expect(allFields(cq).map((f) => f.id)).not.toContain('jointImplementation')
    expect(allFields(cq).map((f) => f.id)).not.toContain('jointInvestment')
    expect(cq.recommenders.fields?.map((f) => [f.id, f.kind, f.required ?? false])).toEqual([
      ['jointImplementation', 'single', false],
      ['jointInvestment', 'amount', true]
    ])
    expect(cq.recommenders.fields?.[1]).toMatchObject({ unit: '万元', visibleIf: { field: 'jointImplementation', equals: 'yes' } })
    // 联合实施 is the unit's choice (“推荐单位拟联合实施的…”): a recommendation without it is complete.
    expect(validateRecommenderAnswers(cq, {})).toEqual([])
    expect(validateRecommenderAnswers(cq, { jointImplementation: 'yes' }).map((i) => [i.field, i.code])).toEqual([['jointInvestment', 'REQUIRED']])
    expect(validateRecommenderAnswers(cq, recommenderAnswers(CQ_ID))).toEqual([])
  })

  it('accepts the seven attachment types up to 20 MB each', () => {
    expect(fieldOf(cq, 'attachments')).toMatchObject({
      maxSizeMB: 20,
      accept: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png']
    })
  })

  it('lists a consultation phone for every programme of section 六 and the system numbers, all with 023-', () => {
    const rows = cq.contacts.map((c) => [c.group, c.topic, c.person ?? '', c.phone])
    expect(rows).toEqual([
      ['重大专项', '人工智能专项', '郑美娟', '023-63073626'],
      ['重大专项', '核心软件专项', '张华山', '023-65526483'],
      ['重大专项', '高端器件与芯片专项', '杨威', '023-67611512'],
      ['重大专项', '先进制造专项', '陈涛', '023-67513582'],
      ['重大专项', '生物医药专项', '张弘', '023-67515617'],
      ['重点专项', '先进材料专项', '杨梅', '023-67513082'],
      ['重点专项', '农业前沿技术专项', '胡林', '023-67515693'],
      ['重点专项', '乡村振兴专项', '章杰', '023-67601408'],
      ['重点专项', '公共安全专项', '周正科', '023-67611632'],
      ['重点专项', '生态环境专项', '周正科', '023-67611632'],
      ['重点专项', '新能源专项', '周正科', '023-67611632'],
      ['重点专项', '人口健康专项', '刘奏', '023-63059386'],
      ['系统技术咨询', '“渝快办”账号注册咨询', '', '023-87912832'],
      ['系统技术咨询', '系统技术咨询电话', '', '023-67035473'],
      ['系统技术咨询', '系统技术咨询电话', '', '023-67605796']
    ])
    // Every collected field has its programme's phone.
    for (const d of cq.domains) expect(cq.contacts.some((c) => c.topic === `${d.label}专项` && c.group === d.group)).toBe(true)
  })

  it('summarises the key fields', () => {
    expect(cq.summaryColumns.map((c) => c.source)).toEqual([
      'rank',
      'field:demandName',
      'field:domain',
      'profile:enterpriseName',
      'profile:creditCode',
      'profile:contactName',
      'profile:mobile',
      'field:currentMaturity',
      'field:expectedMaturity',
      'field:expectedCompletion',
      'field:organizationModes',
      'field:openCompetition',
      'field:openCompetitionInvestment',
      'recommender:jointImplementation',
      'recommender:jointInvestment',
      'unit'
    ])
  })
})

describe('003 新疆 2023 重大科技需求', () => {
  it('limits the overview to 2000 characters', () => {
    expect(fieldOf(xj, 'overview')).toMatchObject({ kind: 'textarea', label: '项目概述', maxLength: 2000, required: true })
  })

  it('asks investment and suggested public funding in 万元', () => {
    expect(fieldOf(xj, 'totalInvestment')).toMatchObject({ kind: 'amount', unit: '万元', label: '项目计划总投入' })
    expect(fieldOf(xj, 'fiscalSupport')).toMatchObject({ kind: 'amount', unit: '万元' })
    expect(fieldOf(xj, 'fiscalSupport').label).toContain('财政资金支持强度建议')
  })

  it('has the linked-department fields of 附件3: the recommending unit gives its own contact', () => {
    expect(allFields(xj).map((f) => f.label)).toEqual(expect.arrayContaining(['报送渠道', '受理单位', '联系电话', '承担单位', '主持人', '职称/职务']))
    expect(allFields(xj).filter((f) => f.label === '联系电话').map((f) => f.id)).toEqual(['leadPhone'])
    expect(allFields(xj).map((f) => f.id)).not.toEqual(expect.arrayContaining(['contactDepartment']))
    expect(xj.recommenders.fields?.map((f) => [f.id, f.label, f.required])).toEqual([
      ['contactDepartment', '联系部门', true],
      ['contactPerson', '联系人', true],
      ['contactPhone', '联系电话', true]
    ])
    expect(validateRecommenderAnswers(xj, {}).map((i) => i.field)).toEqual(['contactDepartment', 'contactPerson', 'contactPhone'])
    expect(validateRecommenderAnswers(xj, recommenderAnswers(XJ_ID))).toEqual([])
  })

  it('has the unit tick off the stamped paper copies and the disc (二: 一式3份, 光盘)', () => {
    expect(xj.deliverables).toEqual([
      { id: 'paper', label: '盖章的重大科技需求材料（A4纸双面打印，一式3份）' },
      { id: 'disc', label: '电子材料（光盘）' }
    ])
  })

  it('lets each 厅局 and 地州市 recommend at most 5; the direct track (附件2) goes to the service centre with no quota', () => {
    expect(xj.recommenders.unitTypes.map((t) => [t.label, t.quota])).toEqual([
      ['自治区相关行业厅局', 5],
      ['地州市人民政府（行署）', 5],
      ['直接报送（新疆科技项目服务中心）', null]
    ])
    const field = fieldOf(xj, 'recommender') as RecommenderField
    expect(recommenderChoices(xj, field, { track: 'direct' }).map((u) => u.name)).toEqual(['新疆科技项目服务中心'])
    const linked = recommenderChoices(xj, field, { track: 'linked' })
    expect(linked.map((u) => u.type)).toEqual(expect.arrayContaining(['department', 'prefecture']))
    expect(linked.some((u) => u.type === 'direct')).toBe(false)
    expect(xj.demandLimit.perEnterprise).toBeNull() // the notice sets no limit per applicant
    expect(xj.recommenders.units.filter((u) => u.type === 'prefecture')).toHaveLength(14)
  })

  it('uses the single notice date for both deadlines', () => {
    expect(xj.deadlines).toEqual({ enterprise: '2023-08-31', recommender: '2023-08-31' })
    expect(xj.summary).toContain('均设为2023年8月31日')
  })

  it('admits universities, research institutes, enterprises, other public institutions “等”: new R&D institutions too', () => {
    expect([...xj.eligibleUnitTypes].sort()).toEqual(
      ['enterprise', 'large_enterprise', 'new_rd_institution', 'public_institution', 'research_institute', 'university'].sort()
    )
    const gate = fieldOf(xj, 'legalEntityInXinjiang')
    expect(gate.label).toContain('新型研发机构')
  })

  it('asks 附件1’s contact details: 职称/职务 and an office phone, name and mobile coming from the profile', () => {
    expect(fieldOf(xj, 'submitterContactTitle')).toMatchObject({ kind: 'text', label: '联系人职称/职务', required: true })
    expect(fieldOf(xj, 'officePhone')).toMatchObject({ kind: 'text', label: '办公电话', required: true, format: 'phone' })
    const step = xj.steps.find((s) => s.fields.some((f) => f.id === 'officePhone'))
    expect(step?.description).toContain('单位信息')
  })

  it('has the enterprise rank its own demands (附件1 注：按照优先度排列), always asked, with help', () => {
    const f = fieldOf(xj, 'priority')
    expect(f).toMatchObject({ kind: 'number', required: true, min: 1, precision: 0 })
    expect('max' in f).toBe(false) // as many as the enterprise files: the notice sets no limit
    expect(f.visibleIf).toBeUndefined()
    expect(f.help).toContain('按照优先度排列')
  })

  it('asks quantified indicators (二.5 有量化的技术与成果指标)', () => {
    expect(fieldOf(xj, 'indicators')).toMatchObject({ kind: 'indicators', required: true, minRows: 1 })
  })

  it('keeps the suggested public funding within the planned total (a rule comparing fields)', () => {
    expect(xj.validations).toEqual([
      { id: 'fiscal-within-total', field: 'fiscalSupport', op: '<=', value: { field: 'totalInvestment' }, message: '财政资金支持强度建议不能超过项目计划总投入' }
    ])
    // A check of the answers, not a condition of who may file.
    expect(xj.eligibility).toEqual([])
  })

  it('checks the format of every phone it asks', () => {
    const anyField = (id: string) => xj.recommenders.fields?.find((f) => f.id === id) ?? fieldOf(xj, id)
    expect(['contactPhone', 'leadPhone', 'officePhone'].map((id) => [id, (anyField(id) as { format?: string }).format])).toEqual([
      ['contactPhone', 'phone'],
      ['leadPhone', 'phone'],
      ['officePhone', 'phone']
    ])
  })

  it('takes the 重点方向 as fields', () => {
    expect(xj.domains.map((d) => d.directions.length)).toEqual([8, 13, 4])
    expect(xj.domains[1].directions).toContain('乌昌石大气污染治理')
    expect(xj.domains[2].directions).toEqual(['社会治理', '公共安全', '智慧边防', '安全生产'])
  })

  it('has every contact with 0991- numbers, the 0091 typo corrected', () => {
    expect(xj.contacts.map((c) => [c.person, c.phone])).toEqual([
      ['陈龙忠', '0991-3836149'],
      ['魏迪雅', '0991-3836818'],
      ['吴林蔚', '0991-3828086'],
      ['常晓辉', '0991-3837354'],
      ['孔娜', '0991-3836638']
    ])
  })

  it('summarises exactly as 附件4, then the track, the unit’s contact and the deliverables', () => {
    expect(xj.summaryColumns.slice(0, 8).map((c) => c.header)).toEqual([
      '序号',
      '项目名称',
      '产业领域',
      '项目计划总投入（万元）',
      '申请自治区财政资金额度（万元）',
      '承担单位',
      '主持人',
      '联系电话'
    ])
    expect(xj.summaryColumns.map((c) => c.source)).toEqual([
      'rank',
      'field:projectName',
      'field:industryField',
      'field:totalInvestment',
      'field:fiscalSupport',
      'field:undertakingUnit',
      'field:leadPerson',
      'field:leadPhone',
      'field:track',
      'recommender:contactDepartment',
      'recommender:contactPerson',
      'recommender:contactPhone',
      'deliverable:paper',
      'deliverable:disc'
    ])
  })
})

describe('004 杭州 2021 “十四五”重大攻关需求', () => {
  it('opens 2021-03-24 and closes 2021-04-20 / 2021-04-30', () => {
    expect(hz.opensOn).toBe('2021-03-24')
    expect(hz.deadlines).toEqual({ enterprise: '2021-04-20', recommender: '2021-04-30' })
  })

  it('has the four fields of this batch, without directions (no dummy direction)', () => {
    expect(hz.domains.map((d) => d.label)).toEqual(['“互联网+”', '生命健康', '新材料', '先进制造与装备'])
    for (const d of hz.domains) expect(d.directions).toEqual([])
    expect(fieldOf(hz, 'domain')).toMatchObject({ directionRequired: false })
  })

  it('asks the R&D figures of enterprises only (一（二）“优势单位为企业的”)', () => {
    for (const id of ['rdRatio', 'rdTotal', 'projectRdInvestment'])
      expect([id, fieldOf(hz, id).visibleIf]).toEqual([id, { unitType: ['large_enterprise', 'enterprise'] }])
    // The rules on them bind the same unit types.
    for (const r of hz.eligibility) expect(r.appliesTo).toEqual(['large_enterprise', 'enterprise'])
  })

  it('has the three R&D eligibility rules for enterprises', () => {
    expect(hz.eligibility.map((r) => [r.field, r.op, r.value, r.appliesTo])).toEqual([
      ['rdRatio', '>=', 3, ['large_enterprise', 'enterprise']],
      ['rdTotal', '>=', 1000, ['large_enterprise', 'enterprise']],
      ['projectRdInvestment', '>=', 1500, ['large_enterprise', 'enterprise']]
    ])
    expect(fieldOf(hz, 'rdRatio')).toMatchObject({ kind: 'number', unit: '%' })
    expect(fieldOf(hz, 'rdTotal')).toMatchObject({ kind: 'amount', unit: '万元' })
    expect(fieldOf(hz, 'projectRdInvestment')).toMatchObject({ kind: 'amount', unit: '万元' })
    expect(fieldOf(hz, 'projectRdInvestment').label).toContain('不含人员经费')
    // The rules are checked before the rest: their fields are on the first step.
    const firstStep = hz.steps[0].fields.map((f) => f.id)
    for (const r of hz.eligibility) expect(firstStep).toContain(r.field)
  })

  it('limits demands per unit type: large 2, new R&D institution 2, others 1', () => {
    expect(hz.demandLimit.perEnterprise).toBe(1)
    expect(hz.demandLimit.byUnitType).toEqual({ large_enterprise: 2, new_rd_institution: 2 })
    expect(hz.demandLimit.note).toContain('揭榜挂帅')
    expect(hz.demandLimit.note).toContain('自主设计选题1项')
  })

  it('asks the organisation mode', () => {
    const f = fieldOf(hz, 'organizationModes')
    if (f.kind !== 'multi') throw new Error('not multi')
    expect(f.options.map((o) => o.label)).toEqual(
      expect.arrayContaining(['揭榜挂帅', '创新联合体领办', '企业出题、政府立题、协同破题'])
    )
  })

  it('has every recommending unit the notice names: those without quota, and 二’s quotas with their sub-quotas', () => {
    expect(hz.recommenders.unitTypes.map((t) => [t.label, t.quota])).toEqual([
      ['区、县（市）科技局', null],
      ['钱塘新区经发科技局', null],
      ['省级高新技术产业园区（特色产业园）', null],
      ['归口管理单位', null],
      ['新型研发机构（或省级创新平台）', 2],
      ['大企业集团或头部企业', 2]
    ])
    const type = (id: string) => hz.recommenders.unitTypes.find((t) => t.id === id)!
    // 二.2: 自主设计选题1项，另可推荐…产业化项目1项
    expect(type('new-rd-institution').subQuotas).toEqual([
      { id: 'self-designed', label: '自主设计选题', max: 1, when: { field: 'category', equals: 'self_designed' } },
      { id: 'transfer', label: '原创性成果在杭实施转化和产业化项目', max: 1, when: { field: 'category', equals: 'transfer' } }
    ])
    // 二.1: 不超过2项，其中1项以“揭榜挂帅”或创新联合体攻关的方式组织
    expect(type('leading-enterprise').subQuotas).toEqual([
      {
        id: 'open-or-consortium',
        label: '以“揭榜挂帅”或创新联合体攻关的方式组织',
        max: 1,
        when: [
          { field: 'organizationModes', includes: 'open_competition' },
          { field: 'organizationModes', includes: 'innovation_consortium' }
        ]
      }
    ])
    const fixture = completeAnswers(HZ_ID)
    expect(conditionHolds(type('leading-enterprise').subQuotas![0].when, fixture)).toBe(true) // 揭榜挂帅
    expect(conditionHolds(type('leading-enterprise').subQuotas![0].when, { organizationModes: ['innovation_consortium'] })).toBe(true)
    expect(conditionHolds(type('leading-enterprise').subQuotas![0].when, { organizationModes: ['independent'] })).toBe(false)
  })

  it('has the unit write its opinion, upload the stamped sheet and mark 重点推荐 (二, 三.2)', () => {
    expect(hz.recommenders.fields?.map((f) => [f.id, f.kind, f.label, f.required ?? false])).toEqual([
      ['recommendOpinion', 'textarea', '推荐意见', true],
      ['stampedSheet', 'attachments', '盖章推荐表扫描件', false]
    ])
    expect(hz.recommenders.keyMark).toEqual({ label: '重点推荐' })
    expect(hz.summaryColumns.map((c) => c.source)).toEqual(expect.arrayContaining(['keyRecommended', 'recommender:recommendOpinion']))
    expect(validateRecommenderAnswers(hz, {}).map((i) => [i.field, i.code, i.message])).toEqual([['recommendOpinion', 'REQUIRED', '推荐意见为必填项']])
    expect(validateRecommenderAnswers(hz, recommenderAnswers(HZ_ID))).toEqual([])
  })

  it('has the section 四 contacts with 0571-', () => {
    expect(hz.contacts.map((c) => [c.person, c.phone])).toEqual([
      ['陈资博', '0571-87060401'],
      ['毛海祥', '0571-87025250'],
      ['姚广稀', '0571-87061083'],
      ['胡小庭', '0571-87061059'],
      ['沈吉英', '0571-87025452']
    ])
  })
})

describe('demoCopy', () => {
  // 01:00 in Shanghai is still the previous day in UTC: the copy must count Shanghai days.
  const now = Date.parse('2030-05-11T01:00:00+08:00')

  it.each(CAMPAIGN_DEFINITIONS.map((d) => [d.id, d] as const))('%s: moves the deadlines into the future by whole days', (_id, def) => {
    const demo = demoCopy(def, now)
    expect(dayOf(now, 'Asia/Shanghai')).toBe('2030-05-11')
    expect(demo.deadlines.enterprise).toBe(addDays('2030-05-11', DEMO_LEAD_DAYS))
    expect(now).toBeLessThan(deadlineInstant(demo.deadlines.enterprise, demo.timezone))
    expect(daysBetween(demo.deadlines.enterprise, demo.deadlines.recommender)).toBe(
      daysBetween(def.deadlines.enterprise, def.deadlines.recommender)
    )
    expect(campaignStatus(demo, now)).toBe('open')
    expect(demo.id).toBe(`${def.id}-demo`)
    expect(demo.title).toBe(`【演示】${def.title}`)
    expect(validateDefinition(demo).ok).toBe(true)
  })

  it('keeps opensOn in the past with the same gap to the deadline', () => {
    const demo = demoCopy(hz, now)
    expect(demo.opensOn).toBe('2030-05-05')
    expect(startOfDay(demo.opensOn as string, 'Asia/Shanghai')).toBeLessThan(now)
    expect(daysBetween(demo.opensOn as string, demo.deadlines.enterprise)).toBe(27)
  })

  it('keeps opensOn before today even when the lead would be longer than the original run', () => {
    const short = { ...hz, id: 'short-run', opensOn: '2021-04-15' }
    const demo = demoCopy(short, now)
    expect(demo.opensOn).toBe('2030-05-10')
    expect(demo.deadlines).toEqual({ enterprise: '2030-05-15', recommender: '2030-05-25' })
  })

  it('changes nothing but the label and the dates, and leaves the original alone', () => {
    const before = JSON.stringify(cq)
    const demo = demoCopy(cq, now)
    expect(JSON.stringify(cq)).toBe(before)
    const { id, title, summary, deadlines, opensOn, ...rules } = demo
    const { id: _i, title: _t, summary: _s, deadlines: _d, opensOn: _o, ...original } = cq
    expect(rules).toEqual(original)
    expect(summary).toContain('演示')
    expect(summary.endsWith(cq.summary)).toBe(true)
    expect(deadlines).toEqual({ enterprise: '2030-06-01', recommender: '2030-06-06' })
    expect(opensOn).toBeUndefined()
    expect([id, title]).toEqual(['cq-2026-key-areas-demo', '【演示】2026年度重点领域技术创新需求征集'])
    // The rules the notice sets survive untouched.
    expect(rules.recommenders.unitTypes.map((t) => t.quota)).toEqual([40, 30, 20])
  })
})
