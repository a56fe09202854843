import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { ATTACHMENT_TYPES, FIELD_MEANING_LABELS, FIELD_MEANINGS, type FieldKind } from '../../../../types/campaign'
import { FIELD_BASE_KEYS, FIELD_KEYS } from '../../../../types/validate-definition'
import {
  asArr,
  asObj,
  asText,
  FIELD_KIND_LABELS,
  FIELD_KINDS,
  moved,
  newField,
  newStepId,
  pathText,
  withKind,
  without,
  type Path,
  type ProblemIndex
} from '../definition'
import { AddButton, CheckBox, ItemActions, Messages, NumberBox, ProblemLines, Row, SelectBox, TextBox } from './controls'
import { scrollToId, type TabProps } from './tab-props'

const KIND_OPTIONS = FIELD_KINDS.map((k) => ({ value: k, label: `${FIELD_KIND_LABELS[k]}（${k}）` }))
const STEP_KEYS = ['id', 'title', 'description', 'fields']
/** The keys a field's form has a control for (visibleIf shown as text): a recommender's routes and byRegion are edited as JSON. */
const FIELD_SHOWN: Record<FieldKind, readonly string[]> = { ...FIELD_KEYS, recommender: [] }
/** 字段含义: how a copied demand finds this field's answer in another campaign (types/carry-over.ts). */
const MEANING_OPTIONS = [{ value: '', label: '不设（按标识或标题对应）' }, ...FIELD_MEANINGS.map((m) => ({ value: m, label: FIELD_MEANING_LABELS[m] }))]
const TEXT_FORMAT_OPTIONS = [
  { value: '', label: '不限' },
  { value: 'phone', label: '电话（座机或手机）' },
  { value: 'mobile', label: '手机号' },
  { value: 'email', label: '电子邮箱' }
]

const fieldDomId = (s: number, f: number) => `st-field-${s}-${f}`

export interface StepsTabProps extends TabProps {
  /** A problem's path to open and scroll to (from the list of problems). */
  focus?: string
}

