-- 关怀模式 (care mode: larger text, higher contrast, larger targets), remembered per account
-- (issue 15). NULL: the person has not chosen on any device yet, so the device's own choice stands.
ALTER TABLE users ADD COLUMN care_mode boolean;
