-- Webhook deliveries seen, for de-duplication on X-GitHub-Delivery and for the audit trail.
CREATE TABLE deliveries (
    delivery_id  TEXT    NOT NULL PRIMARY KEY,
    event        TEXT    NOT NULL,
    action       TEXT,
    repository   TEXT,
    outcome      TEXT    NOT NULL,
    received_at  INTEGER NOT NULL
);

-- One row per review run, with everything needed to rebuild what the critic saw and chose.
CREATE TABLE reviews (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id            TEXT    NOT NULL UNIQUE,
    repository        TEXT    NOT NULL,
    pull_number       INTEGER NOT NULL,
    head_sha          TEXT    NOT NULL,
    installation_id   INTEGER,
    delivery_id       TEXT,
    status            TEXT    NOT NULL,
    reason            TEXT,
    github_review_id  INTEGER,
    critic            TEXT,
    reward_model      TEXT,
    prompt_version    TEXT,
    seed              INTEGER,
    search_mode       TEXT,
    length_modifier   REAL,
    config_json       TEXT,
    summary           TEXT,
    stats_json        TEXT,
    comment_count     INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    completed_at      INTEGER
);
CREATE INDEX ix_reviews_head ON reviews (repository, pull_number, head_sha);

-- Every FSBS candidate with its reward score and round, whether chosen, whether posted.
CREATE TABLE candidates (
    review_id      INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL,
    round          INTEGER NOT NULL,
    parent_idx     INTEGER,
    rm_score       REAL    NOT NULL,
    highlights     INTEGER NOT NULL,
    chosen         INTEGER NOT NULL DEFAULT 0,
    critique_json  TEXT    NOT NULL,
    PRIMARY KEY (review_id, idx)
);

-- Comments as posted (or as they would have been, in a dry run).
CREATE TABLE review_comments (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    review_id          INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    github_comment_id  INTEGER,
    path               TEXT    NOT NULL,
    line               INTEGER NOT NULL,
    start_line         INTEGER,
    side               TEXT    NOT NULL,
    quote              TEXT    NOT NULL,
    body               TEXT    NOT NULL,
    kind               TEXT    NOT NULL,
    rule_id            TEXT,
    source             TEXT    NOT NULL,
    score              REAL    NOT NULL,
    fingerprint        TEXT    NOT NULL,
    created_at         INTEGER NOT NULL
);
CREATE INDEX ix_review_comments_fingerprint ON review_comments (fingerprint);
CREATE INDEX ix_review_comments_github ON review_comments (github_comment_id);
