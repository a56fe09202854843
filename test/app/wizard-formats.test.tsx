/**
 * The wizard's field components for the format additions, rendered as the enterprise sees
 * them (the wizard preview: the same step cards and fields, answers kept on the page):
 * - an area without directions asks for the area only; directions with a description show it;
 * - an “其他” option opens a text box of its own, with its count and its message;
 * - phone fields open the phone keyboard (H5: type tel) and say what a number looks like;
 * - fields shown to some unit types only are not on screen for the others.
 */
import { render } from '@tarojs/test-utils-react/dist/pure'
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { WizardPreview } from '../../src/features/wizard/preview'
import { inputTypeFor } from '../../src/features/wizard/fields/text-fields'
import type { CampaignDefinition, FieldDefinition, UnitTypeId } from '../../types/campaign'
import { validateDefinition } from '../../types/validate-definition'
import { fundingSourceField } from '../types/fixtures'
import { tap } from './support/events'
import { eventually } from './support/eventually'
import { boxOf, errorAt, fieldOf, typeInto } from './support/wizard'

beforeAll(() => {
  if (!Element.prototype.scrollIntoView) Element.prototype.scrollIntoView = () => undefined
})

const cq = CAMPAIGN_DEFINITIONS.find((d) => d.id === 'cq-2026-key-areas')!
const hz = CAMPAIGN_DEFINITIONS.find((d) => d.id === 'hz-2021-major-research')!

/** Chongqing with one step holding the fields under test (a valid definition). */
function oneStep(fields: FieldDefinition[], change: (def: CampaignDefinition) => void = () => undefined): CampaignDefinition {
  const def: CampaignDefinition = JSON.parse(JSON.stringify(cq))
  def.steps = [{ id: 'test', title: '测试', fields }]
  def.summaryColumns = [{ header: '序号', source: 'rank' }]
  change(def)
  const result = validateDefinition(def)
  if (!result.ok) throw new Error(JSON.stringify(result.problems))
  return def
}

const show = (def: CampaignDefinition, unitType: UnitTypeId | '' = 'enterprise') => render(<WizardPreview def={def} unitType={unitType} />, {})
const next = (root: Element) => tap(root.querySelector('.wz-actionbar__next')!)
const radios = (el: Element) => [...el.querySelectorAll('[role="radio"]')]

describe('the area and direction picker', () => {
  const def = oneStep([{ id: 'domain', kind: 'domain', label: '所属领域及方向', required: true, directionRequired: true }], (d) => {
    d.domains[1].directions = [{ label: '基础软件', description: '操作系统、数据库、中间件等' }, { label: '科学智能软件' }]
  })

  it('asks only for the area where it has no directions, and lets the step through', async () => {
    const { container } = show(def)
    const field = await eventually(() => fieldOf(container, 'domain'))
    tap(field.querySelector('[data-value="rural-revitalization"]')!)
    await eventually(() => expect(field.querySelector('[data-testid="direction-domain"]')?.textContent).toBe('“乡村振兴”不细分方向，选择领域即可'))
    expect(field.querySelector('[aria-label="所属领域及方向：方向"]')).toBeNull()
    next(container)
    await eventually(() => expect(container.querySelector('.wz-actionbar__error')?.textContent).toContain('预览到此为止'))
    expect(errorAt(container, 'domain')).toBeNull()
  })

  it('still asks for a direction where the area has them, showing their descriptions', async () => {
    const { container } = show(def)
    const field = await eventually(() => fieldOf(container, 'domain'))
    tap(field.querySelector('[data-value="core-software"]')!)
    const group = await eventually(() => field.querySelector('[aria-label="所属领域及方向：方向"]')!)
    expect(radios(group).map((r) => r.textContent)).toEqual(['基础软件操作系统、数据库、中间件等', '科学智能软件'])
    next(container)
    await eventually(() => expect(errorAt(container, 'domain')).toBe('请选择所属领域及方向的具体方向'))
    tap(radios(group)[0])
    await eventually(() => expect(radios(field.querySelector('[aria-label="所属领域及方向：方向"]')!)[0].getAttribute('aria-checked')).toBe('true'))
    await eventually(() => expect(errorAt(container, 'domain')).toBeNull())
  })
})

