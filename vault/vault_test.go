package vault_test

import (
	"bytes"
	"context"
	"crypto/rand"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/blob"
	"github.com/smd-oss/smd/internal/dbtest"
	"github.com/smd-oss/smd/sqlstore"
	"github.com/smd-oss/smd/vault"
)

func TestMain(m *testing.M) { dbtest.Main(m) }

var ctx = context.Background()

func randomBytes(n int) []byte {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return b
}

func roundTrip(t *testing.T, key, data, aad []byte) []byte {
	t.Helper()
	enc, err := vault.Encrypt(key, 1, aad, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	ct, err := io.ReadAll(enc)
	if err != nil {
		t.Fatal(err)
	}
	return ct
}

func decrypt(key, aad, ct []byte) ([]byte, error) {
	dec, err := vault.Decrypt(func(uint32) ([]byte, error) { return key, nil }, aad, bytes.NewReader(ct))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(dec)
}

func TestStreamRoundTrip(t *testing.T) {
	key := randomBytes(32)
	for _, n := range []int{0, 1, 100, 64<<10 - 1, 64 << 10, 64<<10 + 1, 3*64<<10 + 17, 1 << 20} {
		data := randomBytes(n)
		ct := roundTrip(t, key, data, []byte("aad"))
		got, err := decrypt(key, []byte("aad"), ct)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("%d bytes: %v", n, err)
		}
		if n > 16 && bytes.Contains(ct, data[:16]) {
			t.Fatalf("%d bytes: plaintext visible in ciphertext", n)
		}
	}
}

// Every kind of tampering is detected: a flipped bit, a cut, an added
// chunk, another context, another key.
func TestStreamDetectsTampering(t *testing.T) {
	key := randomBytes(32)
	data := randomBytes(3*64<<10 + 100)
	ct := roundTrip(t, key, data, []byte("A/doc"))
	chunk := 64<<10 + 16
	hdr := 8 + 4 + 7
	cases := map[string][]byte{
		"flipped bit":       func() []byte { c := bytes.Clone(ct); c[len(c)/2] ^= 1; return c }(),
		"cut last chunk":    ct[:hdr+3*chunk],
		"cut in the middle": ct[:hdr+chunk+10],
		"appended":          append(bytes.Clone(ct), 0),
		"chunks swapped":    append(append(append(bytes.Clone(ct[:hdr]), ct[hdr+chunk:hdr+2*chunk]...), ct[hdr:hdr+chunk]...), ct[hdr+2*chunk:]...),
		"header only":       ct[:hdr],
		"garbage":           []byte("not encrypted at all"),
	}
	for name, c := range cases {
		if _, err := decrypt(key, []byte("A/doc"), c); !errors.Is(err, vault.ErrCorrupt) {
			t.Errorf("%s: %v, want ErrCorrupt", name, err)
		}
	}
	if _, err := decrypt(key, []byte("B/doc"), ct); !errors.Is(err, vault.ErrCorrupt) {
		t.Error("another context decrypted")
	}
	if _, err := decrypt(randomBytes(32), []byte("A/doc"), ct); !errors.Is(err, vault.ErrCorrupt) {
		t.Error("another key decrypted")
	}
}

func TestMasterKey(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "sub", "master.key")
	if _, err := vault.LoadMasterKey("", file, false); err == nil {
		t.Fatal("missing key accepted outside dev mode")
	}
	k1, err := vault.LoadMasterKey("", file, true)
	if err != nil || len(k1) != 32 {
		t.Fatal(err)
	}
	if st, _ := os.Stat(file); st.Mode().Perm() != 0o600 {
		t.Fatalf("key file mode %v", st.Mode().Perm())
	}
	k2, err := vault.LoadMasterKey("", file, true)
	if err != nil || !bytes.Equal(k1, k2) {
		t.Fatal("key not kept")
	}
	if _, err := vault.LoadMasterKey("dG9vIHNob3J0", "", false); err == nil || !strings.Contains(err.Error(), "SMD_MASTER_KEY") {
		t.Fatalf("short key: %v", err)
	}
}

