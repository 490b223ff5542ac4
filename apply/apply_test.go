package apply_test

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/apply"
	"github.com/smd-oss/smd/blob"
	"github.com/smd-oss/smd/bundid"
	"github.com/smd-oss/smd/form"
	"github.com/smd-oss/smd/i18n"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/internal/formfill"
	"github.com/smd-oss/smd/jobs"
	"github.com/smd-oss/smd/mail"
	"github.com/smd-oss/smd/password"
	"github.com/smd-oss/smd/rules"
	"github.com/smd-oss/smd/seed"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/upload"
	"github.com/smd-oss/smd/vault"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

type env struct {
	svc   *apply.Service
	db    *sqlstore.DB
	blobs string
	now   time.Time
}

func newEnv(t *testing.T, db *sqlstore.DB) *env {
	t.Helper()
	ctx := context.Background()
	auths := sqlstore.NewAuthorityStore(db)
	if _, _, err := seed.Demo(ctx, seed.Stores{Tx: db, Authorities: auths, Users: sqlstore.NewUserStore(db)}, "pw-pw-pw-pw", password.Fast); err != nil {
		t.Fatal(err)
	}
	e := &env{db: db, blobs: t.TempDir(), now: time.Now()}
	store, err := blob.OpenDir(e.blobs)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	master := bytes.Repeat([]byte{3}, 32)
	ring, _ := vault.NewRing(master, sqlstore.NewKeyStore(db))
	draftRing, _ := vault.NewRing(master, sqlstore.NewDraftKeyStore(db))
	forms, _ := form.Load()
	law, _ := rules.Load()
	queue, err := jobs.New(db, jobs.Options{})
	if err != nil {
		t.Fatal(err)
	}
	e.svc = &apply.Service{Tx: db, Drafts: sqlstore.NewDraftStore(db), Cases: sqlstore.NewCaseStore(db),
		Persons: sqlstore.NewPersonStore(db), Documents: sqlstore.NewDocumentStore(db), Applications: sqlstore.NewApplicationStore(db),
		Authorities: auths, Audit: sqlstore.NewAuditStore(db), Jobs: queue,
		Files: &vault.Store{Blobs: store, Ring: ring}, DraftFiles: &vault.Store{Blobs: store, Ring: draftRing},
		Forms: forms, Law: law, Now: func() time.Time { return e.now }, DraftTTL: 24 * time.Hour, MaxUploads: 5}
	return e
}

func (e *env) files(prefix string) []string {
	var out []string
	_ = filepath.WalkDir(filepath.Join(e.blobs, prefix), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !strings.Contains(p, ".tmp") {
			out = append(out, p)
		}
		return nil
	})
	return out
}

