/**
 * Who may receive a demand: a recommender field's routes (报送渠道, e.g. Xinjiang's direct track to
 * the service centre besides the track through a 厅局 or 地州) and `byRegion` (a unit serving the
 * applicant's registered district, read from the credit code). The wizard offers
 * `recommenderChoices`; the engine refuses a unit the route does not lead to.
 */
import { CAMPAIGN_DEFINITIONS } from '../../campaigns'
import { allFields, type CampaignDefinition, type RecommenderField } from '../../types/campaign'
import { recommenderChoices, validateField } from '../../types/engine'
import { validateDefinition } from '../../types/validate-definition'

const byId = (id: string) => CAMPAIGN_DEFINITIONS.find((d) => d.id === id) as CampaignDefinition
const recommenderOf = (def: CampaignDefinition) => allFields(def).find((f): f is RecommenderField => f.kind === 'recommender')!

/** Chongqing with two tracks: `direct` to one centre with no quota, `unit` through the listed units. */
function withRoutes(): CampaignDefinition {
  const def: CampaignDefinition = structuredClone(byId('cq-2026-key-areas'))
  def.recommenders.unitTypes.push({ id: 'centre', label: '直接报送', quota: null })
  def.recommenders.units.push({ id: 'centre', name: '科技项目服务中心', type: 'centre' })
  const step = def.steps.find((s) => s.fields.some((f) => f.kind === 'recommender'))!
  step.fields.unshift({
    id: 'track',
    kind: 'single',
    label: '报送渠道',
    required: true,
    options: [
      { value: 'direct', label: '直接报送' },
      { value: 'unit', label: '经推荐单位推荐' }
    ]
  })
  const field = recommenderOf(def)
  field.routes = [
    { when: { field: 'track', equals: 'direct' }, unitTypes: ['centre'] },
    { when: { field: 'track', equals: 'unit' }, unitTypes: def.recommenders.unitTypes.filter((t) => t.id !== 'centre').map((t) => t.id) }
  ]
  return def
}

describe('routes', () => {
  const def = withRoutes()
  const field = recommenderOf(def)

  it('is a valid definition', () => {
    expect(validateDefinition(def)).toEqual({ ok: true, definition: def })
  })

  it('offers the centre alone on the direct track, the units on the other, everything before a track is chosen', () => {
    expect(recommenderChoices(def, field, { track: 'direct' }).map((u) => u.id)).toEqual(['centre'])
    const viaUnits = recommenderChoices(def, field, { track: 'unit' }).map((u) => u.id)
    expect(viaUnits).toContain('liangjiang')
    expect(viaUnits).not.toContain('centre')
    expect(recommenderChoices(def, field, {})).toHaveLength(def.recommenders.units.length)
  })

  it('refuses a unit the chosen track does not lead to, naming it', () => {
    expect(validateField(def, field, { track: 'direct', [field.id]: 'liangjiang' })).toEqual([
      expect.objectContaining({ code: 'INVALID_CHOICE', message: expect.stringContaining('不受理按所选渠道报送的需求') })
    ])
    expect(validateField(def, field, { track: 'direct', [field.id]: 'centre' })).toEqual([])
  })

  it('reports a route to a unit type nobody has, and a route condition on a missing field, by path', () => {
    const bad = structuredClone(def)
    recommenderOf(bad).routes = [{ when: { field: 'nothing', equals: 'x' }, unitTypes: ['centre', 'ghost'] }]
    const result = validateDefinition(bad)
    expect(result.ok).toBe(false)
    const paths = result.ok ? [] : result.problems.map((p) => p.path)
    expect(paths).toEqual(expect.arrayContaining([expect.stringMatching(/routes\[0\]\.when\.field$/), expect.stringMatching(/routes\[0\]\.unitTypes\[1\]$/)]))
  })
})

describe('byRegion', () => {
  const def: CampaignDefinition = structuredClone(byId('cq-2026-key-areas'))
  const field = recommenderOf(def)
  field.byRegion = true
  def.recommenders.units.find((u) => u.id === 'liangjiang')!.regions = ['500112', '500105']
  // 渝北区 (500112) and 江北区 (500105) only; the city departments serve everyone
  const yubei = '91500112MA5U7G3K1E'
  const wanzhou = '91500101MA5U7G3K1E'

  it('is a valid definition, and a malformed district code is a problem at its path', () => {
    expect(validateDefinition(def).ok).toBe(true)
    const bad = structuredClone(def)
    bad.recommenders.units[0].regions = ['5001x2']
    expect(validateDefinition(bad)).toEqual({ ok: false, problems: [{ path: 'recommenders.units[0].regions[0]', message: '应为2、4或6位行政区划代码' }] })
  })

  it('offers 两江新区 to an applicant registered in 渝北区, not to one in 万州区; units without regions to both', () => {
    const ids = (creditCode: string) => recommenderChoices(def, field, {}, { creditCode }).map((u) => u.id)
    expect(ids(yubei)).toContain('liangjiang')
    expect(ids(wanzhou)).not.toContain('liangjiang')
    const everywhere = def.recommenders.units.filter((u) => !u.regions).map((u) => u.id)
    expect(ids(wanzhou)).toEqual(everywhere)
    // an unknown applicant (offline) is offered everything
    expect(recommenderChoices(def, field, {}).length).toBe(def.recommenders.units.length)
  })
})
