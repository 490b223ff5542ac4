package oidc_test

import (
	"encoding/json"
	"testing"

	"github.com/smd-oss/smd/oidc"
)

// FuzzClaimValues feeds arbitrary ID token claim sets (outside input, even
// if signed) through the roles lookup: it must never panic, and every value
// it returns must be a non-empty string found in the claims.
func FuzzClaimValues(f *testing.F) {
	f.Add([]byte(`{"groups":["a","b"]}`), "groups")
	f.Add([]byte(`{"realm_access":{"roles":["tl",1,null]}}`), "realm_access.roles")
	f.Add([]byte(`{"role":"x y  z"}`), "role")
	f.Add([]byte(`{"a":{"b":{"c":"d"}}}`), "a.b.c")
	f.Fuzz(func(t *testing.T, raw []byte, path string) {
		var claims map[string]any
		if json.Unmarshal(raw, &claims) != nil {
			return
		}
		for _, v := range oidc.ClaimValues(claims, path) {
			if v == "" {
				t.Fatalf("empty value from %s at %q", raw, path)
			}
		}
	})
}