// fill answers the whole draft as formfill would, through Update.
func (e *env) fill(t *testing.T, owner string, d *apply.Draft, values map[string]string) *apply.Draft {
	t.Helper()
	_, answers := formfill.Steps(d.Form, e.now, formfill.Options{Values: values, Items: map[string]int{"children": 1}})
	d, err := e.svc.Update(context.Background(), owner, d.ID, d.Version, func(d *apply.Draft) error {
		d.Data.Answers = *answers
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func pdfFile(name string) *upload.File {
	body := []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
	f, err := upload.Read(bytes.NewReader(body), name, upload.DefaultLimits)
	if err != nil {
		panic(err)
	}
	return f
}

// A file uploaded while the address pointed to Bonn follows the
// application to Potsdam when the address changes: it is re-encrypted for
// Potsdam, and nothing stays behind at Bonn or in the draft namespace.
func TestUploadFollowsTheAddress(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		owner := apply.Owner("test-bpk")
		d, err := e.svc.Start(ctx, owner, smd.ServiceEinbuergerung, smd.ChannelOnline, apply.Sources{})
		if err != nil {
			t.Fatal(err)
		}
		d = e.fill(t, owner, d, map[string]string{"postal_code": "53111"})
		bonn, _ := e.svc.Authorities.AuthorityFor(ctx, "53111", smd.ServiceEinbuergerung)
		d, err = e.svc.AddUpload(ctx, owner, d.ID, d.Version, "doc.passport", pdfFile("pass.pdf"))
		if err != nil {
			t.Fatal(err)
		}
		if d.Data.Uploads[0].Store != bonn.ID || len(e.files(bonn.ID.String())) != 1 {
			t.Fatalf("upload not stored for Bonn: %+v", d.Data.Uploads[0])
		}
		d, err = e.svc.Update(ctx, owner, d.ID, d.Version, func(d *apply.Draft) error {
			d.Data.Answers.Values["postal_code"] = "14467"
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		rc, err := e.svc.Submit(ctx, owner, d.ID, d.Version, "de")
		if err != nil {
			t.Fatal(err)
		}
		if rc.Authority.Slug != "potsdam" {
			t.Fatalf("routed to %s", rc.Authority.Slug)
		}
		if left := e.files(bonn.ID.String()); len(left) != 0 {
			t.Fatalf("files left at Bonn: %v", left)
		}
		docs, _ := e.svc.Documents.ListDocuments(ctx, rc.Authority.ID, rc.Case.ID)
		if len(docs) != 1 || !strings.HasPrefix(docs[0].BlobKey, rc.Authority.ID.String()+"/") {
			t.Fatalf("documents: %+v", docs)
		}
		r, err := e.svc.Files.Open(ctx, rc.Authority.ID, docs[0].BlobKey)
		if err != nil {
			t.Fatal(err)
		}
		r.Close()
		// Submitting again returns the same case.
		again, err := e.svc.Submit(ctx, owner, d.ID, d.Version, "de")
		if err != nil || !again.Already || again.Case.ID != rc.Case.ID {
			t.Fatalf("second submit: %+v %v", again, err)
		}
	})
}

// Expired drafts go with their uploads; a live draft stays.
func TestPurgeExpiredDrafts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		owner := apply.Owner("test-bpk")
		old, _ := e.svc.Start(ctx, owner, smd.ServiceVerpflichtungserklaerung, smd.ChannelOnline, apply.Sources{})
		if _, err := e.svc.AddUpload(ctx, owner, old.ID, old.Version, apply.OtherCategory, pdfFile("a.pdf")); err != nil {
			t.Fatal(err)
		}
		e.now = e.now.Add(20 * time.Hour)
		live, _ := e.svc.Start(ctx, owner, smd.ServiceVerpflichtungserklaerung, smd.ChannelOnline, apply.Sources{})
		if _, err := e.svc.AddUpload(ctx, owner, live.ID, live.Version, apply.OtherCategory, pdfFile("b.pdf")); err != nil {
			t.Fatal(err)
		}
		e.now = e.now.Add(5 * time.Hour) // the first draft is 25 h old, the second 5 h
		db.SetClock(func() time.Time { return e.now })
		w := &apply.DraftCleanupWorker{Service: e.svc}
		if err := w.Work(ctx, &river.Job[apply.DraftCleanupArgs]{}); err != nil {
			t.Fatal(err)
		}
		list, _ := e.svc.List(ctx, owner)
		if len(list) != 1 || list[0].ID != live.ID {
			t.Fatalf("drafts left: %d", len(list))
		}
		if f := e.files(""); len(f) != 1 || !strings.Contains(f[0], live.ID.String()) {
			t.Fatalf("files left: %v", f)
		}
	})
}

// The receipt mail names the case number and where to sign in, in the
// applicant's language, and nothing personal.
func TestReceiptMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		owner := apply.Owner("test-bpk")
		d, _ := e.svc.Start(ctx, owner, smd.ServiceEinbuergerung, smd.ChannelOnline, apply.Sources{Identity: &bundid.Identity{
			BPK2: "test-bpk", GivenName: "Ümit", Surname: "Yılmaz", Email: "uemit@example.org", Level: bundid.LevelHigh}})
		d = e.fill(t, owner, d, map[string]string{"given_names": "Ümit", "family_name": "Yılmaz", "email": "uemit@example.org"})
		rc, err := e.svc.Submit(ctx, owner, d.ID, d.Version, "en")
		if err != nil {
			t.Fatal(err)
		}
		cat, _ := i18n.Load()
		dir := t.TempDir()
		w := &apply.ReceiptMailWorker{Service: e.svc, Mailer: &mail.Folder{Dir: dir, From: "noreply@smd.test"}, Text: cat, BaseURL: "https://portal.test"}
		if err := w.Work(ctx, &river.Job[apply.ReceiptMailArgs]{Args: apply.ReceiptMailArgs{AuthorityID: rc.Authority.ID, CaseID: rc.Case.ID}}); err != nil {
			t.Fatal(err)
		}
		msg := onlyMail(t, dir)
		for _, want := range []string{"To: uemit@example.org", rc.Case.Number, "https://portal.test/konto/antraege"} {
			if !strings.Contains(msg, want) {
				t.Errorf("mail lacks %q", want)
			}
		}
		for _, personal := range []string{"Ümit", "Yılmaz", "=C3=9Cmit", "Y=C4=B1lmaz", "53111", rc.Authority.Name} {
			if strings.Contains(msg, personal) {
				t.Errorf("mail carries %q", personal)
			}
		}
		if !strings.Contains(msg, "has been received") && !strings.Contains(msg, "received") {
			t.Errorf("mail not in English:\n%s", msg)
		}
	})
}

