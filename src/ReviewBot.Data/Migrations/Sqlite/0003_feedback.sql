-- Feedback: who installed ReviewBot where, the pull requests it reviewed, what the critic saw, and every reaction,
-- reply, resolution and code change that followed, as training data with full provenance.

CREATE TABLE installations (
    id          INTEGER NOT NULL PRIMARY KEY,
    account     TEXT,
    suspended   INTEGER NOT NULL DEFAULT 0,
    updated_at  INTEGER NOT NULL
);

-- A repository opted out of training (training_opt_out = 1) is never exported.
CREATE TABLE repositories (
    full_name         TEXT    NOT NULL PRIMARY KEY,
    github_id         INTEGER,
    installation_id   INTEGER,
    training_opt_out  INTEGER NOT NULL DEFAULT 0,
    updated_at        INTEGER NOT NULL
);

CREATE TABLE pull_requests (
    repository       TEXT    NOT NULL,
    number           INTEGER NOT NULL,
    state            TEXT    NOT NULL,
    merged           INTEGER NOT NULL DEFAULT 0,
    closed_at        INTEGER,
    head_sha         TEXT,
    author           TEXT,
    installation_id  INTEGER,
    polled_at        INTEGER,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (repository, number)
);

-- GitHub's author_association of a user in a repository, learned from payloads and comment listings (reactions
-- do not carry it).
CREATE TABLE repository_users (
    repository          TEXT    NOT NULL,
    login               TEXT    NOT NULL,
    author_association  TEXT    NOT NULL,
    updated_at          INTEGER NOT NULL,
    PRIMARY KEY (repository, login)
);

ALTER TABLE reviews ADD COLUMN app_version TEXT;
ALTER TABLE candidates ADD COLUMN posted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE review_comments ADD COLUMN highlight_json TEXT;
CREATE INDEX ix_review_comments_review ON review_comments (review_id);

-- What the critic saw (redacted diff, title, body, code context, increment, prompt budget), Brotli-compressed
-- JSON: enough to rebuild the exact prompt with the review's prompt version.
CREATE TABLE review_inputs (
    review_id  INTEGER NOT NULL PRIMARY KEY REFERENCES reviews (id) ON DELETE CASCADE,
    format     TEXT    NOT NULL,
    sha256     TEXT    NOT NULL,
    raw_bytes  INTEGER NOT NULL,
    data       BLOB    NOT NULL
);

-- ReviewBot's posted comments as the feedback poller last saw them.
CREATE TABLE comment_poll_state (
    github_comment_id  INTEGER NOT NULL PRIMARY KEY,
    repository         TEXT    NOT NULL,
    pull_number        INTEGER NOT NULL,
    reaction_counts    TEXT,
    reactions_etag     TEXT,
    checked_head_sha   TEXT,
    code_changed       INTEGER NOT NULL DEFAULT 0,
    updated_at         INTEGER NOT NULL
);

-- The reactions currently on ReviewBot's comments; the poller diffs GitHub's list against these.
CREATE TABLE comment_reactions (
    reaction_id        INTEGER NOT NULL PRIMARY KEY,
    github_comment_id  INTEGER NOT NULL,
    login              TEXT    NOT NULL,
    content            TEXT    NOT NULL,
    created_at         INTEGER NOT NULL
);
CREATE INDEX ix_comment_reactions_comment ON comment_reactions (github_comment_id);

-- ETags of conditional GETs (a 304 costs no rate limit), with the next page's link and item count of list pages.
CREATE TABLE github_etags (
    resource    TEXT    NOT NULL PRIMARY KEY,
    etag        TEXT,
    next_uri    TEXT,
    items       INTEGER,
    updated_at  INTEGER NOT NULL
);

-- Append-only: one row per thing that happened; event_key is its natural key, so re-polling and redeliveries
-- never add a row twice.
CREATE TABLE feedback_events (
    id                  INTEGER PRIMARY KEY AUTOINCREMENT,
    event_key           TEXT    NOT NULL UNIQUE,
    repository          TEXT    NOT NULL,
    pull_number         INTEGER NOT NULL,
    github_comment_id   INTEGER,
    kind                TEXT    NOT NULL,
    actor               TEXT,
    author_association  TEXT,
    content             TEXT,
    source_id           INTEGER,
    head_sha            TEXT,
    delivery_id         TEXT,
    occurred_at         INTEGER NOT NULL,
    recorded_at         INTEGER NOT NULL
);
CREATE INDEX ix_feedback_events_pull ON feedback_events (repository, pull_number, occurred_at, id);
CREATE INDEX ix_feedback_events_comment ON feedback_events (github_comment_id);

CREATE TRIGGER feedback_events_append_only BEFORE UPDATE ON feedback_events
BEGIN
    SELECT RAISE(ABORT, 'feedback_events is append-only');
END;
