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
/** An import written in `file` that the rule reports with `message`. */
const refused = (file: string, code: string, message: string) => ({ filename: at(file), code, errors: [{ message }] })
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
    refused('src/features/campaigns/components/start-demand.tsx', "import { DemandListScreen } from '../../demands/demand-list-screen'", '只能通过入口（index）引用功能模块 demands，不能直接引用其内部文件（src/features/demands/demand-list-screen）'),
    refused('src/components/button.tsx', "import { SignInScreen } from '../features/auth'", 'components 层不能引用 feature 层（src/features/auth）'),
    refused('src/features/auth/api.ts', "import Page from '../../pages/login/index'", 'feature 层不能引用 page 层（src/pages/login/index）'),
    refused('types/engine.ts', "export { openDb } from '../server/db'", 'types 层不能引用 db 层（server/db）'),
    refused('server/routes/demands.ts', "const db = require('../db')", 'route 层不能引用 db 层（server/db）'),
    refused('server/demands.ts', "const routes = import('./routes/demands')", 'domain 层不能引用 route 层（server/routes/demands）'),
    refused('server/files.ts', "import { zip } from '../test/support/zip'", '只有测试可以引用 test/ 下的文件'),
    refused('src/services/http.ts', "import { config } from '../../server/config'", 'services 层不能引用 domain 层（server/config）')
  ]
})
