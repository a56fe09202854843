/**
 * The import-cycle rule ESLint runs in `npm test` (config/eslint-layers.cjs, `layers/no-cycle`),
 * on a small tree written to a temporary folder: a loop of value imports is reported on the
 * import that closes it, with the loop spelled out; so is a route importing `type Deps` back
 * from the app that imports it; type-only loops between shared types/ files are allowed; a
 * tree without loops passes. Then the real tree: server/ has no loop.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { Linter, RuleTester } from 'eslint'
import tseslint from 'typescript-eslint'

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule is CommonJS, as ESLint's config loads it
const { rules } = require('../../config/eslint-layers.cjs')

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'no-cycle-'))
const files: Record<string, string> = {
  'server/a.ts': "import { b } from './b'\nexport const a = () => b()",
  'server/b.ts': "import { c } from './c'\nexport const b = () => c()",
  'server/c.ts': "// import { a } from './a' (a comment, not an import)\nimport { a } from './a'\nexport const c = () => a()",
  'server/app.ts': "import { routes } from './routes/things'\nexport interface Deps { db: string }\nexport const app = routes",
  'server/routes/things.ts': "import type { Deps } from '../app'\nexport const routes = (d: Deps) => d",
  'server/deps.ts': 'export interface Deps { db: string }',
  'server/plain.ts': "import type { Deps } from './deps'\nimport { helper } from './helper'\nexport const plain = (d: Deps) => helper(d)",
  'server/helper.ts': "import type { Deps } from './deps'\nexport const helper = (d: Deps) => d",
  'types/campaign.ts': "import type { UnitType } from './domain'\nexport interface Campaign { unit: UnitType }",
  'types/domain.ts': "import type { Campaign } from './campaign'\nexport type UnitType = 'x'\nexport type C = Campaign",
  'src/features/x/index.ts': "import './x.scss'\nimport { y } from '../y'\nexport const x = y",
  'src/features/y/index.ts': "export const y = 1"
}
for (const [rel, text] of Object.entries(files)) {
  fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true })
  fs.writeFileSync(path.join(root, rel), text)
}
afterAll(() => fs.rmSync(root, { recursive: true, force: true }))

const at = (rel: string) => ({ filename: path.join(root, rel), code: files[rel], options: [{ root }] })
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } })

tester.run('layers/no-cycle', rules['no-cycle'], {
  valid: [at('server/plain.ts'), at('server/helper.ts'), at('types/campaign.ts'), at('types/domain.ts'), at('src/features/x/index.ts')],
  invalid: [
    { ...at('server/a.ts'), errors: [{ message: '循环引用：server/a.ts → server/b.ts → server/c.ts → server/a.ts' }] },
    { ...at('server/c.ts'), errors: [{ message: '循环引用：server/c.ts → server/a.ts → server/b.ts → server/c.ts' }] },
    { ...at('server/routes/things.ts'), errors: [{ message: '循环引用：server/routes/things.ts → server/app.ts → server/routes/things.ts' }] },
    { ...at('server/app.ts'), errors: [{ message: '循环引用：server/app.ts → server/routes/things.ts → server/app.ts' }] },
    {
      filename: path.join(root, 'server/b.ts'),
      code: "const c = require('./c')\nexport const b = () => c.c()",
      options: [{ root }],
      errors: [{ message: '循环引用：server/b.ts → server/c.ts → server/a.ts → server/b.ts' }]
    }
  ]
})

test('the server’s modules import one another without a loop', () => {
  const repo = path.join(__dirname, '../..')
  const walk = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []))
  const linter = new Linter({ configType: 'flat' })
  const config = [
    { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, plugins: { layers: { rules } }, rules: { 'layers/no-cycle': 'error' as const } }
  ]
  const server = walk(path.join(repo, 'server'))
  expect(server.length).toBeGreaterThan(20)
  const loops = server.flatMap((f) => linter.verify(fs.readFileSync(f, 'utf8'), config, f).map((m) => m.message))
  expect(loops).toEqual([])
})
