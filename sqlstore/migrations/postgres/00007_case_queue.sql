-- +goose Up
-- The caseworker who claimed the case (a projection of the claimed,
-- assigned and released actions, like status), and the queue's order:
-- by receipt across all channels, so that nobody overtakes.
ALTER TABLE cases ADD COLUMN assignee_id uuid;
CREATE INDEX cases_receipt ON cases (authority_id, received_at, id);

-- +goose Down
DROP INDEX cases_receipt;
ALTER TABLE cases DROP COLUMN assignee_id;
