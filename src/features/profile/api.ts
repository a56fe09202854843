import type { Profile } from '../../../types/domain'
import type { ProfileUpdate } from '../../../types/profile'
import { http } from '../../services/http'
import { cachedGet, invalidate } from '../../services/query'

export function getProfile(): Promise<Profile> {
  return cachedGet<Profile>('/api/profile')
}

/** Saves what the contact may change; a 400 comes back as ApiError with `fields`. */
export async function updateProfile(profile: ProfileUpdate): Promise<Profile> {
  const { data } = await http.put<Profile>('/api/profile', profile)
  invalidate('/api/profile')
  return data
}
