/**
 * Colours for the charts' canvas, which cannot read CSS variables: the values of the tokens in
 * src/styles/_tokens.scss (brand, success, warning, danger, text, border), in one place.
 */
import type { DemandStatus } from '../../../../../types/domain'

export const INK = { text: '#3a414c', help: '#5c6470', grid: '#e4e7ec', danger: '#c62f2f', paper: '#ffffff' }

/** One colour per status, in the order the statuses go. */
export const STATUS_COLORS: Array<[DemandStatus, string]> = [
  ['submitted', '#9dbde9'],
  ['reviewing', '#1a56a8'],
  ['returned', '#a35400'],
  ['recommended', '#1a7546'],
  ['not_recommended', '#a3a9b2'],
  ['selected', '#0f5a33'],
  ['not_selected', '#6b717b']
]

/** Two series: the main one (brand) and the lighter one beside it. */
export const PAIR = ['#1a56a8', '#9dbde9']
export const THEME_COLOR = '#a35400'
