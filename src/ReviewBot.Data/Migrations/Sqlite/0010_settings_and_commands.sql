-- Each repository's settings as its last review job read them (.github/reviewbot.yml and organisation defaults), so
-- that the webhook intake, which never calls GitHub, can act on them, and the dataset export can honour an opt-out.
CREATE TABLE repository_settings (
    repository        TEXT    NOT NULL PRIMARY KEY,
    review_drafts     INTEGER,
    training_opt_out  INTEGER NOT NULL DEFAULT 0,
    config_json       TEXT    NOT NULL,
    updated_at        INTEGER NOT NULL
);

-- Per pull request state set by commands in its comments (@reviewbot pause / resume).
CREATE TABLE pull_request_states (
    repository   TEXT    NOT NULL,
    pull_number  INTEGER NOT NULL,
    paused       INTEGER NOT NULL DEFAULT 0,
    changed_by   TEXT,
    updated_at   INTEGER NOT NULL,
    PRIMARY KEY (repository, pull_number)
);

-- Commands given in pull request comments, one per delivery; the comment's text itself is not kept.
CREATE TABLE pull_request_commands (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    delivery_id      TEXT    NOT NULL UNIQUE,
    repository       TEXT    NOT NULL,
    pull_number      INTEGER NOT NULL,
    comment_id       INTEGER NOT NULL,
    author           TEXT    NOT NULL,
    command          TEXT    NOT NULL,
    installation_id  INTEGER,
    status           TEXT    NOT NULL,
    reason           TEXT,
    created_at       INTEGER NOT NULL,
    handled_at       INTEGER
);
CREATE INDEX ix_pull_request_commands_pr ON pull_request_commands (repository, pull_number);

-- The one explanatory comment per invalid configuration file (repository holding it + blob SHA).
CREATE TABLE config_notices (
    repository   TEXT    NOT NULL,
    blob_sha     TEXT    NOT NULL,
    path         TEXT    NOT NULL,
    posted_on    TEXT    NOT NULL,
    comment_id   INTEGER,
    status       TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (repository, blob_sha)
);
