package doccheck

import (
	"context"
	"testing"
	"time"
)

// A passport copy with the German specimen MRZ: read, valid, classified
// as a passport by the MRZ, flagged as a specimen; the ICAO specimen is
// also expired; a broken check digit is a warning, not a refusal.
func TestMRZInDocuments(t *testing.T) {
	ch := New()
	ch.Now = func() time.Time { return time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC) }
	r := ch.Check(context.Background(), "pass.pdf", textPDF("BUNDESREPUBLIK DEUTSCHLAND", "P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<", "C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4"))
	if !r.Accepted || r.MRZ == nil || !r.MRZ.Valid || r.MRZ.Surname != "MUSTERMANN" || r.Category != "passport" {
		t.Fatalf("%+v %+v", r, r.MRZ)
	}
	if !r.Has("mrz.specimen_serial") && !r.Has("mrz.specimen_name") {
		t.Errorf("specimen not flagged: %+v", r.Findings)
	}
	if r.Has("mrz.expired") {
		t.Error("expiry 2027 flagged as expired")
	}
	r = ch.Check(context.Background(), "pass.pdf", textPDF("P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<", "L898902C36UTO7408122F1204159ZE184226B<<<<<10"))
	if !r.Has("mrz.expired") || !r.Has("mrz.specimen_state") {
		t.Errorf("ICAO specimen: %+v", r.Findings)
	}
	r = ch.Check(context.Background(), "karte.pdf", textPDF("ARD<<Y701001V39<<<<<<<<<<<<<<<", "7708121F2103318TUR<<<<<<<<<<<7", "MUSTERMANN<<ERIKA<<<<<<<<<<<<<"))
	if !r.Accepted || r.MRZ == nil || r.MRZ.Valid || !r.Has("mrz.invalid") || r.Category != "residence_permit" {
		t.Fatalf("broken composite: accepted=%v category=%s %+v", r.Accepted, r.Category, r.Findings)
	}
}
