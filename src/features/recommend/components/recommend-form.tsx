import { Input, Text, Textarea, View } from '@tarojs/components'
import { useMemo, useState, type ReactNode } from 'react'
import { TRL_LEVELS, type AttachmentsField, type CampaignDefinition, type FieldDefinition, type Option } from '../../../../types/campaign'
import { textLength, visibleFields, type Answers, type AttachmentRef } from '../../../../types/engine'
import { formatSize } from '../../../../types/display'
import type { KeyMarkMeter, RecommendInput } from '../../../../types/recommend'
import {
  recommenderDefinition,
  recommenderFields,
  storedRecommenderAnswers,
  validateRecommenderAnswers
} from '../../../../types/recommender-fields'
import { Button } from '../../../components/button'
import { PrivacySheet } from '../../../components/privacy-sheet'
import { reportingError } from '../../../components/report-error'
import { pickFile, uploadRecommenderFile } from '../upload'
import { Notice } from './notice'

export interface RecommendFormProps {
  def: CampaignDefinition
  demandId: string
  /** What the unit gave the last time (recommended before, then not): a start. */
  initial?: Answers
  /** The unit's 重点推荐 marks so far (from its quota meter). */
  keyMarks?: KeyMarkMeter
  busy: boolean
  /** Problems the server found, by field id. */
  serverErrors?: Record<string, string>
  onCancel: () => void
  onSubmit: (input: RecommendInput) => void
}


/** A field's label, help and error around its input; the error is announced. */
function FieldBlock({ field, error, children }: { field: FieldDefinition; error?: string; children: ReactNode }) {
  return (
    <View className={`rc-form__field${error ? ' has-error' : ''}`} data-field={field.id} data-testid='recommender-field'>
      <Text className='ui-strong ui-mb-xs' id={`rc-form-${field.id}`}>
        {field.label}
        {field.required ? <Text className='ui-danger'> *</Text> : null}
      </Text>
      {field.help ? <Text className='ui-help ui-mb-xs'>{field.help}</Text> : null}
      {children}
      {error ? (
        <View className='ui-error ui-mt-xs' role='alert' data-testid='field-error'>
          {error}
        </View>
      ) : null}
    </View>
  )
}

/** One choice (radio) or several (checkbox), as chips. */
function ChoiceChips({ label, options, selected, multiple, onToggle }: { label: string; options: Option[]; selected: string[]; multiple: boolean; onToggle: (value: string) => void }) {
  return (
    <View className='ui-flex ui-wrap ui-gap-sm' role={multiple ? 'group' : 'radiogroup'} aria-label={label}>
      {options.map((o) => {
        const on = selected.includes(o.value)
        return (
          <View
            key={o.value}
            className={`rc-chip${on ? ' is-on' : ''}`}
            role={multiple ? 'checkbox' : 'radio'}
            aria-checked={on}
            data-value={o.value}
            onClick={() => onToggle(o.value)}
          >
            {o.label}
          </View>
        )
      })}
    </View>
  )
}

/** The unit's files for one attachments field: the list, remove, and one more upload while there is room. */
function FilesInput({ demandId, field, value, onChange }: { demandId: string; field: AttachmentsField; value: AttachmentRef[]; onChange: (refs: AttachmentRef[]) => void }) {
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string>()
  // Busy only while uploading: not while the person picks the file.
  const add = () =>
    reportingError(
      async () => {
        const picked = await pickFile(field.accept)
        if (!picked) return
        setBusy(true)
        const ref = await uploadRecommenderFile(demandId, field.id, picked)
        onChange([...value, ref])
      },
      setError,
      () => setBusy(false)
    )
  return (
    <View className='ui-col ui-gap-xs'>
      <View role='list' aria-label={`${field.label}已上传的文件`}>
        {value.map((f) => (
          <View key={f.id} className='ui-flex ui-baseline ui-gap-md ui-py-xs' role='listitem' data-attachment={f.id}>
            <Text className='ui-value-sm ui-grow ui-break'>{f.name}</Text>
            <Text className='ui-meta'>{formatSize(f.size)}</Text>
            <View className='ui-link-lg' role='button' aria-label={`删除文件 ${f.name}`} onClick={() => onChange(value.filter((x) => x.id !== f.id))}>
              删除
            </View>
          </View>
        ))}
      </View>
      {value.length < field.maxFiles ? (
        <Button size='small' fill='outline' loading={busy} disabled={busy} aria-label={`上传${field.label}`} data-testid='recommender-upload' onClick={() => void add()}>
          {busy ? '正在上传…' : '上传文件'}
        </Button>
      ) : null}
      <Text className='ui-help ui-mb-xs'>
        {field.accept.map((t) => '.' + t).join(' ')}，每个不超过{field.maxSizeMB}MB，最多{field.maxFiles}个
      </Text>
      {error ? (
        <View className='ui-error ui-mt-xs' role='alert'>
          {error}
        </View>
      ) : null}
      {/* the platform's privacy prompt, when picking needs the person's agreement (services/privacy) */}
      <PrivacySheet />
    </View>
  )
}