/** 步骤与字段: the wizard's steps in order, and each step's fields with the limits of their kind. */
export function StepsTab({ def, problems, edit, focus }: StepsTabProps) {
  const steps = asArr(asObj(def).steps)
  // Open field editors, as "step:field"; a field with problems opens when its problem is picked.
  const [open, setOpen] = useState<Set<string>>(() => new Set())

  useEffect(() => {
    const m = focus ? /^steps\[(\d+)\](?:\.fields\[(\d+)\])?/.exec(focus) : null
    if (!m) return
    if (m[2] !== undefined) {
      setOpen((o) => new Set(o).add(`${m[1]}:${m[2]}`))
      scrollToId(fieldDomId(Number(m[1]), Number(m[2])))
    } else scrollToId(`st-step-${m[1]}`)
  }, [focus])

  const toggle = (key: string) =>
    setOpen((o) => {
      const next = new Set(o)
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return next
    })
  const allKeys = steps.flatMap((s, i) => asArr(asObj(s).fields).map((_, j) => `${i}:${j}`))
  const allOpen = allKeys.length > 0 && allKeys.every((k) => open.has(k))

  /** Moves an item and the open editors with it. */
  const moveStep = (from: number, to: number) => {
    edit(['steps'], moved(steps, from, to))
    setOpen((o) => remap(o, (s, f) => [s === from ? to : s === to ? from : s, f]))
  }
  const removeStep = (i: number) => {
    edit(['steps'], without(steps, i))
    setOpen((o) => remap(o, (s, f) => (s === i ? null : [s > i ? s - 1 : s, f])))
  }

  return (
    <View className='st-tab' data-testid='tab-steps'>
      <View className='st-tab__tools ui-row ui-between ui-gap-md ui-pb-xs ui-px-2xs'>
        <Text className='ui-help'>
          共 {steps.length} 步、{allKeys.length} 个字段。企业按此顺序逐步填写。
        </Text>
        {allKeys.length ? (
          <View className='st-link' role='button' onClick={() => setOpen(allOpen ? new Set() : new Set(allKeys))}>
            {allOpen ? '全部收起' : '全部展开'}
          </View>
        ) : null}
      </View>
      <Messages items={problems.at(['steps'])} />
      {steps.map((s, i) => {
        const step = asObj(s)
        const path: Path = ['steps', i]
        const fields = asArr(step.fields)
        const name = `第 ${i + 1} 步`
        const count = problems.within(path).length
        const moveField = (from: number, to: number) => {
          edit([...path, 'fields'], moved(fields, from, to))
          setOpen((o) => remap(o, (si, f) => (si !== i ? [si, f] : [si, f === from ? to : f === to ? from : f])))
        }
        const removeField = (j: number) => {
          edit([...path, 'fields'], without(fields, j))
          setOpen((o) => remap(o, (si, f) => (si !== i ? [si, f] : f === j ? null : [si, f > j ? f - 1 : f])))
        }
        const addField = () => {
          edit([...path, 'fields'], [...fields, newField(def)])
          setOpen((o) => new Set(o).add(`${i}:${fields.length}`))
        }
        return (
          <View key={i} className='card st-step' id={`st-step-${i}`} data-testid='studio-step'>
            <View className='st-item__head ui-row ui-between ui-wrap'>
              <View className='st-step__title ui-h3 ui-break' role='heading' aria-level={3}>
                {name}
                {asText(step.title) ? ` · ${asText(step.title)}` : ''}
                {count ? <Text className='ui-tag ui-tag-xs ui-tone-danger ui-ml-sm ui-medium'>{count} 处问题</Text> : null}
              </View>
              <ItemActions name={name} index={i} count={steps.length} onMove={(to) => moveStep(i, to)} onRemove={() => removeStep(i)} />
            </View>
            <View className='st-grid ui-col'>
              <TextBox label='步骤标识' value={step.id} placeholder='如：basic' messages={problems.at([...path, 'id'])} onChange={(v) => edit([...path, 'id'], v ?? '')} />
              <TextBox label='步骤标题' value={step.title} placeholder='如：基本信息' messages={problems.at([...path, 'title'])} onChange={(v) => edit([...path, 'title'], v ?? '')} />
            </View>
            <TextBox label='步骤说明' optional multiline value={step.description} placeholder='企业在本步上方看到的说明' messages={problems.at([...path, 'description'])} onChange={(v) => edit([...path, 'description'], v)} />
            <ProblemLines problems={problems.rest(path, STEP_KEYS)} />

            <Text className='st-subtitle ui-h5 ui-mt-xl ui-mb-sm'>字段（{fields.length}）</Text>
            <Messages items={problems.at([...path, 'fields'])} />
            <View className='ui-col ui-gap-sm'>
              {fields.map((f, j) => (
                <FieldEditor
                  key={j}
                  field={f}
                  path={[...path, 'fields', j]}
                  domId={fieldDomId(i, j)}
                  index={j}
                  count={fields.length}
                  open={open.has(`${i}:${j}`)}
                  problems={problems}
                  edit={edit}
                  onToggle={() => toggle(`${i}:${j}`)}
                  onMove={(to) => moveField(j, to)}
                  onRemove={() => removeField(j)}
                />
              ))}
            </View>
            <AddButton text='添加字段' testId='add-field' onClick={addField} />
          </View>
        )
      })}
      <AddButton
        text='添加步骤'
        testId='add-step'
        onClick={() => edit(['steps'], [...steps, { id: newStepId(def), title: '', fields: [newField(def)] }])}
      />
    </View>
  )
}

/** The open editors after a move or removal: `map` gives the new place of each, or null. */
function remap(open: Set<string>, map: (step: number, field: number) => [number, number] | null): Set<string> {
  const next = new Set<string>()
  for (const key of open) {
    const [s, f] = key.split(':').map(Number)
    const to = map(s, f)
    if (to) next.add(`${to[0]}:${to[1]}`)
  }
  return next
}

