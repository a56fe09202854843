/**
 * Drops the rules of NutUI's stylesheets for variants this app never renders, in the
 * mini-program builds (config/index.ts mini.postcss), where all CSS the first screens import
 * lands in the main package: Button's success / warning / info types and xlarge / mini sizes,
 * every Tag variant but the default one in a colour pair (the campaign tags, the only tags on
 * NutUI's stylesheet), the right-to-left layout (no RTL locale), and the icons' decorative
 * animations (nut-icon-am-*) with the keyframes nothing uses any more.
 * test/size/nutui-variants.test.ts checks that src/ asks for none of these.
 */
const DROPPED = {
  buttonTypes: ['success', 'warning', 'info'],
  buttonSizes: ['xlarge', 'mini'],
  tagClasses: ['primary', 'info', 'success', 'danger', 'warning', 'plain', 'round', 'mark', 'close', 'custom-icon', 'text-plain'].map((v) => `nut-tag-${v}`)
}
const UNUSED = [
  new RegExp(`\\.nut-button-(${[...DROPPED.buttonTypes, ...DROPPED.buttonSizes].join('|')})`),
  new RegExp(`\\.(${DROPPED.tagClasses.join('|')})\\b|\\.nut-tag \\.nut-icon`),
  /\.nut-rtl\b|\[dir=["']?rtl/,
  /\.nut-icon-am-/
]

function nutuiUnused() {
  return {
    postcssPlugin: 'nutui-unused',
    Once(root) {
      if (!/[\\/]@nutui[\\/]/.test(root.source?.input.file ?? '')) return
      root.walkRules((rule) => {
        if (rule.parent?.type === 'atrule' && /keyframes$/.test(rule.parent.name)) return
        const kept = rule.selectors.filter((s) => !UNUSED.some((re) => re.test(s)))
        if (kept.length === 0) rule.remove()
        else if (kept.length < rule.selectors.length) rule.selectors = kept
      })
      const animated = new Set()
      root.walkDecls(/^(-webkit-)?animation(-name)?$/, (d) => d.value.split(/[\s,]+/).forEach((w) => animated.add(w)))
      root.walkAtRules(/keyframes$/, (at) => {
        if (!animated.has(at.params)) at.remove()
      })
    }
  }
}
nutuiUnused.postcss = true

module.exports = nutuiUnused
module.exports.DROPPED = DROPPED
