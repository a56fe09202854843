/** What the mini-programs' file pickers take and give (services/privacy). */
export interface ChooseFilesOptions {
  count: number
  /** Extensions without the dot, e.g. `pdf`, `jpg`. */
  extensions: string[]
  /** No images-only fallback: a client that cannot pick documents rejects with CHOOSER_UNAVAILABLE. */
  documentsOnly?: boolean
}

export interface ChosenFile {
  /** A local temporary path. */
  path: string
  /** The file's name; '' when the platform gives none (then name it after its path). */
  name: string
  size: number
}

export interface ChosenFiles {
  files: ChosenFile[]
  /** Said to the person when the platform can only offer part of the types. */
  notice?: string
}
