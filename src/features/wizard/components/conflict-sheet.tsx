import { Button } from '../../../components/button'
import { Text, View } from '@tarojs/components'
import { useMemo, useState } from 'react'
import type { CampaignDefinition } from '../../../../types/campaign'
import type { Demand } from '../../../../types/domain'
import { diffAnswers, sameAnswers, type Answers } from '../../../../types/engine'
import { formatInstant } from '../../../../types/time'
import { answerText } from '../../../../types/display'

type Side = 'local' | 'server'

const PREVIEW = 140

function Value({ text }: { text: string }) {
  const [all, setAll] = useState(false)
  const long = text.length > PREVIEW
  return (
    <>
      <Text className='ui-para-sm ui-pre ui-break' selectable userSelect>
        {long && !all ? `${text.slice(0, PREVIEW)}…` : text}
      </Text>
      {long ? (
        <View
          className='wz-link wz-conflict__more'
          role='button'
          onClick={(e) => {
            e.stopPropagation()
            setAll((v) => !v)
          }}
        >
          {all ? '收起' : `展开全部（${text.length}字）`}
        </View>
      ) : null}
    </>
  )
}

export interface ConflictSheetProps {
  def: CampaignDefinition
  /** This phone's answers and the server copy they started from. */
  local: Answers
  base: Answers
  server: Demand
  busy?: boolean
  onResolve: (merged: Answers) => void
}

/**
 * The same demand was changed on another device. Every field where this phone and the
 * server differ is shown side by side; the person picks, per field, which to keep (this
 * phone's edits preselected, the other device's where this phone changed nothing). Nothing
 * is overwritten until they confirm.
 */
export function ConflictSheet({ def, local, base, server, busy, onResolve }: ConflictSheetProps) {
  const changes = useMemo(() => diffAnswers(def, server.answers, local), [def, server.answers, local])
  const [choice, setChoice] = useState<Record<string, Side>>(() => {
    const initial: Record<string, Side> = {}
    for (const c of changes) initial[c.field] = sameAnswers(local[c.field], base[c.field]) ? 'server' : 'local'
    return initial
  })
  const fields = useMemo(() => new Map(def.steps.flatMap((s) => s.fields).map((f) => [f.id, f])), [def])

  const setAll = (side: Side) => setChoice(Object.fromEntries(changes.map((c) => [c.field, side])))

  const resolve = () => {
    const merged: Answers = { ...local }
    for (const c of changes) {
      if ((choice[c.field] ?? 'local') === 'server') {
        if (server.answers[c.field] === undefined) delete merged[c.field]
        else merged[c.field] = server.answers[c.field]
      }
    }
    onResolve(merged)
  }

  return (
    <View className='wz-overlay'>
      <View className='wz-conflict' role='dialog' aria-modal='true' aria-labelledby='wz-conflict-title' data-testid='conflict-dialog'>
        <Text className='ui-h2' id='wz-conflict-title'>
          本需求已在其他设备上修改
        </Text>
        <Text className='ui-note ui-mt-sm ui-mb-sm'>
          服务器上的内容（{formatInstant(server.updatedAt)} 保存）与本机不同。请逐项选择保留哪一份，确认后再保存，任何一方的内容都不会被自动覆盖。
        </Text>
        <View className='ui-flex ui-gap-3xl ui-mb-sm'>
          <View className='wz-link' role='button' onClick={() => setAll('local')}>
            全部用本机
          </View>
          <View className='wz-link' role='button' onClick={() => setAll('server')}>
            全部用服务器
          </View>
        </View>
        {changes.length === 0 ? <Text className='ui-note ui-mt-2xs ui-mb-sm'>两份内容相同，确认后继续填写。</Text> : null}
        {changes.map((c) => {
          const field = fields.get(c.field)!
          const picked = choice[c.field] ?? 'local'
          const localChanged = !sameAnswers(local[c.field], base[c.field])
          const serverChanged = !sameAnswers(server.answers[c.field], base[c.field])
          const who = localChanged && serverChanged ? '两处都修改了' : localChanged ? '本机修改了' : '另一设备修改了'
          return (
            <View key={c.field} className='ui-line-top ui-py-lg' data-conflict-field={c.field}>
              <View className='ui-row ui-baseline ui-between ui-mb-sm'>
                <Text className='ui-h5'>{c.label}</Text>
                <Text className='ui-caption ui-warn'>{who}</Text>
              </View>
              <View className='ui-col ui-gap-sm' role='radiogroup' aria-label={`${c.label}保留哪一份`}>
                {(['local', 'server'] as Side[]).map((side) => (
                  <View
                    key={side}
                    className={`wz-conflict__option${picked === side ? ' is-checked' : ''}`}
                    role='radio'
                    aria-checked={picked === side}
                    data-side={side}
                    onClick={() => setChoice((m) => ({ ...m, [c.field]: side }))}
                  >
                    <Text className='wz-conflict__side'>
                      {picked === side ? '● ' : '○ '}
                      {side === 'local' ? '本机' : '服务器'}
                    </Text>
                    <Value text={answerText(def, field, side === 'local' ? c.after : c.before)} />
                  </View>
                ))}
              </View>
            </View>
          )
        })}
        <Button className='wz-conflict__save' type='primary' block loading={busy} disabled={busy} onClick={resolve}>
          保存所选内容
        </Button>
      </View>
    </View>
  )
}
