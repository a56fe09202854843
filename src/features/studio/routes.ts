/** The pages of the studio subpackage (packages/studio); its list is ROUTES.studio. */
import { ROUTES } from '../../services/navigation'

const ROOT = '/packages/studio/pages'

export const STUDIO_ROUTES = {
  list: ROUTES.studio,
  edit: (id: string) => `${ROOT}/edit/index?id=${encodeURIComponent(id)}`
} as const
