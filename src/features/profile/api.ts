import type { Profile } from '../../../types/domain'
import { http } from '../../services/http'

export async function getProfile(): Promise<Profile> {
  const { data } = await http.get<Profile>('/api/profile')
  return data
}

/** Saves the profile; a 400 comes back as ApiError with `fields`. */
export async function updateProfile(profile: Profile): Promise<Profile> {
  const { data } = await http.put<Profile>('/api/profile', profile)
  return data
}
