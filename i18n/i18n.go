// Package i18n holds the portal's languages and their messages. German is
// authoritative; English, Turkish, Arabic (right to left) and Ukrainian
// cover everything an applicant sees; the workbench (keys starting with
// "wb.") is in German and English.
//
// Messages are flat JSON files, locales/<lang>.json for the portal and
// locales/form/<lang>.json for the application forms, in the format
// of github.com/nicksnyder/go-i18n (plural forms as objects with "one",
// "other", …). A test fails when a key is missing in any language.
package i18n

import (
	"embed"
	"encoding/json"
	"fmt"
	"html/template"
	"io/fs"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Language is one language of the portal.
type Language struct {
	// Code is the BCP 47 tag used in ?lang= and <html lang>.
	Code string
	// Name is the language's name in itself, as the switcher shows it.
	Name string
	// Dir is "rtl" or "ltr".
	Dir string
	// Workbench tells whether the caseworker side is translated.
	Workbench bool
}

// Languages in the order of the switcher; the first is the default.
var Languages = []Language{
	{Code: "de", Name: "Deutsch", Dir: "ltr", Workbench: true},
	{Code: "en", Name: "English", Dir: "ltr", Workbench: true},
	{Code: "tr", Name: "Türkçe", Dir: "ltr"},
	{Code: "ar", Name: "العربية", Dir: "rtl"},
	{Code: "uk", Name: "Українська", Dir: "ltr"},
}

// Default is German, the authoritative language.
var Default = Languages[0]

//go:embed locales/*.json locales/form/*.json
var locales embed.FS

// files are the message files of a language; their keys must not overlap.
func files(lang string) []string {
	return []string{"locales/" + lang + ".json", "locales/form/" + lang + ".json"}
}

// Catalog holds the messages of every language.
type Catalog struct {
	bundle  *i18n.Bundle
	plain   map[string]map[string]string // lang → key → text, for messages without plural forms
	raw     map[string]map[string]string // lang → key → source text, for tests
	matcher language.Matcher
}

// Load parses the embedded message files. A file that does not parse fails
// the start, not a request.
func Load() (*Catalog, error) {
	b := i18n.NewBundle(language.German)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	c := &Catalog{bundle: b, plain: map[string]map[string]string{}, raw: map[string]map[string]string{}}
	var tags []language.Tag
	for _, l := range Languages {
		c.plain[l.Code] = map[string]string{}
		c.raw[l.Code] = map[string]string{}
		seen := map[string]bool{}
		for _, name := range files(l.Code) {
			data, err := fs.ReadFile(locales, name)
			if err != nil {
				return nil, fmt.Errorf("messages for %s: %w", l.Code, err)
			}
			if _, err := b.ParseMessageFileBytes(data, l.Code+".json"); err != nil {
				return nil, fmt.Errorf("messages in %s: %w", name, err)
			}
			var raw map[string]any
			if err := json.Unmarshal(data, &raw); err != nil {
				return nil, err
			}
			for k, v := range raw {
				if seen[k] {
					return nil, fmt.Errorf("messages in %s: key %s is defined twice", name, k)
				}
				seen[k] = true
				if s, ok := v.(string); ok {
					c.raw[l.Code][k] = s
					if !strings.Contains(s, "{{") {
						c.plain[l.Code][k] = s
					}
				}
			}
		}
		tags = append(tags, language.Make(l.Code))
	}
	c.matcher = language.NewMatcher(tags)
	return c, nil
}

// Keys returns the message keys of a language, for completeness tests.
func (c *Catalog) Keys(lang string) ([]string, error) {
	var keys []string
	for _, name := range files(lang) {
		data, err := fs.ReadFile(locales, name)
		if err != nil {
			return nil, err
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal(data, &raw); err != nil {
			return nil, err
		}
		for k := range raw {
			keys = append(keys, k)
		}
	}
	return keys, nil
}

// Lookup returns the language with the code, and whether there is one.
func Lookup(code string) (Language, bool) {
	for _, l := range Languages {
		if l.Code == code {
			return l, true
		}
	}
	return Language{}, false
}

// Match picks the best language for an Accept-Language header.
func (c *Catalog) Match(acceptLanguage string) Language {
	tags, _, err := language.ParseAcceptLanguage(acceptLanguage)
	if err != nil || len(tags) == 0 {
		return Default
	}
	_, idx, conf := c.matcher.Match(tags...)
	if conf == language.No {
		return Default
	}
	return Languages[idx]
}

// T returns the message key in lang, filled with data (a map or struct for
// the {{.Field}} placeholders; an int or int64 selects the plural form and
// is available as {{.Count}}). A key missing in lang falls back to German,
// and a key missing everywhere yields the key itself, so that a gap shows
// on the page instead of failing it; the completeness test keeps gaps out.
func (c *Catalog) T(lang, key string, data ...any) string {
	if len(data) == 0 {
		if s, ok := c.plain[lang][key]; ok {
			return s
		}
	}
	cfg := &i18n.LocalizeConfig{MessageID: key}
	if len(data) > 0 {
		switch v := data[0].(type) {
		case int:
			cfg.PluralCount = v
			cfg.TemplateData = map[string]any{"Count": v}
		case int64:
			cfg.PluralCount = v
			cfg.TemplateData = map[string]any{"Count": v}
		default:
			cfg.TemplateData = v
		}
	}
	// On a fallback to German go-i18n returns the German text together
	// with a not-found error: the text is what we want.
	s, _ := i18n.NewLocalizer(c.bundle, lang, Default.Code).Localize(cfg)
	if s == "" {
		return key
	}
	return s
}

// Has reports whether the key exists in German (and so, by the
// completeness test, in every language).
func (c *Catalog) Has(key string) bool {
	_, ok := c.raw[Default.Code][key]
	return ok
}

// HTML is T for messages that contain our own markup (links inside a
// sentence). Only message files, never user input, reach it.
func (c *Catalog) HTML(lang, key string, data ...any) template.HTML {
	return template.HTML(c.T(lang, key, data...)) //nolint:gosec // trusted, embedded message files
}
