-- PostgreSQL only (several nodes): each log row gets a position in insert order, so a node's live stream can
-- follow the rows every node commits, late ones included (LogFeed). Rows written before this migration keep
-- NULL: a stream only follows new rows. The default is set after the column is added, so existing rows are not
-- rewritten. (V3 is left to the shared dashboard sessions migration.)
CREATE SEQUENCE log_events_position;
ALTER TABLE log_events ADD COLUMN position BIGINT;
ALTER TABLE log_events ALTER COLUMN position SET DEFAULT nextval('log_events_position');
ALTER SEQUENCE log_events_position OWNED BY log_events.position;
CREATE INDEX log_events_by_position ON log_events (position);
