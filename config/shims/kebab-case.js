/**
 * Stands in for lodash.kebabcase (≈ 5 KB of Unicode tables in the main package), which NutUI's
 * ConfigProvider uses only to turn theme keys into CSS variable names (nutuiColorPrimary →
 * nutui-color-primary, nutuiBrand1 → nutui-brand-1). The app sets its theme with CSS variables
 * in app.scss and renders no ConfigProvider theme; for ASCII keys this gives lodash's result.
 */
module.exports = function kebabCase(input) {
  const words = String(input ?? '').match(/[A-Z]{2,}(?=[A-Z][a-z]|[0-9]|[^a-zA-Z0-9]|$)|[A-Z]?[a-z]+|[A-Z]+|[0-9]+/g)
  return words ? words.join('-').toLowerCase() : ''
}
