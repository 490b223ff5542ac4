package apply

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// Load returns the owner's draft. ENOTFOUND when it is not theirs, does
// not exist or has expired.
func (s *Service) Load(ctx context.Context, owner string, id uuid.UUID) (*Draft, error) {
	d, err := s.Drafts.DraftByID(ctx, owner, id)
	if err != nil {
		return nil, err
	}
	return s.decode(d)
}

func (s *Service) decode(d *smd.Draft) (*Draft, error) {
	def, err := s.form(d.Service)
	if err != nil {
		return nil, err
	}
	out := &Draft{Draft: d, Form: def}
	if len(d.Data) > 0 {
		if err := json.Unmarshal(d.Data, &out.Data); err != nil {
			return nil, fmt.Errorf("draft %s: %w", d.ID, err)
		}
	}
	out.Data.Answers.Ensure()
	if out.Data.Channel == "" {
		out.Data.Channel = smd.ChannelOnline
	}
	return out, nil
}

// List returns the owner's unexpired drafts, newest first.
func (s *Service) List(ctx context.Context, owner string) ([]*Draft, error) {
	ds, err := s.Drafts.ListDrafts(ctx, owner)
	if err != nil {
		return nil, err
	}
	out := make([]*Draft, 0, len(ds))
	for _, d := range ds {
		dd, err := s.decode(d)
		if err != nil {
			return nil, err
		}
		out = append(out, dd)
	}
	return out, nil
}

// Update applies change to the draft's data and saves it if the draft is
// still at baseVersion; every save moves the expiry. ECONFLICT when it was
// saved meanwhile (another tab), ENOTFOUND when it is not the owner's.
// change may refuse with an error, which is returned unchanged.
func (s *Service) Update(ctx context.Context, owner string, id uuid.UUID, baseVersion int, change func(*Draft) error) (*Draft, error) {
	d, err := s.Load(ctx, owner, id)
	if err != nil {
		return nil, err
	}
	if d.Version != baseVersion {
		return d, smd.Errorf(smd.ECONFLICT, "Der Antrag wurde inzwischen geändert.")
	}
	if err := change(d); err != nil {
		return d, err
	}
	raw, err := json.Marshal(d.Data)
	if err != nil {
		return nil, err
	}
	saved, err := s.Drafts.SaveDraft(ctx, owner, id, baseVersion, raw, s.expiry())
	if err != nil {
		return d, err
	}
	return s.decode(saved)
}

// Delete removes the owner's draft and its uploads.
func (s *Service) Delete(ctx context.Context, owner string, id uuid.UUID) error {
	d, err := s.Load(ctx, owner, id)
	if err != nil {
		return err
	}
	if err := s.Drafts.DeleteDraft(ctx, owner, id); err != nil {
		return err
	}
	s.dropUploads(ctx, owner, d)
	return nil
}

// dropUploads deletes a draft's files after the draft row is gone; a
// failure leaves an unreadable orphan (its draft is gone), logged by the
// blob store's caller, never data the applicant still sees.
func (s *Service) dropUploads(ctx context.Context, owner string, d *Draft) {
	for _, u := range d.Data.Uploads {
		ns, store, key := s.location(owner, d.ID, u)
		_ = store.Delete(ctx, ns, key)
	}
}

// PurgeExpired deletes drafts that expired before now, with their uploads.
// The cleanup job calls it.
func (s *Service) PurgeExpired(ctx context.Context) (int, error) {
	list, err := s.Drafts.ListExpiredDrafts(ctx, s.Now(), 500)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, raw := range list {
		d, err := s.decode(raw)
		if err == nil {
			s.dropUploads(ctx, raw.Owner, d)
		}
		if err := s.Drafts.DeleteDraft(ctx, raw.Owner, raw.ID); err != nil && smd.ErrorCode(err) != smd.ENOTFOUND {
			return n, err
		}
		n++
	}
	return n, nil
}