// An applicant whose draft expires within a week gets one mail with the
// date and the address, nothing else; a save clears the warning, so that
// the next expiry is warned again.
func TestExpiryWarning(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		e.svc.DraftTTL = 10 * 24 * time.Hour
		ctx := context.Background()
		owner := apply.Owner("test-bpk")
		d, _ := e.svc.Start(ctx, owner, smd.ServiceEinbuergerung, smd.ChannelOnline, apply.Sources{Lang: "de",
			Identity: &bundid.Identity{BPK2: "test-bpk", GivenName: "Ümit", Email: "uemit@example.org"}})
		// A draft without an e-mail address is passed over quietly.
		if _, err := e.svc.Start(ctx, owner, smd.ServiceVerpflichtungserklaerung, smd.ChannelOnline, apply.Sources{}); err != nil {
			t.Fatal(err)
		}
		cat, _ := i18n.Load()
		dir := t.TempDir()
		w := &apply.ExpiryWarningWorker{Service: e.svc, Mailer: &mail.Folder{Dir: dir, From: "noreply@smd.test"}, Text: cat,
			BaseURL: "https://portal.test", Ahead: apply.WarnAhead}
		run := func() int {
			if err := w.Work(ctx, &river.Job[apply.ExpiryWarningArgs]{}); err != nil {
				t.Fatal(err)
			}
			names, _ := (&mail.Folder{Dir: dir}).List()
			return len(names)
		}
		if n := run(); n != 0 {
			t.Fatalf("%d mails 10 days before expiry", n)
		}
		e.now = e.now.Add(4 * 24 * time.Hour)
		db.SetClock(func() time.Time { return e.now })
		if n := run(); n != 1 {
			t.Fatalf("%d mails 6 days before expiry", n)
		}
		if n := run(); n != 1 {
			t.Fatalf("warned twice: %d mails", n)
		}
		msg := onlyMail(t, dir)
		berlin, _ := time.LoadLocation("Europe/Berlin")
		want := d.ExpiresAt.In(berlin).Format("02.01.2006")
		if !strings.Contains(msg, "To: uemit@example.org") || !strings.Contains(msg, want) || strings.Contains(msg, "Ümit") || strings.Contains(msg, "=C3=9Cmit") {
			t.Fatalf("mail:\n%s", msg)
		}
		// A save moves the expiry and clears the warning.
		if _, err := e.svc.Update(ctx, owner, d.ID, d.Version, func(*apply.Draft) error { return nil }); err != nil {
			t.Fatal(err)
		}
		e.now = e.now.Add(4 * 24 * time.Hour)
		db.SetClock(func() time.Time { return e.now })
		if n := run(); n != 2 {
			t.Fatalf("after a save and 4 more days: %d mails", n)
		}
	})
}

// The notice of news on a case carries the number and the address only.
func TestNoticeMail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		e := newEnv(t, db)
		ctx := context.Background()
		owner := apply.Owner("test-bpk")
		d, _ := e.svc.Start(ctx, owner, smd.ServiceEinbuergerung, smd.ChannelOnline, apply.Sources{})
		d = e.fill(t, owner, d, map[string]string{"given_names": "Ümit", "email": "uemit@example.org"})
		rc, err := e.svc.Submit(ctx, owner, d.ID, d.Version, "tr")
		if err != nil {
			t.Fatal(err)
		}
		cat, _ := i18n.Load()
		dir := t.TempDir()
		w := &apply.NoticeWorker{Service: e.svc, Mailer: &mail.Folder{Dir: dir, From: "noreply@smd.test"}, Text: cat, BaseURL: "https://portal.test"}
		if err := w.Work(ctx, &river.Job[apply.NoticeArgs]{Args: apply.NoticeArgs{AuthorityID: rc.Authority.ID, CaseID: rc.Case.ID}}); err != nil {
			t.Fatal(err)
		}
		msg := onlyMail(t, dir)
		if !strings.Contains(msg, rc.Case.Number) || !strings.Contains(msg, "https://portal.test/konto/antraege") || strings.Contains(msg, "=C3=9Cmit") || strings.Contains(msg, "Ümit") {
			t.Fatalf("mail:\n%s", msg)
		}
	})
}

// onlyMail is the one mail a worker wrote to the folder dir.
func onlyMail(t *testing.T, dir string) string {
	t.Helper()
	names, _ := (&mail.Folder{Dir: dir}).List()
	if len(names) != 1 {
		t.Fatalf("%d mails", len(names))
	}
	raw, err := os.ReadFile(filepath.Join(dir, names[0]))
	if err != nil {
		t.Fatal(err)
	}
	return string(raw)
}
