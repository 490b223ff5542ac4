-- +goose Up
-- The submitted form data of a case. submission_key is the draft the
-- application came from: unique, so that a double click, a retry or a
-- replayed POST can never create a second case. owner lets the applicant
-- list their own cases across authorities.
CREATE TABLE applications (
    authority_id   uuid NOT NULL,
    case_id        uuid NOT NULL,
    owner          text NOT NULL,
    submission_key text NOT NULL,
    form_version   integer NOT NULL,
    language       text NOT NULL,
    data           text NOT NULL,
    submitted_at   timestamptz NOT NULL,
    PRIMARY KEY (authority_id, case_id),
    FOREIGN KEY (authority_id, case_id) REFERENCES cases (authority_id, id)
);
CREATE UNIQUE INDEX applications_submission ON applications (owner, submission_key);
CREATE INDEX applications_owner ON applications (owner, submitted_at);

-- The data keys of draft uploads, which belong to no authority yet; the
-- namespace is a fixed id (see apply.DraftNamespace).
CREATE TABLE draft_keys (
    namespace  uuid NOT NULL,
    version    integer NOT NULL,
    wrapped    bytea NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (namespace, version)
);

-- +goose Down
DROP TABLE draft_keys;
DROP TABLE applications;
