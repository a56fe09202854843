/**
 * A recommending unit's account serves one bureau (users.recommender_issuer, from the identity's
 * `recommender_issuer` claim): a unit id means that bureau's unit, in the campaigns it issues or
 * co-issues only. A new campaign elsewhere reusing an id such as `liangjiang` reaches nobody else's accounts.
 */
import { issuedBy, type CampaignDefinition } from '../types/campaign'

/** SQL condition: the campaign (alias `c`) is one the user (alias `u`) serves. */
export const SERVES_CAMPAIGN = `(c.definition->>'issuer' = u.recommender_issuer OR COALESCE(c.definition->'coIssuers', '[]'::jsonb) ? u.recommender_issuer)`

/** The same rule for a definition in hand. */
export const servesCampaign = (def: CampaignDefinition, recommenderIssuer: string | null) => recommenderIssuer !== null && issuedBy(def, recommenderIssuer)
