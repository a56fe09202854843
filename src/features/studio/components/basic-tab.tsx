import { Text, View } from '@tarojs/components'
import { UNIT_TYPES, UNIT_TYPE_LABELS } from '../../../../types/domain'
import { asArr, asObj, asText, moved, without } from '../definition'
import { AddButton, CheckBox, DateBox, ItemActions, Messages, NumberBox, ProblemLines, Row, Section, SelectBox, TextBox } from './controls'
import type { TabProps } from './tab-props'

const CONTACT_KEYS = ['group', 'topic', 'person', 'phone']
const RULE_KEYS = ['id', 'field', 'op', 'value', 'message']
const OPS = [
  { value: '>=', label: '不低于（≥）' },
  { value: '>', label: '高于（>）' },
  { value: '<=', label: '不高于（≤）' },
  { value: '<', label: '低于（<）' }
]

/** 基本信息: the notice's texts, who issues it, when it runs, who may file and whom to ask. */
export function BasicTab({ def, problems, edit }: TabProps) {
  const d = asObj(def)
  const coIssuers = asArr(d.coIssuers)
  const deadlines = asObj(d.deadlines)
  const eligible = asArr(d.eligibleUnitTypes)
  const limit = asObj(d.demandLimit)
  const contacts = asArr(d.contacts)
  const rules = asArr(d.eligibility)
  // Rules compare a number the enterprise gives: the amount and number fields of the steps.
  const numericFields = asArr(d.steps)
    .flatMap((s) => asArr(asObj(s).fields))
    .map((f) => asObj(f))
    .filter((f) => (f.kind === 'amount' || f.kind === 'number') && typeof f.id === 'string' && f.id !== '')
    .map((f) => ({ value: f.id as string, label: `${asText(f.label) || (f.id as string)}（${f.id as string}）` }))

  // The global unit types, then those the campaign declares itself (edited in the JSON tab).
  const unitTypes = [
    ...UNIT_TYPES.map((id) => ({ id: id as string, label: UNIT_TYPE_LABELS[id] })),
    ...asArr(d.unitTypes)
      .map((t) => asObj(t))
      .filter((t) => typeof t.id === 'string' && t.id !== '' && !(UNIT_TYPES as readonly unknown[]).includes(t.id))
      .map((t) => ({ id: t.id as string, label: `${asText(t.label) || (t.id as string)}（本活动声明）` }))
  ]
  const unlimited = limit.perEnterprise === null

  const setCoIssuers = (list: unknown[]) => edit(['coIssuers'], list.length ? list : undefined)
  const toggleType = (t: string, on: boolean) => {
    const next = on ? [...eligible.filter((x) => x !== t), t] : eligible.filter((x) => x !== t)
    // In the order of the list, then anything unknown the JSON had.
    const ids = unitTypes.map((u) => u.id)
    edit(['eligibleUnitTypes'], [...ids.filter((u) => next.includes(u)), ...next.filter((x) => !ids.includes(x as string))])
  }

  return (
    <View className='st-tab' data-testid='tab-basic'>
      <Section title='活动信息'>
        <Row label='活动编号' hint='创建时生成，用于链接和导出，不能修改' messages={problems.at(['id'])}>
          <Text className='st-static ui-text ui-break' selectable userSelect>
            {asText(d.id) || '（无）'}
          </Text>
        </Row>
        <TextBox label='活动标题' value={d.title} placeholder='如：2026年度重点领域企业技术创新需求征集' messages={problems.at(['title'])} onChange={(v) => edit(['title'], v)} testId='input-title' />
        <TextBox label='一句话简介' value={d.tagline} placeholder='活动列表中标题下的一行说明' messages={problems.at(['tagline'])} onChange={(v) => edit(['tagline'], v)} />
        <TextBox label='通知摘要' value={d.summary} multiline placeholder='通知的要点：征集什么、谁可以填报、如何推荐' messages={problems.at(['summary'])} onChange={(v) => edit(['summary'], v)} />
        <TextBox label='通知文号或链接' value={d.notice} placeholder='如：渝科局发〔2026〕12号 或 https://…' messages={problems.at(['notice'])} onChange={(v) => edit(['notice'], v)} />
        <Row label='发布单位' hint='本单位，创建时自动填写' messages={problems.at(['issuer'])}>
          <Text className='st-static ui-text ui-break'>{asText(d.issuer) || '（无）'}</Text>
        </Row>
        <Row label='联合发布单位' tag='选填' hint='联合发布单位的科技主管部门账号同样可以编辑本活动' messages={problems.at(['coIssuers'])}>
          {coIssuers.map((c, i) => (
            <View key={i} className='st-inline'>
              <TextBox
                className='ui-grow'
                label={`联合发布单位 ${i + 1}`}
                value={c}
                placeholder='单位全称'
                messages={problems.at(['coIssuers', i])}
                onChange={(v) => edit(['coIssuers', i], v ?? '')}
              />
              <View className='st-mini st-mini--danger' role='button' aria-label={`删除联合发布单位 ${i + 1}`} onClick={() => setCoIssuers(without(coIssuers, i))}>
                删除
              </View>
            </View>
          ))}
          <AddButton text='添加联合发布单位' onClick={() => setCoIssuers([...coIssuers, ''])} />
        </Row>
      </Section>

      <Section title='时间安排'>
        <View className='st-grid ui-col'>
          <DateBox label='开始填报日期' optional value={d.opensOn} messages={problems.at(['opensOn'])} onChange={(v) => edit(['opensOn'], v)} />
          <DateBox label='企业填报截止日期' value={deadlines.enterprise} messages={problems.at(['deadlines', 'enterprise'])} onChange={(v) => edit(['deadlines', 'enterprise'], v ?? '')} />
          <DateBox label='推荐截止日期' value={deadlines.recommender} messages={problems.at(['deadlines', 'recommender'])} onChange={(v) => edit(['deadlines', 'recommender'], v ?? '')} />
        </View>
        <Text className='ui-help ui-mt-2xs ui-mb-sm'>截止日期当天 24:00 截止（北京时间）。推荐截止日期不能早于企业填报截止日期。</Text>
        <ProblemLines problems={problems.rest(['deadlines'], ['enterprise', 'recommender'])} />
      </Section>

      <Section title='填报范围'>
        <Row label='可以填报的单位类型' messages={problems.at(['eligibleUnitTypes'])}>
          <View className='st-checks' role='group' aria-label='可以填报的单位类型'>
            {unitTypes.map((t) => (
              <CheckBox key={t.id} label={t.label} checked={eligible.includes(t.id)} onChange={(on) => toggleType(t.id, on)} testId={`unit-type-${t.id}`} />
            ))}
          </View>
          <ProblemLines problems={problems.rest(['eligibleUnitTypes'], [])} />
        </Row>
        <Row label='每家单位可填报需求数' messages={unlimited ? problems.at(['demandLimit', 'perEnterprise']) : []}>
          <CheckBox label='不限' checked={unlimited} onChange={(on) => edit(['demandLimit', 'perEnterprise'], on ? null : 1)} />
        </Row>
        {unlimited ? null : (
          <NumberBox
            label='每家单位最多填报（项）'
            value={limit.perEnterprise}
            placeholder='如：1'
            messages={problems.at(['demandLimit', 'perEnterprise'])}
            onChange={(v) => edit(['demandLimit', 'perEnterprise'], v)}
          />
        )}
        <ProblemLines problems={problems.rest(['demandLimit'], ['perEnterprise'])} />
      </Section>

      <Section title='资格条件' extra={<Text className='ui-meta'>{rules.length} 条</Text>}>
        <Text className='st-row__hint ui-caption'>企业填到该字段时即检查，不满足的不能继续填报。按单位类型生效、与其他字段比较等写法请在 JSON 中编辑。</Text>
        <Messages items={problems.at(['eligibility'])} />
        {rules.map((r, i) => {
          const rule = asObj(r)
          const name = `条件 ${i + 1}`
          return (
            <View key={i} className='st-item' id={`st-rule-${i}`}>
              <View className='st-item__head ui-row ui-between ui-wrap'>
                <Text className='st-item__title ui-h5 ui-break'>{name}</Text>
                <ItemActions name={name} index={i} count={rules.length} onMove={(to) => edit(['eligibility'], moved(rules, i, to))} onRemove={() => edit(['eligibility'], without(rules, i))} />
              </View>
              <View className='st-grid ui-col'>
                <TextBox label='条件标识' value={rule.id} placeholder='如：rd-ratio' messages={problems.at(['eligibility', i, 'id'])} onChange={(v) => edit(['eligibility', i, 'id'], v ?? '')} />
                <SelectBox label='检查的字段' value={rule.field} options={numericFields} placeholder='请选择金额或数字字段' messages={problems.at(['eligibility', i, 'field'])} onChange={(v) => edit(['eligibility', i, 'field'], v)} />
                <SelectBox label='比较' value={rule.op} options={OPS} messages={problems.at(['eligibility', i, 'op'])} onChange={(v) => edit(['eligibility', i, 'op'], v)} />
                {typeof rule.value === 'object' && rule.value !== null ? (
                  <Row label='界限'>
                    <Text className='st-static ui-text ui-break'>与字段“{asText(asObj(rule.value).field)}”比较（在 JSON 中编辑）</Text>
                  </Row>
                ) : (
                  <NumberBox label='界限' value={rule.value} messages={problems.at(['eligibility', i, 'value'])} onChange={(v) => edit(['eligibility', i, 'value'], v)} />
                )}
                <TextBox label='不满足时的提示' value={rule.message} multiline className='st-grid__wide' placeholder='如：上年度研发投入占营业收入比例应不低于3%' messages={problems.at(['eligibility', i, 'message'])} onChange={(v) => edit(['eligibility', i, 'message'], v ?? '')} />
              </View>
              <ProblemLines problems={problems.rest(['eligibility', i], RULE_KEYS)} />
            </View>
          )
        })}
        <AddButton
          text='添加资格条件'
          testId='add-rule'
          onClick={() => edit(['eligibility'], [...rules, { id: `rule-${rules.length + 1}`, field: numericFields[0]?.value ?? '', op: '>=', value: 0, message: '' }])}
        />
      </Section>

      <Section title='咨询联系人' extra={<Text className='ui-meta'>{contacts.length} 人</Text>}>
        <Messages items={problems.at(['contacts'])} />
        {contacts.map((c, i) => {
          const row = asObj(c)
          const name = `联系人 ${i + 1}`
          return (
            <View key={i} className='st-item' id={`st-contact-${i}`}>
              <View className='st-item__head ui-row ui-between ui-wrap'>
                <Text className='st-item__title ui-h5 ui-break'>{name}</Text>
                <ItemActions name={name} index={i} count={contacts.length} onMove={(to) => edit(['contacts'], moved(contacts, i, to))} onRemove={() => edit(['contacts'], without(contacts, i))} />
              </View>
              <View className='st-grid ui-col'>
                <TextBox label='类别' value={row.group} placeholder='如：重大专项' messages={problems.at(['contacts', i, 'group'])} onChange={(v) => edit(['contacts', i, 'group'], v ?? '')} />
                <TextBox label='负责事项' value={row.topic} placeholder='如：智能网联新能源汽车' messages={problems.at(['contacts', i, 'topic'])} onChange={(v) => edit(['contacts', i, 'topic'], v ?? '')} />
                <TextBox label='联系人' optional value={row.person} placeholder='姓名' messages={problems.at(['contacts', i, 'person'])} onChange={(v) => edit(['contacts', i, 'person'], v)} />
                <TextBox label='电话' value={row.phone} placeholder='如：023-63862050' messages={problems.at(['contacts', i, 'phone'])} onChange={(v) => edit(['contacts', i, 'phone'], v ?? '')} />
              </View>
              <ProblemLines problems={problems.rest(['contacts', i], CONTACT_KEYS)} />
            </View>
          )
        })}
        <AddButton text='添加联系人' testId='add-contact' onClick={() => edit(['contacts'], [...contacts, { group: '', topic: '', phone: '' }])} />
      </Section>
    </View>
  )
}
