import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, useState } from 'react'
import type { DefinitionProblem } from '../../../../types/validate-definition'
import { copyText } from '../../../services/privacy'
import { isObj, parseJson, toJson } from '../definition'

export interface JsonTabProps {
  def: unknown
  problems: DefinitionProblem[]
  /** A parsed object becomes the working copy (valid or not). */
  onApply: (value: unknown) => void
}

/** Far above any definition: nothing typed or pasted is cut. */
const NO_CUT = 10_000_000

/**
 * JSON: the whole working copy as text. Each change is parsed at once; an object becomes the
 * working copy of every tab (the validator's problems listed below), a syntax error is said
 * in Chinese and changes nothing.
 */
export function JsonTab({ def, problems, onApply }: JsonTabProps) {
  const [text, setText] = useState(() => toJson(def))
  const [error, setError] = useState<string>()
  // The copy the text stands for: another tab changing the working copy rewrites the text.
  const shown = useRef<unknown>(def)
  useEffect(() => {
    if (def !== shown.current) {
      shown.current = def
      setText(toJson(def))
      setError(undefined)
    }
  }, [def])

  const change = (value: string) => {
    setText(value)
    const parsed = parseJson(value)
    if (!parsed.ok) return setError(parsed.message)
    if (!isObj(parsed.value)) return setError('活动定义应为一个 JSON 对象（以 { 开头，以 } 结尾）')
    setError(undefined)
    shown.current = parsed.value
    onApply(parsed.value)
  }

  const format = () => {
    shown.current = def
    setText(toJson(def))
    setError(undefined)
  }
  const copy = () => {
    void copyText(text).then((copied) => {
      if (!copied) void Taro.showToast({ title: '复制失败，请手动选择文字复制', icon: 'none' })
    })
  }

  return (
    <View className='st-tab' data-testid='tab-json'>
      <View className='card'>
        <View className='ui-row ui-between ui-gap-md ui-mb-xs'>
          <View className='ui-h3' role='heading' aria-level={3}>
            活动定义（JSON）
          </View>
          <View className='ui-flex ui-gap-xl'>
            <View className='st-link' role='button' onClick={format}>
              重新格式化
            </View>
            <View className='st-link' role='button' onClick={copy}>
              复制全部
            </View>
          </View>
        </View>
        <Text className='ui-help ui-mt-2xs ui-mb-sm'>修改后立即检查；能解析为对象时，其他各页同步更新（有问题也会保留，保存草稿时一并保存）。</Text>
        <Textarea
          className={`st-json${error ? ' has-error' : ''}`}
          value={text}
          maxlength={NO_CUT}
          aria-label='活动定义 JSON'
          // H5: the label must reach the <textarea> itself, not Taro's wrapper element.
          nativeProps={{ 'aria-label': '活动定义 JSON', spellcheck: false, autocapitalize: 'off', autocomplete: 'off' }}
          data-testid='json-input'
          onInput={(e) => change(e.detail.value)}
        />
        {error ? (
          <View className='st-json-error' role='alert' data-testid='json-error'>
            {error}
          </View>
        ) : null}
      </View>

      <View className='card' data-testid='json-problems'>
        <View className='ui-row ui-between ui-gap-md ui-mb-xs'>
          <View className='ui-h3' role='heading' aria-level={3}>
            {problems.length ? `检查结果：${problems.length} 处问题` : '检查结果：没有问题'}
          </View>
        </View>
        {error && problems.length ? <Text className='ui-help ui-mt-2xs ui-mb-sm'>JSON 语法有误，以下是最近一次能解析的内容的问题。</Text> : null}
        {problems.length ? (
          <View className='st-problem-list' role='list'>
            {problems.map((p, i) => (
              <View key={`${p.path}-${i}`} className='st-problem-list__item ui-tint-danger ui-para-sm ui-break' role='listitem'>
                <Text className='st-path'>{p.path}</Text>
                <Text>：{p.message}</Text>
              </View>
            ))}
          </View>
        ) : (
          <Text className='ui-value ui-success'>活动定义符合要求，可以发布。</Text>
        )}
      </View>
    </View>
  )
}
