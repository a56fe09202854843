export { StudioListScreen } from './list-screen'
export { StudioEditScreen } from './edit-screen'
export { STUDIO_ROUTES } from './routes'
