-- +goose Up
-- The submitted form data of a case. submission_key is the draft the
-- application came from: unique, so that a double click, a retry or a
-- replayed POST can never create a second case. owner lets the applicant
-- list their own cases across authorities.
CREATE TABLE applications (
    authority_id   TEXT NOT NULL,
    case_id        TEXT NOT NULL,
    owner          TEXT NOT NULL,
    submission_key TEXT NOT NULL,
    form_version   INTEGER NOT NULL,
    language       TEXT NOT NULL,
    data           TEXT NOT NULL,
    submitted_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (authority_id, case_id),
    FOREIGN KEY (authority_id, case_id) REFERENCES cases (authority_id, id)
);
CREATE UNIQUE INDEX applications_submission ON applications (owner, submission_key);
CREATE INDEX applications_owner ON applications (owner, submitted_at);

-- The data keys of draft uploads, which belong to no authority yet; the
-- namespace is a fixed id (see apply.DraftNamespace).
CREATE TABLE draft_keys (
    namespace  TEXT NOT NULL,
    version    INTEGER NOT NULL,
    wrapped    BLOB NOT NULL,
    created_at TIMESTAMP NOT NULL,
    PRIMARY KEY (namespace, version)
);

-- +goose Down
DROP TABLE draft_keys;
DROP TABLE applications;
