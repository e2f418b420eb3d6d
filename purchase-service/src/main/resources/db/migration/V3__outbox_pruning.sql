-- The platform's outbox relay deletes rows published longer ago than platform.outbox.retention;
-- this index lets it find them without scanning the unpublished ones.
CREATE INDEX ix_outbox_published_at ON outbox (published_at) WHERE published_at IS NOT NULL;
