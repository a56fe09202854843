import { ScrollView, Text, View } from '@tarojs/components'

export interface ChipOption {
  value: string
  label: string
}

export interface ChipsProps {
  /** What the group chooses, read out before the options (e.g. 状态). */
  label: string
  options: ChipOption[]
  value: string
  onChange: (value: string) => void
  testId?: string
}

/** One choice among a few, as a row of chips that scrolls sideways on a phone. */
export function Chips({ label, options, value, onChange, testId }: ChipsProps) {
  return (
    <View className='ui-row ui-py-xs' data-testid={testId}>
      <Text className='rc-chips__label ui-label ui-keep' aria-hidden='true'>
        {label}
      </Text>
      <ScrollView className='rc-chips__scroll ui-grow' scrollX enhanced showScrollbar={false}>
        <View className='rc-chips__row' role='radiogroup' aria-label={label}>
          {options.map((o) => {
            const on = o.value === value
            return (
              <View
                key={o.value || '_all'}
                className={`rc-chip${on ? ' is-on' : ''}`}
                role='radio'
                aria-checked={on}
                data-value={o.value}
                onClick={() => !on && onChange(o.value)}
              >
                {o.label}
              </View>
            )
          })}
        </View>
      </ScrollView>
    </View>
  )
}
