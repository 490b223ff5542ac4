-- +goose Up
-- due_on is the deadline of the open Nachforderung: a projection of
-- document_requested (set) and of every action that takes the case out of
-- waiting_for_applicant (cleared), like status and assignee_id. The inbox
-- filters on it ("überfällig") without reading the actions' JSON. Only
-- waiting cases have one, so the index is partial and stays small. The
-- value is midnight UTC of the day, in the driver's time format (as
-- persons.birth_date), so that it compares as text.
ALTER TABLE cases ADD COLUMN due_on DATE;
UPDATE cases SET due_on = (
    SELECT json_extract(a.payload, '$.deadline') || ' 00:00:00+00:00' FROM case_actions a
    WHERE a.authority_id = cases.authority_id AND a.case_id = cases.id AND a.name = 'document_requested'
    ORDER BY a.seq DESC LIMIT 1)
WHERE status = 'waiting_for_applicant';
UPDATE cases SET due_on = NULL
WHERE due_on IS NOT NULL AND due_on NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9] 00:00:00+00:00';
CREATE INDEX cases_due ON cases (authority_id, due_on) WHERE due_on IS NOT NULL;

-- A caseworker's saved views of the inbox: a name and the query string of
-- the filter form. Personal, so keyed by the user as well as the tenant.
CREATE TABLE saved_filters (
    authority_id TEXT NOT NULL,
    id           TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    name         TEXT NOT NULL,
    query        TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    PRIMARY KEY (authority_id, id),
    FOREIGN KEY (authority_id, user_id) REFERENCES users (authority_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX saved_filters_name ON saved_filters (authority_id, user_id, name);

-- +goose Down
DROP TABLE saved_filters;
DROP INDEX cases_due;
ALTER TABLE cases DROP COLUMN due_on;