interface FieldEditorProps {
  field: unknown
  path: Path
  domId: string
  index: number
  count: number
  open: boolean
  problems: ProblemIndex
  edit: TabProps['edit']
  onToggle: () => void
  onMove: (to: number) => void
  onRemove: () => void
}

/** One field: a line with its label, kind and id; tapped open, every setting of it. */
function FieldEditor({ field, path, domId, index, count, open, problems, edit, onToggle, onMove, onRemove }: FieldEditorProps) {
  const f = asObj(field)
  const kind = (FIELD_KINDS as unknown[]).includes(f.kind) ? (f.kind as FieldKind) : null
  const label = asText(f.label)
  const name = `字段 ${index + 1}${label ? `“${label}”` : ''}`
  const issues = problems.within(path).length
  const at = (...keys: Array<string | number>) => problems.at([...path, ...keys])
  const set = (key: string) => (v: unknown) => edit([...path, key], v)

  return (
    <View className={`st-field${open ? ' is-open' : ''}${issues ? ' has-error' : ''}`} id={domId} data-testid='studio-field' data-path={pathText(path)}>
      <View className='st-field__head ui-row ui-gap-sm'>
        <View className='st-field__summary ui-grow' role='button' aria-expanded={open} onClick={onToggle}>
          <Text className='ui-strong ui-break'>
            {index + 1}. {label || '（未命名字段）'}
            {f.required === true ? <Text className='ui-danger'> *</Text> : null}
          </Text>
          <Text className='st-field__meta ui-caption ui-mt-2xs ui-break'>
            {kind ? FIELD_KIND_LABELS[kind] : `未知类型 ${asText(f.kind)}`} · {asText(f.id) || '无标识'}
            {issues ? <Text className='ui-tag ui-tag-xs ui-tone-danger ui-ml-sm ui-medium'>{issues} 处问题</Text> : null}
          </Text>
        </View>
        <Text className='ui-value ui-muted ui-keep' aria-hidden='true'>
          {open ? '▴' : '▾'}
        </Text>
      </View>
      {open ? (
        <View className='st-field__body'>
          <ItemActions name={name} index={index} count={count} onMove={onMove} onRemove={onRemove} />
          <View className='st-grid ui-col'>
            <TextBox label='字段标识' value={f.id} placeholder='如：demandName' hint='字母开头，字母、数字或下划线；导出列引用它' messages={at('id')} onChange={(v) => set('id')(v ?? '')} />
            <TextBox label='字段标题' value={f.label} placeholder='企业看到的问题' messages={at('label')} onChange={(v) => set('label')(v ?? '')} />
            <SelectBox label='字段类型' value={f.kind} options={KIND_OPTIONS} messages={at('kind')} onChange={(k) => edit(path, withKind(f, k as FieldKind))} testId='field-kind' />
            <Row label='是否必填'>
              <CheckBox label='必填' checked={f.required === true} onChange={(on) => set('required')(on ? true : undefined)} />
            </Row>
          </View>
          <TextBox label='填写说明' optional multiline value={f.help} placeholder='显示在标题下方' messages={at('help')} onChange={set('help')} />
          <TextBox label='占位提示' optional value={f.placeholder} placeholder='输入框中的灰色提示' messages={at('placeholder')} onChange={set('placeholder')} />
          <SelectBox label='字段含义（复制已有需求、取自单位信息时用）' value={typeof f.meaning === 'string' ? f.meaning : ''} options={MEANING_OPTIONS} messages={at('meaning')} onChange={(v) => set('meaning')(v || undefined)} testId='field-meaning' />
          {kind ? <KindSettings kind={kind} field={f} path={path} problems={problems} edit={edit} /> : null}
          {f.visibleIf !== undefined ? (
            <Row label='显示条件' hint='在 JSON 页中修改'>
              <Text className='st-static ui-text ui-break'>{conditionText(f.visibleIf)}</Text>
              <ProblemLines problems={problems.within([...path, 'visibleIf'])} />
            </Row>
          ) : null}
          <ProblemLines problems={problems.rest(path, [...FIELD_BASE_KEYS, ...(kind ? FIELD_SHOWN[kind] : [])])} />
        </View>
      ) : null}
    </View>
  )
}

