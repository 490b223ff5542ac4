package apply

import (
	"bytes"
	"context"
	"slices"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/upload"
	"github.com/smd-oss/smd/vault"
)

// OtherCategory is the category of a file the applicant adds beyond the
// documents the rules engine asks for.
const OtherCategory = "doc.other"

// AddUpload stores an accepted file encrypted and records it on the draft
// in one step as far as the applicant can tell: when the draft cannot be
// saved (conflict, gone), the stored file is deleted again, so that
// nothing half-stored remains. Errors: EINVALID for an unknown category or
// too many files, ECONFLICT and ENOTFOUND as Update.
func (s *Service) AddUpload(ctx context.Context, owner string, id uuid.UUID, baseVersion int, category string, f *upload.File) (*Draft, error) {
	d, err := s.Load(ctx, owner, id)
	if err != nil {
		return nil, err
	}
	if category != OtherCategory && !slices.Contains(s.Requirements(d).Documents, category) {
		return d, smd.Errorf(smd.EINVALID, "Unbekannte Art des Nachweises.")
	}
	if len(d.Data.Uploads) >= s.MaxUploads {
		return d, smd.Errorf(smd.EINVALID, "Zu viele Dateien.")
	}
	u := Upload{ID: uuid.Must(uuid.NewV7()), Category: category, Name: f.Name, MIME: f.MIME, Size: f.Size, SHA256: f.SHA256, At: s.Now().UTC()}
	u.Store, u.Key = DraftNamespace, s.uploadKey(owner, id, u.ID)
	if postal := d.Data.Answers.Values[d.Form.Routing]; postal != "" {
		if auth, err := s.Authorities.AuthorityFor(ctx, postal, d.Service); err == nil {
			u.Store, u.Key = auth.ID, vault.Key(auth.ID, "uploads", u.ID.String())
		}
	}
	ns, store, key := s.location(owner, id, u)
	if err := store.Put(ctx, ns, key, bytes.NewReader(f.Content)); err != nil {
		return d, err
	}
	saved, err := s.Update(ctx, owner, id, baseVersion, func(d *Draft) error {
		if len(d.Data.Uploads) >= s.MaxUploads {
			return smd.Errorf(smd.EINVALID, "Zu viele Dateien.")
		}
		d.Data.Uploads = append(d.Data.Uploads, u)
		return nil
	})
	if err != nil {
		_ = store.Delete(context.WithoutCancel(ctx), ns, key)
		return saved, err
	}
	return saved, nil
}

// RemoveUpload takes a file off the draft, then deletes its content.
// ENOTFOUND when the draft or the file is not the owner's.
func (s *Service) RemoveUpload(ctx context.Context, owner string, id uuid.UUID, baseVersion int, uploadID uuid.UUID) (*Draft, error) {
	var removed Upload
	saved, err := s.Update(ctx, owner, id, baseVersion, func(d *Draft) error {
		i := slices.IndexFunc(d.Data.Uploads, func(u Upload) bool { return u.ID == uploadID })
		if i < 0 {
			return smd.Errorf(smd.ENOTFOUND, "Die Datei gibt es nicht.")
		}
		removed = d.Data.Uploads[i]
		d.Data.Uploads = slices.Delete(d.Data.Uploads, i, i+1)
		return nil
	})
	if err != nil {
		return saved, err
	}
	ns, store, key := s.location(owner, id, removed)
	_ = store.Delete(ctx, ns, key)
	return saved, nil
}

// Missing lists the required documents (message keys) without a file.
func (s *Service) Missing(d *Draft) []string {
	var out []string
	for _, doc := range s.Requirements(d).Documents {
		if !slices.ContainsFunc(d.Data.Uploads, func(u Upload) bool { return u.Category == doc }) {
			out = append(out, doc)
		}
	}
	return out
}
