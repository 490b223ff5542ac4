-- +goose Up
-- The automated checks of each document (package doccheck): written by the
-- document_check job, read by the workbench. One row per document; a
-- re-check replaces it.
CREATE TABLE document_checks (
    authority_id TEXT NOT NULL,
    document_id  TEXT NOT NULL,
    case_id      TEXT NOT NULL,
    category     TEXT NOT NULL,
    confidence   REAL NOT NULL,
    accepted     INTEGER NOT NULL,
    report       TEXT NOT NULL,
    checked_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (authority_id, document_id),
    FOREIGN KEY (authority_id, document_id) REFERENCES documents (authority_id, id)
);
CREATE INDEX document_checks_case ON document_checks (authority_id, case_id);

-- +goose Down
DROP TABLE document_checks;
