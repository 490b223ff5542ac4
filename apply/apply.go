// Package apply is the applicant's side of an application: drafts that
// never lose an answer, pre-filling from BundID, the Quick-Check and
// earlier applications (Kurzantrag), uploads kept encrypted, and the one
// binding submission that turns a draft into exactly one case at the
// responsible authority.
package apply

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"time"

	"github.com/google/uuid"
	"github.com/riverqueue/river"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/rules"
	"github.com/smd-oss/smd/vault"
)

// DraftNamespace is the vault namespace of draft uploads: they belong to
// no authority until submission, when they are re-encrypted with the
// responsible authority's key.
var DraftNamespace = uuid.MustParse("5d7a2f00-0000-4000-8000-00000000d4af")

// Jobs inserts follow-up work in the caller's transaction.
type Jobs interface {
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) error
	InsertMany(ctx context.Context, args []river.JobArgs) error
}

// Service runs drafts and submissions.
type Service struct {
	Tx           smd.Transactor
	Drafts       smd.DraftStore
	Cases        smd.CaseStore
	Persons      smd.PersonStore
	Documents    smd.DocumentStore
	Applications smd.ApplicationStore
	Authorities  smd.AuthorityStore
	Audit        smd.AuditStore
	Jobs         Jobs
	// Files stores the authorities' documents, DraftFiles the uploads of
	// drafts (namespace DraftNamespace).
	Files      *vault.Store
	DraftFiles *vault.Store
	Forms      map[string]*form.Definition
	Law        *rules.Law
	Now        func() time.Time
	// DraftTTL is how long a draft lives after its last save.
	DraftTTL time.Duration
	// MaxUploads bounds the files of one draft.
	MaxUploads int
}

// Owner derives the account key of an applicant from the BundID bPK2: a
// keyed-free hash, so that the database never holds the identifier itself.
func Owner(bpk2 string) string {
	sum := sha256.Sum256([]byte("smd-applicant\x00" + bpk2))
	return hex.EncodeToString(sum[:16])
}

// Data is what a draft holds.
type Data struct {
	Answers form.Answers `json:"answers"`
	Channel smd.Channel  `json:"channel"`
	Uploads []Upload     `json:"uploads,omitempty"`
	// Prefilled names, per field, where a pre-filled value came from
	// ("bundid", "quickcheck", "earlier").
	Prefilled map[string]string `json:"prefilled,omitempty"`
	// Lang is the language the applicant started in, for mails about
	// the draft.
	Lang string `json:"lang,omitempty"`
	// Facts are the Quick-Check answers the applicant brought along.
	Facts map[string]json.RawMessage `json:"facts,omitempty"`
}

// Upload is one file of a draft. It is stored encrypted with the key of
// the authority the draft's postal code leads to (Store), so that the
// submission can take the file over as it is; before an address is known
// it lies in DraftNamespace and is re-encrypted at submission.
type Upload struct {
	ID uuid.UUID `json:"id"`
	// Store is the namespace (authority or DraftNamespace), Key the blob key.
	Store    uuid.UUID `json:"store,omitempty"`
	Key      string    `json:"key,omitempty"`
	Category string    `json:"category"`
	Name     string    `json:"name"`
	MIME     string    `json:"mime"`
	Size     int64     `json:"size"`
	SHA256   string    `json:"sha256"`
	At       time.Time `json:"at"`
}

// Draft is a stored draft with its data decoded.
type Draft struct {
	*smd.Draft
	Data Data
	Form *form.Definition
}

func (s *Service) uploadKey(owner string, draft, upload uuid.UUID) string {
	return vault.Key(DraftNamespace, owner, draft.String(), upload.String())
}

// location returns where an upload's content is: its namespace, the
// encrypted store of that namespace and the key.
func (s *Service) location(owner string, draft uuid.UUID, u Upload) (uuid.UUID, *vault.Store, string) {
	if u.Key == "" || u.Store == DraftNamespace || u.Store == uuid.Nil {
		key := u.Key
		if key == "" {
			key = s.uploadKey(owner, draft, u.ID)
		}
		return DraftNamespace, s.DraftFiles, key
	}
	return u.Store, s.Files, u.Key
}

func (s *Service) form(svc smd.Service) (*form.Definition, error) {
	d := s.Forms[string(svc)]
	if d == nil {
		return nil, smd.Errorf(smd.ENOTFOUND, "Für diese Leistung gibt es kein Antragsformular.")
	}
	return d, nil
}

func (s *Service) expiry() time.Time { return s.Now().Add(s.DraftTTL) }
