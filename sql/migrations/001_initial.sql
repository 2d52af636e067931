-- 001_initial: the tables of DATA-CONTRACT.md §2.
--
-- Column names and types of the contract come first and never change; columns
-- the contract does not name are appended at the end of each table. No foreign
-- keys: DuckDB refuses to delete or replace a parent row that has children in
-- the same transaction, and a re-capture does exactly that. TIMESTAMP columns
-- hold UTC wall time (published_at/updated_at: as printed, converted to UTC
-- when the parser knew the zone).

CREATE TABLE article (
    article_id            VARCHAR PRIMARY KEY,
    title                 VARCHAR NOT NULL,
    publisher             VARCHAR,
    summary               VARCHAR,
    authors               VARCHAR[] NOT NULL,
    dateline              VARCHAR,
    published_at          TIMESTAMP,
    updated_at            TIMESTAMP,
    published_date        DATE,
    published_date_source VARCHAR
        CHECK (published_date_source IN ('explicit', 'caption')),
    body                  VARCHAR,
    paragraph_count       INTEGER,
    word_count            INTEGER,
    source_path           VARCHAR,
    content_sha256        VARCHAR,
    run_id                VARCHAR,
    -- extras: which capture wins is decided by (source_mtime_ns, source_path)
    source_mtime_ns       BIGINT,
    loaded_at             TIMESTAMP
);

CREATE TABLE image (
    article_id    VARCHAR NOT NULL,
    position      INTEGER NOT NULL CHECK (position >= 0),
    caption       VARCHAR,
    credit        VARCHAR,
    photographer  VARCHAR,
    organization  VARCHAR,
    distributor   VARCHAR,
    is_file_photo BOOLEAN,
    is_handout    BOOLEAN,
    photo_date    DATE,
    -- extras: lineage, as on article
    source_path   VARCHAR,
    run_id        VARCHAR,
    PRIMARY KEY (article_id, position)
);

CREATE TABLE related_link (
    article_id  VARCHAR NOT NULL,
    position    INTEGER NOT NULL CHECK (position >= 0),
    link_type   VARCHAR NOT NULL CHECK (link_type IN ('recommended', 'hub', 'inline')),
    title       VARCHAR,
    publisher   VARCHAR,
    category    VARCHAR,
    url         VARCHAR,
    -- extras: lineage, as on article
    source_path VARCHAR,
    run_id      VARCHAR,
    PRIMARY KEY (article_id, position)
);

-- One row per file ever seen. status is what the file's current content
-- became (loaded, quarantined, duplicate); 'unchanged' is accepted for
-- tools that want to write it, the loader keeps the earlier outcome instead
-- and records the sighting in last_seen_at / last_seen_run_id.
CREATE TABLE source_file (
    path             VARCHAR PRIMARY KEY,
    size             BIGINT,
    content_sha256   VARCHAR,
    first_seen_at    TIMESTAMP,
    last_seen_at     TIMESTAMP,
    status           VARCHAR NOT NULL
        CHECK (status IN ('loaded', 'quarantined', 'duplicate', 'unchanged')),
    article_id       VARCHAR,
    run_id           VARCHAR,
    -- extras
    mtime_ns         BIGINT,
    last_seen_run_id VARCHAR
);

-- Current state: one row per path that is quarantined now; a path that later
-- loads fine leaves this table (its history stays in source_file/etl_run).
CREATE TABLE quarantine (
    path           VARCHAR PRIMARY KEY,
    content_sha256 VARCHAR,
    reason         VARCHAR NOT NULL,
    detail         VARCHAR,
    run_id         VARCHAR,
    quarantined_at TIMESTAMP
);

CREATE TABLE etl_run (
    run_id            VARCHAR PRIMARY KEY,
    started_at        TIMESTAMP,
    finished_at       TIMESTAMP,
    status            VARCHAR NOT NULL
        CHECK (status IN ('running', 'completed', 'failed', 'crashed')),
    files_seen        INTEGER,
    files_loaded      INTEGER,
    files_unchanged   INTEGER,
    files_quarantined INTEGER,
    articles_upserted INTEGER,
    images            INTEGER,
    related_links     INTEGER,
    -- extras
    files_duplicate   INTEGER,
    landing           VARCHAR,
    duration_s        DOUBLE,
    message           VARCHAR
);
