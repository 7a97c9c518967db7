-- What each scheduled feed pull last saw, for conditional requests (ETag, Last-Modified) and for
-- resuming an interrupted download (partial_etag names the version the partial file belongs to).
CREATE TABLE knowledge_feed_state (
  name          VARCHAR(64) PRIMARY KEY,
  url           VARCHAR(2000) NOT NULL,
  etag          VARCHAR(500),
  last_modified VARCHAR(100),
  partial_etag  VARCHAR(500),
  checked_at    TIMESTAMP WITH TIME ZONE,
  imported_at   TIMESTAMP WITH TIME ZONE,
  outcome       VARCHAR(1000)
);
