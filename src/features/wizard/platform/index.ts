/** The wizard's file picking and uploading, for the other features that take files (the recommender's upload). */
export { acceptAttribute, pickerExtensions, pickFiles, sessionHeaders, uploadAttachment, uploadError, type PickedFile, type PickResult } from './files'
