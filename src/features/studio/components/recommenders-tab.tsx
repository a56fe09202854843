import { Text, View } from '@tarojs/components'
import { asArr, asObj, asText, moved, without } from '../definition'
import { AddButton, CheckBox, ItemActions, Messages, NumberBox, ProblemLines, Section, SelectBox, TextBox } from './controls'
import type { TabProps } from './tab-props'

/** 推荐单位: the kinds of recommending unit with their quotas, and the units themselves. */
export function RecommendersTab({ def, problems, edit }: TabProps) {
  const rec = asObj(asObj(def).recommenders)
  const types = asArr(rec.unitTypes)
  const units = asArr(rec.units)
  const typeOptions = types
    .map((t) => asObj(t))
    .filter((t) => typeof t.id === 'string' && t.id !== '')
    .map((t) => ({ value: t.id as string, label: asText(t.label) ? `${asText(t.label)}（${t.id as string}）` : (t.id as string) }))
  const base = ['recommenders'] as const
  // Parts the form does not edit (recommendation fields, 重点推荐, sign-offs, sub-quotas): named, edited as JSON.
  const extras = [
    asArr(rec.fields).length ? `推荐时填写的字段 ${asArr(rec.fields).length} 个` : '',
    rec.keyMark !== undefined ? '重点推荐标记' : '',
    asArr(rec.signOffs).length ? `会签部门 ${asArr(rec.signOffs).length} 个` : '',
    types.some((t) => asArr(asObj(t).subQuotas).length) ? '分项名额' : ''
  ].filter(Boolean)

  return (
    <View className='st-tab' data-testid='tab-recommenders'>
      <Messages items={problems.at(['recommenders'])} />
      <Section title='推荐单位类型' extra={<Text className='ui-meta'>{types.length} 类</Text>}>
        <Text className='ui-help ui-mt-2xs ui-mb-sm'>每类推荐单位可推荐的需求数（名额）；通知未规定名额的选“不限”。</Text>
        <Messages items={problems.at([...base, 'unitTypes'])} />
        {types.map((t, i) => {
          const row = asObj(t)
          const path = [...base, 'unitTypes', i]
          const name = `推荐单位类型 ${i + 1}`
          const unlimited = row.quota === null
          return (
            <View key={i} className='st-item' id={`st-unit-type-${i}`}>
              <View className='st-item__head ui-row ui-between ui-wrap'>
                <Text className='st-item__title ui-h5 ui-break'>{asText(row.label) || name}</Text>
                <ItemActions name={name} index={i} count={types.length} onMove={(to) => edit([...base, 'unitTypes'], moved(types, i, to))} onRemove={() => edit([...base, 'unitTypes'], without(types, i))} />
              </View>
              <View className='st-grid ui-col'>
                <TextBox label='类型标识' value={row.id} placeholder='如：district' hint='字母、数字或连字符' messages={problems.at([...path, 'id'])} onChange={(v) => edit([...path, 'id'], v ?? '')} />
                <TextBox label='类型名称' value={row.label} placeholder='如：区县科技主管部门' messages={problems.at([...path, 'label'])} onChange={(v) => edit([...path, 'label'], v ?? '')} />
                <View className='st-row'>
                  <CheckBox label='名额不限' checked={unlimited} onChange={(on) => edit([...path, 'quota'], on ? null : 10)} />
                </View>
                {unlimited ? null : (
                  <NumberBox label='名额' value={row.quota} placeholder='如：30' messages={problems.at([...path, 'quota'])} onChange={(v) => edit([...path, 'quota'], v)} />
                )}
              </View>
              {unlimited ? <Messages items={problems.at([...path, 'quota'])} /> : null}
              <ProblemLines problems={problems.rest(path, ['id', 'label', 'quota'])} />
            </View>
          )
        })}
        <AddButton text='添加推荐单位类型' testId='add-unit-type' onClick={() => edit([...base, 'unitTypes'], [...types, { id: '', label: '', quota: null }])} />
      </Section>

      <Section title='推荐单位' extra={<Text className='ui-meta'>{units.length} 家</Text>}>
        <Text className='ui-help ui-mt-2xs ui-mb-sm'>企业填报时从中选择一家推荐单位；每家单位须属于上面的一类。</Text>
        <Messages items={problems.at([...base, 'units'])} />
        {units.map((u, i) => {
          const row = asObj(u)
          const path = [...base, 'units', i]
          const name = `推荐单位 ${i + 1}`
          return (
            <View key={i} className='st-item' id={`st-unit-${i}`}>
              <View className='st-item__head ui-row ui-between ui-wrap'>
                <Text className='st-item__title ui-h5 ui-break'>{asText(row.name) || name}</Text>
                <ItemActions name={name} index={i} count={units.length} onMove={(to) => edit([...base, 'units'], moved(units, i, to))} onRemove={() => edit([...base, 'units'], without(units, i))} />
              </View>
              <View className='st-grid ui-col'>
                <TextBox label='单位标识' value={row.id} placeholder='如：liangjiang' messages={problems.at([...path, 'id'])} onChange={(v) => edit([...path, 'id'], v ?? '')} />
                <TextBox label='单位名称' value={row.name} placeholder='如：两江新区科技主管部门' messages={problems.at([...path, 'name'])} onChange={(v) => edit([...path, 'name'], v ?? '')} />
                <SelectBox
                  label='单位类型'
                  value={row.type}
                  options={typeOptions}
                  placeholder={typeOptions.length ? '请选择单位类型' : '请先添加推荐单位类型'}
                  messages={problems.at([...path, 'type'])}
                  onChange={(v) => edit([...path, 'type'], v)}
                />
              </View>
              <ProblemLines problems={problems.rest(path, ['id', 'name', 'type'])} />
            </View>
          )
        })}
        <AddButton
          text='添加推荐单位'
          testId='add-unit'
          onClick={() => edit([...base, 'units'], [...units, { id: '', name: '', type: typeOptions.length === 1 ? typeOptions[0].value : '' }])}
        />
      </Section>
      {extras.length ? <Text className='ui-help ui-mt-2xs ui-mb-sm'>本活动另设有{extras.join('、')}，请在 JSON 页中修改。</Text> : null}
      <ProblemLines problems={problems.rest(['recommenders'], ['unitTypes', 'units']).filter((p) => p.path !== 'recommenders')} />
    </View>
  )
}
