export function schemaUrl(url: string, schema: string): string
export interface TestSchema {
  schema: string
  /** The server's URL with the schema first on the search path. */
  url: string
  /** Drops it, and the job queue's schema beside it. */
  drop(): Promise<void>
}
export function createTestSchema(url: string): Promise<TestSchema>
