import type { Profile } from '../../../types/domain'
import type { ProfileUpdate } from '../../../types/profile'
import { http } from '../../services/http'

export async function getProfile(): Promise<Profile> {
  const { data } = await http.get<Profile>('/api/profile')
  return data
}

/** Saves what the contact may change; a 400 comes back as ApiError with `fields`. */
export async function updateProfile(profile: ProfileUpdate): Promise<Profile> {
  const { data } = await http.put<Profile>('/api/profile', profile)
  return data
}
