/**
 * One complete, valid answer set per shipped campaign, with realistic content. Used by the
 * engine tests and by the server and e2e tests: every call returns a fresh deep copy.
 *
 * - Chongqing: 重庆智芯微电子有限公司 (dev account ent-zhixin) asks for a 车规级 MCU; 揭榜挂帅
 *   “是”, so every conditional field is filled; recommended by 两江新区 (dev account
 *   rec-liangjiang), which answers 联合实施 (its own investment) when it recommends.
 * - Xinjiang: a Xinjiang equipment maker's photovoltaic O&M robot, with quantified indicators,
 *   public funding within the total (the `fiscal-within-total` validation), phones in the
 *   'phone' format, and its own priority 1 (附件1).
 * - Hangzhou: a Hangzhou enterprise's SiC power-module packaging materials; passes every
 *   eligibility rule for `enterprise` (R&D 6.8%, 4200万元, project 2600万元, asked of
 *   enterprises only); its area has no directions (direction '').
 * No attachments: their ids must exist on the server; use `sampleAttachment` in unit tests.
 */
import type { Answers, AttachmentRef } from '../../types/engine'
import type { UnitType } from '../../types/domain'
import type { SingleChoiceField } from '../../types/campaign'

const CQ = {
  classified: false,
  demandName: '车规级功能安全MCU芯片关键技术攻关及产业化',
  domain: { domain: 'chips', direction: '车规级芯片' },
  background:
    '重庆是全国重要的汽车产业基地，新能源汽车和智能网联汽车产量快速增长，单车MCU用量已超过100颗。' +
    '但车身控制、动力域和底盘域等关键部位使用的车规级MCU国产化率不足5%，长期依赖境外厂商，' +
    '2021年以来多次出现断供导致整车停产的情况，严重制约我市汽车产业链供应链安全。' +
    '攻克高可靠车规级MCU设计、功能安全和车规认证等关键核心技术，对保障“33618”现代制造业集群中' +
    '智能网联新能源汽车产业集群的自主可控具有重要战略意义。',
  currentStatus:
    '国际上车规级MCU市场由少数几家境外厂商占据，主流产品已达到ISO 26262 ASIL-D功能安全等级，' +
    '主频300MHz以上并集成硬件信息安全模块。国内厂商产品多集中在消费级和工业级，车规产品主要用于车身等' +
    '低安全等级场景，尚无大批量装车的ASIL-D级产品。本单位已量产两款AEC-Q100 Grade 1认证的通用MCU，' +
    '主频160MHz、功能安全等级ASIL-B，与国际先进水平相比，在锁步多核架构、嵌入式闪存可靠性和' +
    '功能安全开发流程等方面仍有明显差距。',
  researchContent:
    '一是研究面向动力域和底盘域的锁步多核处理器架构，实现故障检测覆盖率不低于99%；' +
    '二是研究车规级嵌入式闪存的高温数据保持与耐久性提升技术，满足150℃结温下20年数据保持；' +
    '三是研究符合ISO 26262的功能安全开发流程与安全机制，完成ASIL-D产品认证；' +
    '四是研究集成国密算法的硬件信息安全模块，满足整车信息安全要求；' +
    '五是建立覆盖设计、制造、封装测试全流程的车规级质量体系，完成AEC-Q100 Grade 0认证并在整车厂批量装车验证。',
  expectedOutcome:
    '形成具有自主知识产权的ASIL-D级车规MCU芯片1款及配套软件开发套件，申请发明专利10项以上，' +
    '完成AEC-Q100 Grade 0和ISO 26262 ASIL-D认证，在2家以上整车企业实现批量装车应用。',
  currentMaturity: 4,
  expectedMaturity: 7,
  expectedCompletion: '2027-12-31',
  indicators: [
    { name: 'CPU主频', current: '160', target: '300', unit: 'MHz' },
    { name: '功能安全等级', current: 'ASIL-B', target: 'ASIL-D', unit: '级' },
    { name: '最高工作结温', current: '125', target: '150', unit: '℃' },
    { name: '嵌入式闪存容量', current: '2', target: '8', unit: 'MB' },
    { name: '故障检测覆盖率', current: '90', target: '99', unit: '%' }
  ],
  industrialization:
    '国内车规级MCU年需求量超过40亿颗，国产替代空间巨大。项目成果将依托本单位现有封装测试产线实现量产，' +
    '预计量产后第三年年销量达到2000万颗、销售收入5亿元以上，带动我市汽车电子产业链上下游协同发展。',
  applicationEntities: '长安汽车、赛力斯等整车企业，以及博世（重庆）、重庆德科电子等一级零部件供应商。',
  applicationScenarios: '新能源汽车动力电池管理系统、电机控制器、线控制动与转向系统、车身域控制器等对功能安全要求高的场景。',
  organizationModes: ['cross_region', 'industry_academia', 'private_enterprise'],
  advantageUnits:
    '重庆大学微电子与通信工程学院（集成电路设计与可靠性研究基础雄厚），电子科技大学（川渝协同，功能安全与芯片验证），' +
    '中国汽车工程研究院股份有限公司（车规级芯片测试认证平台）。',
  openCompetition: 'yes',
  solverRequirements: '具有车规级芯片设计经验和ISO 26262功能安全流程认证，拥有不少于30人的研发团队，近三年有车规芯片量产业绩。',
  openCompetitionInvestment: 1200,
  recommender: 'liangjiang'
}

