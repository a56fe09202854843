export { DemandListScreen } from './demand-list-screen'
