-- +goose Up
-- due_on is the deadline of the open Nachforderung: a projection of
-- document_requested (set) and of every action that takes the case out of
-- waiting_for_applicant (cleared), like status and assignee_id. The inbox
-- filters on it ("überfällig") without reading the actions' JSON. Only
-- waiting cases have one, so the index is partial and stays small.
ALTER TABLE cases ADD COLUMN due_on date;
UPDATE cases c SET due_on = (a.payload::jsonb ->> 'deadline')::date
FROM case_actions a
WHERE c.status = 'waiting_for_applicant'
  AND a.authority_id = c.authority_id AND a.case_id = c.id AND a.name = 'document_requested'
  AND a.seq = (SELECT max(b.seq) FROM case_actions b
               WHERE b.authority_id = c.authority_id AND b.case_id = c.id AND b.name = 'document_requested')
  AND (a.payload::jsonb ->> 'deadline') ~ '^\d{4}-\d{2}-\d{2}$';
CREATE INDEX cases_due ON cases (authority_id, due_on) WHERE due_on IS NOT NULL;

-- A caseworker's saved views of the inbox: a name and the query string of
-- the filter form. Personal, so keyed by the user as well as the tenant.
CREATE TABLE saved_filters (
    authority_id uuid NOT NULL,
    id           uuid NOT NULL,
    user_id      uuid NOT NULL,
    name         text NOT NULL,
    query        text NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (authority_id, id),
    FOREIGN KEY (authority_id, user_id) REFERENCES users (authority_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX saved_filters_name ON saved_filters (authority_id, user_id, name);

-- +goose Down
DROP TABLE saved_filters;
DROP INDEX cases_due;
ALTER TABLE cases DROP COLUMN due_on;