const XJ = {
  legalEntityInXinjiang: true,
  industryField: { domain: 'industrial-clusters', direction: '新能源新材料等战略性新兴产业集群' },
  projectName: '高寒高风沙环境光伏电站智能清洗与运维机器人研发及示范',
  overview:
    '新疆光伏装机规模居全国前列，电站多位于戈壁荒漠，风沙大、冬季严寒，组件积灰使发电效率下降15%以上，' +
    '人工清洗耗水多、成本高，现有清洗机器人在零下30℃低温和强风沙环境下故障率高。' +
    '项目拟研究高寒环境无水清洗机构与耐低温驱动技术、基于视觉的组件缺陷智能识别技术、' +
    '多机器人协同调度与远程运维平台，研制适应-40℃至70℃环境的光伏智能运维机器人。' +
    '预期形成样机2套、示范电站1座（装机100MW），清洗后发电效率提升10%以上，申请发明专利8项，' +
    '年节水约20万吨，降低运维成本30%，为自治区新能源产业集群高质量发展提供技术支撑。',
  indicators: [
    { name: '适应环境温度下限', current: '-20', target: '-40', unit: '℃' },
    { name: '清洗后发电效率提升', current: '', target: '10', unit: '%' },
    { name: '示范电站装机容量', current: '', target: '100', unit: 'MW' }
  ],
  totalInvestment: 8600,
  fiscalSupport: 2000,
  track: 'linked',
  recommender: 'xj-gxt',
  undertakingUnit: '新疆天山智能装备有限公司',
  leadPerson: '阿依古丽·买买提',
  leadTitle: '正高级工程师、技术总监',
  leadPhone: '13899812345',
  submitterContactTitle: '科技管理部部长',
  officePhone: '0991-3651234',
  priority: 1
}

const HZ = {
  sensitive: false,
  hasRdPlatform: true,
  rdPlatformName: '浙江省杭芯功率半导体封装材料企业研究院（省级）',
  rdRatio: 6.8,
  rdTotal: 4200,
  projectRdInvestment: 2600,
  demandName: '新能源汽车碳化硅功率模块高可靠封装材料研发及产业化',
  domain: { domain: 'new-materials', direction: '' },
  category: 'enterprise',
  organizationModes: ['open_competition', 'industry_chain'],
  partners: '浙江大学（材料可靠性机理研究）、杭州某功率模块封装企业（工艺验证与中试）、整车企业（装车验证）。',
  problem:
    '碳化硅功率模块是新能源汽车电驱系统的核心部件，其高温烧结银膏、高导热氮化硅覆铜基板等关键封装材料' +
    '几乎全部依赖进口，价格高且供货周期长，已成为影响我市新能源汽车和功率半导体产业链安全的“卡脖子”问题。',
  researchContent:
    '开展纳米银烧结材料低温低压烧结机理研究，开发无压烧结银膏；研究高强度氮化硅陶瓷基板制备与活性金属钎焊覆铜技术；' +
    '研究耐200℃高温的灌封与塑封材料；建立功率循环与温度冲击可靠性评价方法，完成模块级验证和产业化示范。',
  objectives: '形成烧结银膏、氮化硅覆铜基板和高温塑封料三类产品，性能达到国际先进水平，实现进口替代并在3家以上模块企业批量应用。',
  indicators: [
    { name: '烧结银层剪切强度', current: '30', target: '50', unit: 'MPa' },
    { name: '氮化硅基板热导率', current: '70', target: '90', unit: 'W/(m·K)' },
    { name: '模块功率循环寿命', current: '', target: '200000', unit: '次' }
  ],
  industrialization: '建设年产50吨烧结银膏和30万片氮化硅覆铜基板生产线，预计达产后年销售收入3亿元，带动杭州功率半导体产业集聚发展。',
  recommender: 'binjiang'
}

export type CqAnswers = typeof CQ
export type XjAnswers = typeof XJ
export type HzAnswers = typeof HZ

const FIXTURES: Record<string, Answers> = {
  'cq-2026-key-areas': CQ,
  'xj-2023-major-demands': XJ,
  'hz-2021-major-research': HZ
}

