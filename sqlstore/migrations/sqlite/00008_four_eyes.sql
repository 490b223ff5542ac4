-- +goose Up
-- Whether a decision needs a second person's approval (Vier-Augen-Prinzip);
-- on unless the authority turns it off.
ALTER TABLE authorities ADD COLUMN four_eyes INTEGER NOT NULL DEFAULT 1;

-- +goose Down
ALTER TABLE authorities DROP COLUMN four_eyes;
