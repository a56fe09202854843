// PGlite publishes its contrib extensions through package "exports", which this project's
// CommonJS module resolution does not read; the declaration is the package's own.
declare module '@electric-sql/pglite/contrib/pg_trgm' {
  export const pg_trgm: import('@electric-sql/pglite').Extension
}
