/**
 * The import-direction rule ESLint runs in `npm test` (config/eslint-layers.cjs), on imports
 * written from real places in the tree: what the layers allow passes, each wrong direction
 * is reported with its Chinese message.
 */
import path from 'node:path'
import { RuleTester } from 'eslint'
import tseslint from 'typescript-eslint'

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the rule is CommonJS, as ESLint's config loads it
const { rules } = require('../../config/eslint-layers.cjs')

const ROOT = path.join(__dirname, '../..')
const at = (file: string) => path.join(ROOT, file)
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, ecmaVersion: 2022, sourceType: 'module' } })

tester.run('layers/imports', rules.imports, {
  valid: [
    { filename: at('src/pages/index/index.tsx'), code: "import { CampaignListScreen } from '../../features/campaigns'" },
    { filename: at('src/packages/demand/pages/settings/index.tsx'), code: "import { X } from '../../../../features/messages/settings'" },
    { filename: at('src/features/campaigns/components/start-demand.tsx'), code: "import { startDemand } from '../../demands/api'" },
    { filename: at('src/features/wizard/review-screen.tsx'), code: "import { formatInstant } from '../../../types/time'\nimport { estimateMinutes } from './format'" },
    { filename: at('src/components/state-view/index.tsx'), code: "import { http } from '../../services/http'" },
    { filename: at('server/routes/demands.ts'), code: "import { saveDraft } from '../demands'" },
    { filename: at('server/demands.ts'), code: "import type { Db } from './db'" },
    { filename: at('server/app.ts'), code: "import { demandRoutes } from './routes/demands'" },
    { filename: at('types/status.ts'), code: "import { formatDeadlineDay } from './time'" },
    { filename: at('test/server/demands.test.ts'), code: "import { startTestServer } from '../support/app'" }
  ],
  invalid: [
    {
      filename: at('src/features/campaigns/components/start-demand.tsx'),
      code: "import { DemandListScreen } from '../../demands/demand-list-screen'",
      errors: [{ message: '只能通过入口（index）引用功能模块 demands，不能直接引用其内部文件（src/features/demands/demand-list-screen）' }]
    },
    {
      filename: at('src/components/button.tsx'),
      code: "import { SignInScreen } from '../features/auth'",
      errors: [{ message: 'components 层不能引用 feature 层（src/features/auth）' }]
    },
    {
      filename: at('src/features/auth/api.ts'),
      code: "import Page from '../../pages/login/index'",
      errors: [{ message: 'feature 层不能引用 page 层（src/pages/login/index）' }]
    },
    {
      filename: at('types/engine.ts'),
      code: "export { openDb } from '../server/db'",
      errors: [{ message: 'types 层不能引用 db 层（server/db）' }]
    },
    {
      filename: at('server/routes/demands.ts'),
      code: "const db = require('../db')",
      errors: [{ message: 'route 层不能引用 db 层（server/db）' }]
    },
    {
      filename: at('server/demands.ts'),
      code: "const routes = import('./routes/demands')",
      errors: [{ message: 'domain 层不能引用 route 层（server/routes/demands）' }]
    },
    {
      filename: at('server/files.ts'),
      code: "import { zip } from '../test/support/zip'",
      errors: [{ message: '只有测试可以引用 test/ 下的文件' }]
    },
    {
      filename: at('src/services/http.ts'),
      code: "import { config } from '../../server/config'",
      errors: [{ message: 'services 层不能引用 domain 层（server/config）' }]
    }
  ]
})
