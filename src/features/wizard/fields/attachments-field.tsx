import { Button } from '../../../components/button'
import { PrivacySheet } from '../../../components/privacy-sheet'
import { ProgressBar } from '../../../components/progress-bar'
import { Text, View } from '@tarojs/components'
import { useRef, useState } from 'react'
import type { AttachmentsField } from '../../../../types/campaign'
import type { AttachmentRef } from '../../../../types/engine'
import { toApiError } from '../../../services/http'
import { EMPTY_ANSWER, formatSize } from '../../../../types/display'
import { pickFiles, uploadAttachment, type PickedFile } from '../platform/files'
import { FieldFrame, ReadOnlyValue } from './field-frame'
import type { FieldProps } from './types'

interface Upload {
  key: number
  name: string
  size: number
  percent: number
  error?: string
}

const refsOf = (v: unknown): AttachmentRef[] => (Array.isArray(v) ? (v as AttachmentRef[]) : [])

const extensionOf = (name: string) => {
  const m = /\.([A-Za-z0-9]+)$/.exec(name)
  const ext = m ? m[1].toLowerCase() : ''
  return ext === 'jpeg' ? 'jpg' : ext
}

/** Attachments: picked with the platform's file picker, uploaded with progress, removable. */
export function AttachmentsInput({ field, value, issues, allIssues, onChange, ctx }: FieldProps<AttachmentsField>) {
  const refs = refsOf(value)
  const [uploads, setUploads] = useState<Upload[]>([])
  const [notice, setNotice] = useState<string>()
  const nextKey = useRef(1)

  if (ctx.readOnly) {
    return (
      <FieldFrame field={field} issues={[]}>
        {refs.length ? (
          refs.map((r) => <ReadOnlyValue key={r.id} text={`${r.name}（${formatSize(r.size)}）`} />)
        ) : (
          <ReadOnlyValue text={EMPTY_ANSWER} />
        )}
      </FieldFrame>
    )
  }

  const active = uploads.filter((u) => !u.error).length
  const room = field.maxFiles - refs.length - active
  const patch = (key: number, p: Partial<Upload>) => setUploads((list) => list.map((u) => (u.key === key ? { ...u, ...p } : u)))

  const start = async (file: PickedFile) => {
    const key = nextKey.current++
    const ext = extensionOf(file.name)
    // Said before a byte is sent; the server checks again, by content.
    let error: string | undefined
    if (ext && !(field.accept as string[]).includes(ext)) error = `“${file.name}”的类型不支持，只能上传 ${field.accept.map((t) => '.' + t).join(' ')}`
    else if (file.size > field.maxSizeMB * 1024 * 1024) error = `“${file.name}”超过${field.maxSizeMB}MB，请压缩或拆分后上传`
    if (ctx.preview && !error) {
      // The studio's preview: the file is only listed, as if uploaded; nothing leaves the browser.
      const ref: AttachmentRef = { id: `preview-${key}`, name: file.name, size: file.size, type: (ext || field.accept[0]) as AttachmentRef['type'], sha256: '0'.repeat(64) }
      onChange(field.id, (prev: unknown) => [...refsOf(prev), ref])
      return
    }
    setUploads((list) => [...list, { key, name: file.name, size: file.size, percent: 0, error }])
    if (error) return
    try {
      const ref = await uploadAttachment(ctx.demandId, field.id, file, (percent) => patch(key, { percent }))
      setUploads((list) => list.filter((u) => u.key !== key))
      onChange(field.id, (prev: unknown) => [...refsOf(prev), ref])
    } catch (e) {
      const err = toApiError(e)
      patch(key, { error: `“${file.name}”上传失败：${err.message}` })
    }
  }

  const choose = async () => {
    setNotice(undefined)
    try {
      const picked = await pickFiles(field.accept, room)
      if (picked.notice) setNotice(picked.notice)
      for (const f of picked.files) void start(f)
    } catch (e) {
      setNotice(`无法选择文件：${toApiError(e).message}`)
    }
  }

  const remove = (ref: AttachmentRef) => {
    onChange(field.id, (prev: unknown) => {
      const next = refsOf(prev).filter((r) => r.id !== ref.id)
      return next.length ? next : undefined
    })
    ctx.notify(`已移除“${ref.name}”`, {
      text: '撤销',
      run: () => onChange(field.id, (prev: unknown) => (refsOf(prev).some((r) => r.id === ref.id) ? prev : [...refsOf(prev), ref]))
    })
  }

  return (
    <FieldFrame field={field} issues={issues}>
      <Text className='ui-note ui-mt-2xs ui-mb-sm'>
        {field.help
          ? `最多 ${field.maxFiles} 个文件，已上传 ${refs.length} 个。`
          : `支持 ${field.accept.map((t) => t.toUpperCase()).join('、')}，每个不超过 ${field.maxSizeMB} MB，最多 ${field.maxFiles} 个。`}
      </Text>
      {refs.map((r, i) => {
        const problem = allIssues.find((x) => x.row === i)
        return (
          <View key={r.id} className='ui-row ui-gap-md ui-py-md ui-line-bottom' data-attachment={r.id}>
            <Text className='wz-file__type ui-tone-progress' aria-hidden='true'>
              {r.type.toUpperCase()}
            </Text>
            <View className='ui-grow'>
              <Text className='ui-value ui-ellipsis'>{r.name}</Text>
              <Text className='wz-file__meta ui-meta'>{formatSize(r.size)} · 已上传</Text>
              {problem ? (
                <View className='ui-error-md' role='alert'>
                  {problem.message}
                </View>
              ) : null}
            </View>
            <View className='wz-icon-button ui-tone-danger' role='button' aria-label={`移除附件 ${r.name}`} onClick={() => remove(r)}>
              ✕
            </View>
          </View>
        )
      })}
      {uploads.map((u) => (
        <View key={u.key} className='ui-row ui-gap-md ui-py-md ui-line-bottom' data-uploading={u.name}>
          <Text className='wz-file__type ui-tone-progress' aria-hidden='true'>
            {extensionOf(u.name).toUpperCase() || '文件'}
          </Text>
          <View className='ui-grow'>
            <Text className='ui-value ui-ellipsis'>{u.name}</Text>
            {u.error ? (
              <View className='ui-error-md' role='alert'>
                {u.error}
              </View>
            ) : (
              <>
                <Text className='wz-file__meta ui-meta'>
                  {formatSize(u.size)} · 上传中 {u.percent}%
                </Text>
                <ProgressBar className='wz-bar' percent={u.percent} role='progressbar' aria-valuemin={0} aria-valuemax={100} aria-valuenow={u.percent} aria-label={`${u.name} 上传进度`} />
              </>
            )}
          </View>
          {u.error ? (
            <View className='wz-icon-button ui-tone-progress' role='button' aria-label={`关闭提示 ${u.name}`} onClick={() => setUploads((list) => list.filter((x) => x.key !== u.key))}>
              ✕
            </View>
          ) : null}
        </View>
      ))}
      {notice ? (
        <View className='ui-note ui-warn ui-mt-2xs ui-mb-sm' role='alert'>
          {notice}
        </View>
      ) : null}
      {room > 0 ? (
        <Button className='wz-add-row' fill='dashed' block onClick={choose}>
          ＋ 添加附件
        </Button>
      ) : (
        <Text className='ui-note ui-mt-2xs ui-mb-sm'>已达 {field.maxFiles} 个文件上限</Text>
      )}
      {/* the platform's privacy prompt, when picking needs the person's agreement (services/privacy) */}
      <PrivacySheet />
    </FieldFrame>
  )
}