/** The unit type each fixture is written for (every one eligible). */
export const FIXTURE_UNIT_TYPE: UnitType = 'enterprise'

/** A fresh, complete and valid answer set for the campaign (demo copies `<id>-demo` too). */
export function completeAnswers(campaignId: 'cq-2026-key-areas' | 'cq-2026-key-areas-demo'): CqAnswers
export function completeAnswers(campaignId: 'xj-2023-major-demands' | 'xj-2023-major-demands-demo'): XjAnswers
export function completeAnswers(campaignId: 'hz-2021-major-research' | 'hz-2021-major-research-demo'): HzAnswers
export function completeAnswers(campaignId: string): Answers
export function completeAnswers(campaignId: string): Answers {
  const fixture = FIXTURES[campaignId.replace(/-demo$/, '')]
  if (!fixture) throw new Error(`no fixture for campaign ${campaignId}`)
  return JSON.parse(JSON.stringify(fixture))
}

/** A required single choice with an “其他” option that opens its own text box, as a campaign author would add one. */
export function fundingSourceField(): SingleChoiceField {
  return {
    id: 'fundingSource',
    kind: 'single',
    label: '攻关资金来源',
    required: true,
    options: [
      { value: 'own', label: '自筹' },
      { value: 'other', label: '其他来源', other: true }
    ]
  }
}

/** A Chongqing demand (demo copy too) on another subject altogether: 农业前沿技术 / 智能农机, recommended by 两江新区. */
export function farmAnswers(campaignId: 'cq-2026-key-areas' | 'cq-2026-key-areas-demo'): CqAnswers {
  return {
    ...completeAnswers(campaignId),
    demandName: '丘陵山区智能农机装备关键技术研究',
    domain: { domain: 'agriculture', direction: '智能农机' },
    background: '我市丘陵山区耕地占比超过九成，地块小而分散、坡度大，通用农机难以下地作业，机耕道路缺乏，农业生产长期依靠人力，劳动力老龄化严重。',
    currentStatus: '现有小型农机动力不足、爬坡能力差，缺少针对梯田和坡地的自动导航与作业控制，关键零部件如液压系统和传动箱依赖外购，整机可靠性不高。',
    researchContent: '研究适应二十五度坡地的履带底盘与自动调平技术，研究北斗导航下的小地块路径规划，研制耕整地、播种、植保和收获多用途作业机具并开展示范。',
    expectedOutcome: '研制丘陵山区多功能作业平台两种，形成成套作业方案，示范面积一万亩。',
    industrialization: '丘陵山区农机市场规模大，成果可在西南各省推广应用。',
    applicationEntities: '农业合作社、家庭农场和农机服务组织。',
    applicationScenarios: '梯田、坡地的耕种管收全过程作业。',
    advantageUnits: '西南大学工程技术学院、重庆市农业机械化技术推广总站。',
    solverRequirements: '具有山地农机整机研发和批量生产能力。'
  }
}

/** A well-formed attachment reference (the bytes do not exist anywhere). */
export function sampleAttachment(overrides: Partial<AttachmentRef> = {}): AttachmentRef {
  return {
    id: '3f2b8c1e-5d4a-4e6b-9c7d-1a2b3c4d5e6f',
    name: '车规MCU技术指标说明.pdf',
    size: 1_234_567,
    type: 'pdf',
    sha256: 'a3f1c9e0b7d2468f9e1c3b5a7d9f0e2c4b6a8d0f1e3c5b7a9d1f3e5c7b9a0d2e',
    ...overrides
  }
}

/**
 * What the recommending unit of each fixture gives when it recommends (recommenders.fields),
 * complete and valid: 两江新区 implements jointly with 500万元; 自治区工业和信息化厅's contact
 * for the project (附件3); 杭州高新区（滨江）科技局's opinion (its stamped scan is optional).
 */
const RECOMMENDER_FIXTURES: Record<string, Answers> = {
  'cq-2026-key-areas': { jointImplementation: 'yes', jointInvestment: 500 },
  'xj-2023-major-demands': { contactDepartment: '科技与装备处', contactPerson: '王建新', contactPhone: '0991-2381234' },
  'hz-2021-major-research': { recommendOpinion: '该需求聚焦碳化硅功率模块封装材料“卡脖子”问题，单位研发基础扎实，联合上下游优势单位攻关，同意推荐。' }
}

/** A fresh, complete and valid set of the recommending unit's answers for the campaign (demo copies too). */
export function recommenderAnswers(campaignId: string): Answers {
  const fixture = RECOMMENDER_FIXTURES[campaignId.replace(/-demo$/, '')]
  if (!fixture) throw new Error(`no recommender fixture for campaign ${campaignId}`)
  return JSON.parse(JSON.stringify(fixture))
}