describe('an “其他” option', () => {
  const def = oneStep([
    {
      id: 'organizationModes',
      kind: 'multi',
      label: '攻关组织方式',
      options: [
        { value: 'cross_region', label: '川渝协同等跨区域协同创新' },
        { value: 'other', label: '其他', other: true, otherMaxLength: 20 }
      ]
    },
    fundingSourceField()
  ])

  it('opens its own text box when chosen, counts it, and asks for it', async () => {
    const { container } = show(def)
    const modes = await eventually(() => fieldOf(container, 'organizationModes'))
    expect(modes.querySelector('[data-testid="other-organizationModes"]')).toBeNull()
    tap(modes.querySelector('[data-value="other"]')!)
    const box = await eventually(() => modes.querySelector('[data-testid="other-organizationModes"]')!)
    expect(box.querySelector('[data-testid="other-count-organizationModes"]')?.textContent).toBe('0/20')
    tap(fieldOf(container, 'fundingSource').querySelector('[data-value="own"]')!)
    next(container)
    await eventually(() => expect(errorAt(container, 'organizationModes')).toBe('请填写攻关组织方式“其他”的具体内容'))

    await typeInto(box, '军民协同创新')
    await eventually(() => expect(box.querySelector('[data-testid="other-count-organizationModes"]')?.textContent).toBe('6/20'))
    await eventually(() => expect(errorAt(container, 'organizationModes')).toBeNull())
    await typeInto(box, '协'.repeat(21))
    await eventually(() => expect(errorAt(container, 'organizationModes')).toBe('攻关组织方式“其他”的说明不能超过20字（当前21字）'))
  })

  it('on a single choice: the box goes with the option, and the text comes back when chosen again', async () => {
    const { container } = show(def)
    const source = await eventually(() => fieldOf(container, 'fundingSource'))
    tap(source.querySelector('[data-value="other"]')!)
    const box = await eventually(() => source.querySelector('[data-testid="other-fundingSource"]')!)
    expect(box.querySelector('[data-testid="other-count-fundingSource"]')?.textContent).toBe('0/100')
    await typeInto(box, '产业基金')
    tap(source.querySelector('[data-value="own"]')!)
    await eventually(() => expect(source.querySelector('[data-testid="other-fundingSource"]')).toBeNull())
    tap(source.querySelector('[data-value="other"]')!)
    const again = await eventually(() => source.querySelector('[data-testid="other-fundingSource"]')!)
    expect((await boxOf(again)).value).toBe('产业基金')
  })
})

describe('phone fields', () => {
  const def = oneStep([{ id: 'officePhone', kind: 'text', label: '办公电话', required: true, maxLength: 20, format: 'phone' }])

  it('open the phone keyboard and refuse what is not a number, with an example', async () => {
    const { container } = show(def)
    const field = await eventually(() => fieldOf(container, 'officePhone'))
    const box = await boxOf(field)
    expect(box.getAttribute('type')).toBe('tel')
    expect(box.getAttribute('placeholder')).toBe('固定电话如 0991-1234567，或手机号')
    await typeInto(field, '3836638')
    next(container)
    await eventually(() =>
      expect(errorAt(container, 'officePhone')).toBe('办公电话应为有效的电话号码：固定电话含区号，如 0991-1234567、023-63000000；或11位手机号，如 13912345678')
    )
    await typeInto(field, '0991-3836638')
    await eventually(() => expect(errorAt(container, 'officePhone')).toBeNull())
  })

  it('use the number pad on the mini-programs, which have no tel keyboard', () => {
    expect([inputTypeFor('phone', false), inputTypeFor('mobile', false), inputTypeFor('mobile', true), inputTypeFor('email', true), inputTypeFor(undefined, true)]).toEqual([
      'number',
      'number',
      'tel',
      'email',
      'text'
    ])
  })
})

describe('fields for some unit types only (杭州 R&D figures)', () => {
  it('shows them to an enterprise, not to a new R&D institution', async () => {
    const asEnterprise = show(hz, 'enterprise')
    await eventually(() => expect(asEnterprise.container.querySelector('[data-field="rdRatio"]')).not.toBeNull())
    asEnterprise.unmount()
    const asInstitute = show(hz, 'new_rd_institution')
    await eventually(() => expect(asInstitute.container.querySelector('[data-field="hasRdPlatform"]')).not.toBeNull())
    for (const id of ['rdRatio', 'rdTotal', 'projectRdInvestment']) expect(asInstitute.container.querySelector(`[data-field="${id}"]`)).toBeNull()
  })
})
