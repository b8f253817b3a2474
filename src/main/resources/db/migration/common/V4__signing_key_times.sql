-- Signing keys carry the times of their life instead of a state: every node reads the state from its clock, so a
-- rotation committed in advance switches all nodes at the same instant. Times are epoch milliseconds; null = not yet.
ALTER TABLE signing_keys ADD COLUMN current_since BIGINT;
ALTER TABLE signing_keys ADD COLUMN current_until BIGINT;
ALTER TABLE signing_keys ADD COLUMN published_until BIGINT;
ALTER TABLE signing_keys ADD COLUMN revoked_at BIGINT;

UPDATE signing_keys SET current_since = created_at WHERE state IN ('CURRENT', 'PREVIOUS', 'REVOKED');
UPDATE signing_keys SET current_until = updated_at WHERE state IN ('PREVIOUS', 'REVOKED');
UPDATE signing_keys SET revoked_at = updated_at WHERE state = 'REVOKED';

ALTER TABLE signing_keys DROP COLUMN state;
ALTER TABLE signing_keys DROP COLUMN updated_at;
