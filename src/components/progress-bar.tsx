import { Progress } from '@nutui/nutui-react-taro'

export interface ProgressBarProps {
  /** 0 to 100. */
  percent: number
  className?: string
  tone?: 'primary' | 'warning'
  /** The bar's role and words (role, aria-*), when the bar itself is what is announced. */
  [aria: `aria-${string}`]: string | number | boolean | undefined
  role?: string
}

/**
 * NutUI's Progress in the app's colours: its own default fill is an inline red, so the tone is
 * always given. The track, height and radius come from the --nutui-progress-* tokens. It renders
 * plain views; the caller's role and aria-* reach its root (on H5 too).
 */
export function ProgressBar({ percent, tone = 'primary', ...rest }: ProgressBarProps) {
  return <Progress percent={Math.max(0, Math.min(100, percent))} color={`var(--app-${tone})`} {...rest} />
}
