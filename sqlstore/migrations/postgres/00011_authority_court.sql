-- +goose Up
-- The administrative court (Verwaltungsgericht) responsible for the
-- authority, with its address, as the Rechtsbehelfsbelehrung of a
-- Bescheid names it; empty until the authority has entered it.
ALTER TABLE authorities ADD COLUMN court TEXT NOT NULL DEFAULT '';

-- +goose Down
ALTER TABLE authorities DROP COLUMN court;
