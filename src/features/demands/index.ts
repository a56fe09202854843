export { DemandListScreen } from './demand-list-screen'
export { DEMAND_NOT_FOUND } from './not-found'
