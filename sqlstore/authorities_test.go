package sqlstore_test

import (
	"testing"

	"github.com/smd-oss/smd"
)

// The court of an authority (for the Rechtsbehelfsbelehrung) is stored
// and read back by every read path; an authority without one reads as "".
func TestAuthorityCourt(t *testing.T) {
	each(t, func(t *testing.T, f *fixture) {
		a := &smd.Authority{Slug: "koeln", Name: "Stadt Köln", AGS: "05315000", ARS: "053150000000", Land: "NW", CasePrefix: "K",
			Services: smd.Services, PostalCodes: []string{"50667"}, Court: "Verwaltungsgericht Köln, Appellhofplatz, 50667 Köln"}
		must(t, f.auths.CreateAuthority(ctx, a))
		byID, err := f.auths.AuthorityByID(ctx, a.ID)
		must(t, err)
		bySlug, err := f.auths.AuthorityBySlug(ctx, "koeln")
		must(t, err)
		byCode, err := f.auths.AuthorityFor(ctx, "50667", smd.ServiceEinbuergerung)
		must(t, err)
		for _, got := range []*smd.Authority{byID, bySlug, byCode} {
			if got.Court != a.Court {
				t.Fatalf("court %q, want %q", got.Court, a.Court)
			}
		}
		if b, _ := f.auths.AuthorityByID(ctx, f.b.ID); b.Court != "" {
			t.Fatalf("authority without a court: %q", b.Court)
		}
	})
}
