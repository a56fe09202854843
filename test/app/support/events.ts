import { fireEvent } from '@tarojs/test-utils-react/dist/pure'

/** A tap, as Taro's H5 components receive it (its fireEvent typings omit `click`). */
export function tap(element: Element): void {
  ;(fireEvent as unknown as { click(element: Element): void }).click(element)
}
