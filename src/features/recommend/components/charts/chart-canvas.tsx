/**
 * One F2 chart on the platform's canvas. Mini-programs: Taro's `<Canvas type="2d">`, its node
 * found by a selector query. H5: a `<canvas>` element of our own in the host view (Taro's H5
 * canvas resets its size whenever it re-renders). Drawn at the device's pixel ratio, again when
 * the element changes; a platform without a 2D context (the app tests' jsdom) draws nothing and
 * the card's table still tells the figures.
 */
import { Canvas as F2Canvas, jsx } from '@antv/f2'
import { Canvas, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useRef, type MutableRefObject } from 'react'
import { isH5 } from '../../../../services/env'
import { INK } from './palette'

/** The 2D canvas node: an HTMLCanvasElement on H5, the mini-programs' Canvas node elsewhere. */
export type CanvasNode = {
  width: number
  height: number
  getContext(kind: '2d'): CanvasRenderingContext2D | null
}

export interface ChartCanvasProps {
  id: string
  height: number
  /** What the chart shows, read out in place of the picture. */
  label: string
  /** The F2 element to draw (specs.ts). */
  element: unknown
  /** Changes when the chart's data does: it is drawn again. */
  drawKey: string
  nodeRef: MutableRefObject<CanvasNode | null>
}

function pixelRatio(): number {
  if (isH5()) return window.devicePixelRatio || 1
  const info = (Taro.getWindowInfo ?? Taro.getSystemInfoSync)() as { pixelRatio?: number }
  return info.pixelRatio || 2
}

function findNode(id: string): Promise<{ node: CanvasNode; width: number } | null> {
  if (isH5()) {
    const host = document.getElementById(id)
    if (!host) return Promise.resolve(null)
    let canvas = host.querySelector('canvas')
    if (!canvas) {
      canvas = document.createElement('canvas')
      canvas.style.width = '100%'
      canvas.style.height = '100%'
      canvas.style.display = 'block'
      host.appendChild(canvas)
    }
    return Promise.resolve({ node: canvas, width: host.getBoundingClientRect().width })
  }
  return new Promise((resolve) => {
    const query = Taro.createSelectorQuery()
    query.select(`#${id}`).boundingClientRect()
    query.select(`#${id}`).node()
    query.exec((res: Array<{ width?: number; node?: CanvasNode } | null>) => {
      const node = res?.[1]?.node
      resolve(node ? { node, width: res[0]?.width ?? 0 } : null)
    })
  })
}

export function ChartCanvas({ id, height, label, element, drawKey, nodeRef }: ChartCanvasProps) {
  const chart = useRef<F2Canvas | null>(null)
  // the latest element, read when the drawing starts (after the selector query)
  const latest = useRef(element)
  latest.current = element

  useEffect(() => {
    let cancelled = false
    Taro.nextTick(() => {
      void findNode(id).then(async (found) => {
        const context = found?.node.getContext('2d')
        if (cancelled || !found || !context || found.width <= 0) return
        const ratio = pixelRatio()
        found.node.width = Math.round(found.width * ratio)
        found.node.height = Math.round(height * ratio)
        chart.current?.destroy()
        chart.current = new F2Canvas({
          context,
          pixelRatio: ratio,
          width: found.width,
          height,
          animate: false,
          // the specs' px are a 750-wide design's (F2's convention): half a CSS px each, on every
          // platform (F2's default reads the page's root font size, which Taro's H5 sets small)
          px2hd: (px: number) => px / 2,
          // a white ground first, so a saved PNG reads on any viewer
          children: [jsx('rect', { style: { x: 0, y: 0, width: found.width, height, fill: INK.paper } }), latest.current]
        })
        await chart.current.render()
        nodeRef.current = found.node
      }).catch((e) => console.warn('[chart] 图表绘制失败', e))
    })
    return () => {
      cancelled = true
    }
  }, [id, height, drawKey, nodeRef])

  useEffect(() => () => chart.current?.destroy(), [])

  return isH5() ? (
    <View id={id} className='chart__canvas' style={{ height: `${height}px` }} role='img' aria-label={label} />
  ) : (
    <View role='img' aria-label={label}>
      <Canvas id={id} type='2d' className='chart__canvas' style={{ height: `${height}px` }} />
    </View>
  )
}
