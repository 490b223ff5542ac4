-- +goose Up
-- When the applicant was warned that the draft will expire; a save moves
-- the expiry and clears it, so that the next expiry is warned again.
ALTER TABLE drafts ADD COLUMN warned_at timestamptz;

-- +goose Down
ALTER TABLE drafts DROP COLUMN warned_at;