function conditionText(c: unknown): string {
  const o = asObj(c)
  const target = asText(o.field) || '？'
  const parts: string[] = []
  if (o.equals !== undefined) parts.push(`字段 ${target} 的回答为“${o.equals === true ? '是' : o.equals === false ? '否' : String(o.equals)}”`)
  if (o.includes !== undefined) parts.push(`字段 ${target} 的选择包含“${String(o.includes)}”`)
  if (Array.isArray(o.unitType)) parts.push(`单位类型为 ${o.unitType.map(String).join('、')}`)
  return parts.length ? `当${parts.join('，且')}时显示` : JSON.stringify(c)
}

/** The limits of the field's kind. */
function KindSettings({ kind, field, path, problems, edit }: { kind: FieldKind; field: Record<string, unknown>; path: Path; problems: ProblemIndex; edit: TabProps['edit'] }) {
  const at = (...keys: Array<string | number>) => problems.at([...path, ...keys])
  const num = (key: string, label: string, opts: { optional?: boolean; placeholder?: string; hint?: string } = {}) => (
    <NumberBox key={key} label={label} optional={opts.optional} value={field[key]} placeholder={opts.placeholder} hint={opts.hint} messages={at(key)} onChange={(v) => edit([...path, key], v)} />
  )
  switch (kind) {
    case 'text':
      return (
        <View className='st-grid ui-col'>
          {num('maxLength', '最多字数', { placeholder: '如：50' })}
          <SelectBox
            label='格式要求'
            value={typeof field.format === 'string' ? field.format : ''}
            options={TEXT_FORMAT_OPTIONS}
            messages={at('format')}
            onChange={(v) => edit([...path, 'format'], v || undefined)}
          />
        </View>
      )
    case 'textarea':
      return (
        <View className='st-grid ui-col'>
          {num('maxLength', '最多字数', { placeholder: '如：500' })}
          {num('minLength', '最少字数', { optional: true })}
        </View>
      )
    case 'single':
    case 'multi':
      return (
        <>
          <OptionsEditor options={field.options} path={[...path, 'options']} problems={problems} edit={edit} />
          {kind === 'multi' ? (
            <View className='st-grid ui-col'>
              {num('minItems', '最少选几项', { optional: true })}
              {num('maxItems', '最多选几项', { optional: true })}
            </View>
          ) : null}
        </>
      )
    case 'amount':
    case 'number':
      return (
        <View className='st-grid ui-col'>
          <TextBox label='单位' value={field.unit} placeholder={kind === 'amount' ? '万元' : '如：项、人、%'} messages={at('unit')} onChange={(v) => edit([...path, 'unit'], v ?? '')} />
          {num('precision', '小数位数', { placeholder: '如：2' })}
          {num('min', '最小值', { optional: true })}
          {num('max', '最大值', { optional: true })}
        </View>
      )
    case 'attachments': {
      const accept = asArr(field.accept)
      const toggle = (t: string, on: boolean) =>
        edit([...path, 'accept'], on ? [...ATTACHMENT_TYPES.filter((x) => x === t || accept.includes(x))] : accept.filter((x) => x !== t))
      return (
        <>
          <View className='st-grid ui-col'>
            {num('maxFiles', '最多文件数', { placeholder: '如：5' })}
            {num('maxSizeMB', '单个文件上限（MB）', { placeholder: '如：20' })}
          </View>
          <Row label='允许的文件类型' messages={at('accept')}>
            <View className='st-checks st-checks--row' role='group' aria-label='允许的文件类型'>
              {ATTACHMENT_TYPES.map((t) => (
                <CheckBox key={t} label={t.toUpperCase()} checked={accept.includes(t)} onChange={(on) => toggle(t, on)} />
              ))}
            </View>
            <ProblemLines problems={problems.rest([...path, 'accept'], [])} />
          </Row>
        </>
      )
    }
    case 'indicators':
      return (
        <View className='st-grid ui-col'>
          {num('minRows', '最少行数', { placeholder: '如：1' })}
          {num('maxRows', '最多行数', { placeholder: '如：10' })}
        </View>
      )
    case 'gate':
      return (
        <>
          <SelectBox
            label='何时终止填报'
            value={field.stopWhen === true ? 'true' : field.stopWhen === false ? 'false' : ''}
            options={[
              { value: 'true', label: '回答“是”时终止' },
              { value: 'false', label: '回答“否”时终止' }
            ]}
            messages={at('stopWhen')}
            onChange={(v) => edit([...path, 'stopWhen'], v === 'true')}
          />
          <TextBox label='终止时的提示' multiline value={field.stopMessage} placeholder='如：涉密需求请线下报送' messages={at('stopMessage')} onChange={(v) => edit([...path, 'stopMessage'], v ?? '')} />
        </>
      )
    case 'domain':
      return (
        <Row label='方向' hint='领域及方向在 JSON 页的 domains 中维护' messages={at('directionRequired')}>
          <CheckBox label='必须选择方向' checked={field.directionRequired === true} onChange={(on) => edit([...path, 'directionRequired'], on)} />
        </Row>
      )
    default:
      return <Text className='ui-help ui-mt-2xs ui-mb-sm'>此类型没有其他设置。</Text>
  }
}

