-- Hook secrets, private signing keys and HS256 signing secrets are stored sealed (AES-256-GCM) under a master key
-- from this version on. SQL cannot seal them (the key is never in the database): this marks the values written
-- before as clear text, and Tokenhook seals them at its next start, in one transaction, then records the key's id
-- here ('' = clear text). The version also makes an older Tokenhook, which would take sealed values for clear ones,
-- refuse the database.
INSERT INTO meta (name, value) VALUES ('master_key_id', '');
