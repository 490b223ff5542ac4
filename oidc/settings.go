package oidc

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// ParseSettings reads the identity providers of a deployment: a JSON object
// from authority slug to Settings. Unknown fields are refused so that a
// typo ("role_claim") fails at start rather than at the first sign-in.
// Relative client_secret_file paths are taken from dir.
//
// Errors name the authority and the field.
func ParseSettings(data []byte, dir string) ([]*Settings, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var m map[string]*Settings
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("oidc settings: %w", err)
	}
	list := make([]*Settings, 0, len(m))
	for slug, s := range m {
		if s == nil {
			return nil, fmt.Errorf("oidc settings: %s is empty", slug)
		}
		s.Authority = slug
		if s.ClientSecretFile != "" {
			p := s.ClientSecretFile
			if !filepath.IsAbs(p) {
				p = filepath.Join(dir, p)
			}
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("oidc %s: client_secret_file: %w", slug, err)
			}
			s.ClientSecret = strings.TrimSpace(string(b))
		}
		s.Issuer = strings.TrimSuffix(s.Issuer, "/")
		if err := s.Validate(); err != nil {
			return nil, err
		}
		list = append(list, s)
	}
	slices.SortFunc(list, func(a, b *Settings) int { return strings.Compare(a.Authority, b.Authority) })
	return list, nil
}

// LoadSettings reads ParseSettings' format from a file.
func LoadSettings(path string) ([]*Settings, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("oidc settings: %w", err)
	}
	return ParseSettings(b, filepath.Dir(path))
}