/** The options of a single or multiple choice: value (stored) and label (shown). */
function OptionsEditor({ options, path, problems, edit }: { options: unknown; path: Path; problems: ProblemIndex; edit: TabProps['edit'] }) {
  const list = asArr(options)
  const nextValue = () => {
    const used = new Set(list.map((o) => asObj(o).value))
    let n = list.length + 1
    while (used.has(`opt${n}`)) n++
    return `opt${n}`
  }
  return (
    <Row label='选项' hint='选项值保存在需求中，发布后不要修改已被选过的值' messages={problems.at(path)}>
      {list.map((o, k) => {
        const opt = asObj(o)
        const name = `选项 ${k + 1}`
        return (
          <View key={k} className='st-option ui-pb-xs ui-mb-xs'>
            <View className='st-option__fields ui-flex ui-gap-md'>
              <TextBox label={`${name} 值`} value={opt.value} placeholder='如：yes' messages={problems.at([...path, k, 'value'])} onChange={(v) => edit([...path, k, 'value'], v ?? '')} />
              <TextBox label={`${name} 文字`} value={opt.label} placeholder='企业看到的文字' messages={problems.at([...path, k, 'label'])} onChange={(v) => edit([...path, k, 'label'], v ?? '')} />
            </View>
            <View className='st-option__extra'>
              <CheckBox
                label='“其他”，可填写文字'
                checked={opt.other === true}
                onChange={(on) => edit([...path, k], on ? { ...opt, other: true } : withoutKeys(opt, ['other', 'otherMaxLength']))}
              />
              {opt.other === true ? (
                <NumberBox
                  label='文字最多字数'
                  optional
                  value={opt.otherMaxLength}
                  placeholder='默认 100'
                  messages={problems.at([...path, k, 'otherMaxLength'])}
                  onChange={(v) => edit([...path, k, 'otherMaxLength'], v)}
                />
              ) : null}
            </View>
            <ItemActions name={name} index={k} count={list.length} onMove={(to) => edit(path, moved(list, k, to))} onRemove={() => edit(path, without(list, k))} />
            <ProblemLines problems={problems.rest([...path, k], ['value', 'label', 'otherMaxLength'])} />
          </View>
        )
      })}
      <AddButton text='添加选项' onClick={() => edit(path, [...list, { value: nextValue(), label: '' }])} />
    </Row>
  )
}

function withoutKeys(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const next = { ...o }
  for (const k of keys) delete next[k]
  return next
}
