package oidc

import (
	"strings"
)

// ClaimValues reads the claim at a dotted path ("groups",
// "realm_access.roles") from decoded ID token claims. Providers send roles
// as an array of strings, as one string, or as a space-separated string;
// all three are accepted. Anything else (numbers, objects, nulls) yields
// nothing, never an error: a claim we cannot read grants no role.
func ClaimValues(claims map[string]any, path string) []string {
	var cur any = claims
	for _, part := range strings.Split(path, ".") {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if cur, ok = m[part]; !ok {
			return nil
		}
	}
	switch v := cur.(type) {
	case string:
		return strings.Fields(v)
	case []any:
		var out []string
		for _, e := range v {
			if s, ok := e.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	case []string:
		return v
	}
	return nil
}
