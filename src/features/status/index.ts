/** The enterprise's status page of a demand (subpackage packages/demand). */
export { StatusScreen } from './status-screen'
export { getDemandStatus } from './api'
