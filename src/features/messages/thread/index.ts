/** The thread of a demand (subpackage packages/demand). */
export { ThreadScreen } from './thread-screen'