/**
 * What the unit gives when it recommends, as the campaign asks it: its fields
 * (`recommenders.fields`), an opinion per sign-off, its uploads, and the 重点推荐 mark. Checked
 * here by the same engine functions the server runs, so the server's refusal is the exception.
 */
export function RecommendForm({ def, demandId, initial, keyMarks, busy, serverErrors, onCancel, onSubmit }: RecommendFormProps) {
  const form = useMemo(() => recommenderDefinition(def), [def])
  const fields = recommenderFields(def)
  const mark = def.recommenders.keyMark
  const [answers, setAnswers] = useState<Answers>(() => ({ ...(initial ?? {}) }))
  /** What is typed into number fields, as typed. */
  const [texts, setTexts] = useState<Record<string, string>>(() =>
    Object.fromEntries(fields.filter((f) => f.kind === 'amount' || f.kind === 'number').map((f) => [f.id, initial?.[f.id] === undefined ? '' : String(initial[f.id])]))
  )
  const [keyed, setKeyed] = useState(false)
  const [errors, setErrors] = useState<Record<string, string>>({})
  const shown = new Set(visibleFields(form, answers).map((f) => f.id))
  const errorOf = (id: string) => errors[id] ?? serverErrors?.[id]

  const set = (id: string, value: unknown) => {
    setAnswers((a) => {
      const next = { ...a }
      if (value === undefined) delete next[id]
      else next[id] = value
      return next
    })
    setErrors((e) => {
      const { [id]: _gone, ...rest } = e
      return rest
    })
  }

  const submit = () => {
    const issues = validateRecommenderAnswers(def, answers)
    if (issues.length) {
      const byField: Record<string, string> = {}
      for (const i of issues) byField[i.field] ??= i.message
      setErrors(byField)
      return
    }
    setErrors({})
    onSubmit({ answers: storedRecommenderAnswers(def, answers), ...(mark ? { keyRecommended: keyed } : {}) })
  }

  const input = (f: FieldDefinition) => {
    const value = answers[f.id]
    switch (f.kind) {
      case 'text':
      case 'date':
        return (
          <View className='rc-form__box'>
            <Input
              className='rc-form__input'
              value={typeof value === 'string' ? value : ''}
              placeholder={f.placeholder ?? (f.kind === 'date' ? 'YYYY-MM-DD' : '')}
              maxlength={f.kind === 'text' ? f.maxLength + 50 : 10}
              aria-label={f.label}
              nativeProps={{ 'aria-label': f.label }}
              onInput={(e) => set(f.id, e.detail.value)}
            />
          </View>
        )
      case 'textarea': {
        const text = typeof value === 'string' ? value : ''
        const n = textLength(text.trim())
        return (
          <>
            <View className='rc-form__box'>
              <Textarea
                className='rc-reason__input'
                value={text}
                placeholder={f.placeholder ?? ''}
                maxlength={f.maxLength + 200}
                aria-label={f.label}
                nativeProps={{ 'aria-label': f.label }}
                onInput={(e) => set(f.id, e.detail.value)}
              />
            </View>
            <Text className={n > f.maxLength ? 'ui-danger' : 'ui-muted'}>
              {n}/{f.maxLength}
            </Text>
          </>
        )
      }
      case 'amount':
      case 'number':
        return (
          <View className='rc-form__box rc-form__box--unit'>
            <Input
              className='rc-form__input'
              type='digit'
              value={texts[f.id] ?? ''}
              placeholder={f.placeholder ?? ''}
              aria-label={`${f.label}（${f.unit}）`}
              nativeProps={{ 'aria-label': `${f.label}（${f.unit}）` }}
              onInput={(e) => {
                const raw = e.detail.value
                setTexts((t) => ({ ...t, [f.id]: raw }))
                const trimmed = raw.trim()
                set(f.id, trimmed === '' ? undefined : Number.isFinite(Number(trimmed)) ? Number(trimmed) : trimmed)
              }}
            />
            <Text className='ui-label ui-keep'>{f.unit}</Text>
          </View>
        )
      case 'single':
        return (
          <ChoiceChips
            label={f.label}
            options={f.options}
            multiple={false}
            selected={typeof value === 'string' ? [value] : []}
            onToggle={(v) => set(f.id, value === v && !f.required ? undefined : v)}
          />
        )
      case 'multi': {
        const list = Array.isArray(value) ? (value as string[]) : []
        return (
          <ChoiceChips
            label={f.label}
            options={f.options}
            multiple
            selected={list}
            onToggle={(v) => set(f.id, list.includes(v) ? list.filter((x) => x !== v) : [...list, v])}
          />
        )
      }
      case 'maturity':
        return (
          <ChoiceChips
            label={f.label}
            options={TRL_LEVELS.map((l) => ({ value: String(l.level), label: `${l.level}级` }))}
            multiple={false}
            selected={typeof value === 'number' ? [String(value)] : []}
            onToggle={(v) => set(f.id, Number(v))}
          />
        )
      case 'attachments':
        return <FilesInput demandId={demandId} field={f} value={Array.isArray(value) ? (value as AttachmentRef[]) : []} onChange={(refs) => set(f.id, refs.length ? refs : undefined)} />
      default:
        // Not asked of recommending units (types/validate-definition.ts refuses these kinds).
        return <Text className='ui-help ui-mb-xs'>此项请联系主管部门填写</Text>
    }
  }

  const problems = Object.keys(errors).length
  return (
    <View className='rc-reason rc-form ui-mt-md ui-pt-md ui-line-top' data-testid='form-recommend' role='form' aria-label='推荐'>
      <Text className='ui-h4 ui-mb-xs'>推荐</Text>
      <Text className='ui-help ui-mb-xs'>请填写推荐单位须提供的内容，提交后列入本单位推荐名单。</Text>
      {fields
        .filter((f) => shown.has(f.id))
        .map((f) => (
          <FieldBlock key={f.id} field={f} error={errorOf(f.id)}>
            {input(f)}
          </FieldBlock>
        ))}
      {mark ? (
        <View className='rc-form__field'>
          <View
            className={`rc-switch ui-row ui-gap-md ui-py-xs${keyed ? ' is-on' : ''}`}
            role='switch'
            aria-checked={keyed}
            aria-label={`标记为“${mark.label}”`}
            data-testid='key-mark-toggle'
            onClick={() => setKeyed((k) => !k)}
          >
            <View className='rc-switch__track' aria-hidden='true'>
              <View className='rc-switch__thumb' />
            </View>
            <Text className='ui-value'>标记为“{mark.label}”</Text>
          </View>
          {keyMarks ? (
            <Text className='ui-help ui-mb-xs' data-testid='key-mark-usage'>
              本单位已标记 {keyMarks.used} 项{keyMarks.max !== null ? `，最多 ${keyMarks.max} 项` : ''}
            </Text>
          ) : null}
        </View>
      ) : null}
      {problems ? (
        <Notice kind='error' testId='form-errors'>
          还有{problems}处需要完善，请按提示修改后再推荐
        </Notice>
      ) : null}
      <View className='rc-actions ui-flex ui-wrap ui-gap-md ui-mt-md'>
        <Button className='rc-actions__button' fill='outline' disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button className='rc-actions__button' type='primary' loading={busy} disabled={busy} data-testid='form-submit' onClick={submit}>
          确认推荐
        </Button>
      </View>
    </View>
  )
}
