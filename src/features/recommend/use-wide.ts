/** The desktop layout of the recommender pages: shared with the bureau's studio (src/components/use-wide.ts). */
export { WIDE_MIN_PX, useDesktopTextSize, useWide } from '../../components/use-wide'
