export interface DevProviderClient {
  clientId: string
  clientSecret: string
  redirectUris: string[]
}

export function startDevProvider(opts: {
  port: number
  issuer: string
  clients: DevProviderClient[]
}): Promise<{ issuer: string; close(): Promise<void> }>
