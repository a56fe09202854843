// Taro's HTML parser (with its tokenizer, tag tables and style-tag parser, ≈ 11 KB), replaced in the
// mini-program builds (config/index.ts): it only serves innerHTML and insertAdjacentHTML, which
// the builds turn off (mini.runtime.enableInnerHTML: the app renders no HTML strings, no
// dangerouslySetInnerHTML, no @tarojs/plugin-html).
export function parser() {
  throw new Error('innerHTML is off in this build (config/index.ts mini.runtime)')
}
