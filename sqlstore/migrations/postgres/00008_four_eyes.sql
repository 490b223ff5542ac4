-- +goose Up
-- Whether a decision needs a second person's approval (Vier-Augen-Prinzip);
-- on unless the authority turns it off.
ALTER TABLE authorities ADD COLUMN four_eyes boolean NOT NULL DEFAULT true;

-- +goose Down
ALTER TABLE authorities DROP COLUMN four_eyes;