// The sealed store on both databases: contents round-trip, the stored
// bytes are ciphertext, and no authority can read or write another's.
func TestSealedStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, db *sqlstore.DB) {
		auths := sqlstore.NewAuthorityStore(db)
		a := &smd.Authority{Slug: "bonn", Name: "Bonn", AGS: "05314000", ARS: "053140000000", Land: "NW", CasePrefix: "BN"}
		b := &smd.Authority{Slug: "potsdam", Name: "Potsdam", AGS: "12054000", ARS: "120540000000", Land: "BB", CasePrefix: "P"}
		for _, x := range []*smd.Authority{a, b} {
			if err := auths.CreateAuthority(ctx, x); err != nil {
				t.Fatal(err)
			}
		}
		dir := t.TempDir()
		blobs, err := blob.OpenDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		master := randomBytes(32)
		ring, _ := vault.NewRing(master, sqlstore.NewKeyStore(db))
		s := &vault.Store{Blobs: blobs, Ring: ring}
		data := []byte("Reisepass von Anna Muster, Nr. C01X00T47")
		key := vault.Key(a.ID, "case-1", "doc-1")
		if err := s.Put(ctx, a.ID, key, bytes.NewReader(data)); err != nil {
			t.Fatal(err)
		}
		raw, _ := os.ReadFile(filepath.Join(dir, key))
		if bytes.Contains(raw, []byte("Anna Muster")) {
			t.Fatal("plaintext on disk")
		}
		rc, err := s.Open(ctx, a.ID, key)
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("read back: %v", err)
		}
		// Another authority cannot name A's blob, and a copy into B's folder does not decrypt.
		if _, err := s.Open(ctx, b.ID, key); smd.ErrorCode(err) != smd.EINVALID {
			t.Fatalf("B opened A's key: %v", err)
		}
		if err := s.Put(ctx, b.ID, key, bytes.NewReader(data)); smd.ErrorCode(err) != smd.EINVALID {
			t.Fatalf("B wrote into A's folder: %v", err)
		}
		copied := vault.Key(b.ID, "case-1", "doc-1")
		if err := blobs.Put(ctx, copied, bytes.NewReader(raw)); err != nil {
			t.Fatal(err)
		}
		rc, err = s.Open(ctx, b.ID, copied)
		if err == nil {
			_, err = io.ReadAll(rc)
			rc.Close()
		}
		if !errors.Is(err, vault.ErrCorrupt) {
			t.Fatalf("A's ciphertext read as B's: %v", err)
		}
		// A second instance with the same master key reads it; another master key does not.
		ring2, _ := vault.NewRing(master, sqlstore.NewKeyStore(db))
		rc, err = (&vault.Store{Blobs: blobs, Ring: ring2}).Open(ctx, a.ID, key)
		if err != nil {
			t.Fatal(err)
		}
		rc.Close()
		ring3, _ := vault.NewRing(randomBytes(32), sqlstore.NewKeyStore(db))
		if _, err := (&vault.Store{Blobs: blobs, Ring: ring3}).Open(ctx, a.ID, key); !errors.Is(err, vault.ErrCorrupt) {
			t.Fatalf("wrong master key: %v", err)
		}
		if err := s.Delete(ctx, b.ID, key); smd.ErrorCode(err) != smd.EINVALID {
			t.Fatalf("B deleted A's blob: %v", err)
		}
		if err := s.Delete(ctx, a.ID, key); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzDecrypt(f *testing.F) {
	key := make([]byte, 32)
	enc, _ := vault.Encrypt(key, 1, nil, strings.NewReader("hallo"))
	ct, _ := io.ReadAll(enc)
	f.Add(ct)
	f.Add([]byte("SMDENC1\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		dec, err := vault.Decrypt(func(uint32) ([]byte, error) { return key, nil }, nil, bytes.NewReader(b))
		if err != nil {
			return
		}
		out, err := io.ReadAll(dec)
		// The only thing ever encrypted under this key is "hallo" (the seed
		// may come from another process, with another nonce prefix).
		if err == nil && string(out) != "hallo" {
			t.Fatalf("forged ciphertext accepted: %q", out)
		}
	})
}
