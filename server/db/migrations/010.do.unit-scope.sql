-- A recommending unit's account belongs to the bureau that registered it (the identity's
-- recommender_issuer claim): a unit id means that bureau's unit in that bureau's campaigns only,
-- so a new campaign elsewhere reusing an id such as `liangjiang` reaches nobody else's accounts.
ALTER TABLE users ADD COLUMN recommender_issuer text;
-- A bureau serves itself; units learn theirs at their next sign-in (sessions last a day).
UPDATE users SET recommender_issuer = recommender_unit WHERE role = 'bureau';
