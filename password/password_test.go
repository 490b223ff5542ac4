package password

import (
	"strings"
	"testing"
)

func TestHashVerify(t *testing.T) {
	h, err := Hash("richtig", Fast)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=1024,t=1,p=1$") {
		t.Fatalf("unexpected format %q", h)
	}
	if ok, err := Verify("richtig", h); !ok || err != nil {
		t.Fatalf("right password refused: %v %v", ok, err)
	}
	if ok, _ := Verify("falsch", h); ok {
		t.Fatal("wrong password accepted")
	}
	h2, _ := Hash("richtig", Fast)
	if h == h2 {
		t.Fatal("two hashes of the same password must differ (salt)")
	}
}

func TestVerifyMalformed(t *testing.T) {
	for _, h := range []string{"", "plain", "$argon2i$v=19$m=1,t=1,p=1$AA$AA", "$argon2id$v=18$m=1,t=1,p=1$AA$AA", "$argon2id$v=19$m=x$AA$AA", "$argon2id$v=19$m=1,t=1,p=1$!!$AA", "$argon2id$v=19$m=1,t=1,p=1$AA$"} {
		if _, err := Verify("x", h); err != ErrMalformed {
			t.Errorf("Verify(%q) = %v, want ErrMalformed", h, err)
		}
	}
}

func FuzzVerify(f *testing.F) {
	h, _ := Hash("x", Fast)
	f.Add(h)
	f.Add("$argon2id$v=19$m=1,t=1,p=1$AA$AA")
	f.Add("$argon2id$v=19$m=4294967295,t=4294967295,p=255$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	f.Fuzz(func(t *testing.T, hash string) {
		// A corrupted stored hash must fail cleanly: no panic, and no
		// unbounded cost (the bounds in Verify keep each call cheap).
		ok, err := Verify("x", hash)
		if ok && err != nil {
			t.Fatal("ok with error")
		}
	})
}
