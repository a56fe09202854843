/** Takes the data-folder lock on argv[2], says "locked", and holds it until killed. */
import { lockFolder } from '../../server/db/folder-lock'

lockFolder(process.argv[2]).then(
  () => {
    process.stdout.write('locked\n')
    setInterval(() => undefined, 1 << 30)
  },
  (err: Error) => {
    process.stdout.write(`refused ${err.message}\n`)
    process.exit(3)
  }
)
