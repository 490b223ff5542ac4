// Package names cross-checks a person's name in an MRZ against the name
// in the application: it spells the application's name as ICAO 9303
// spells names in the MRZ (Müller as MUELLER), compares part by part,
// and says how far the two agree and why. The comparison advises; the
// caseworker decides.
package names

import (
	"slices"

	"github.com/smd-oss/smd/mrz"
)

// Level is how far two names agree, from best to worst.
type Level string

const (
	// Exact: equal after ICAO transliteration.
	Exact Level = "exact"
	// Equivalent: equal up to the order of the given names, the
	// truncation of a long name at the MRZ's width, or diacritics an
	// issuing state left out.
	Equivalent Level = "equivalent"
	// Similar: a hint only: the names sound alike (Kölner Phonetik), a
	// given name is missing in the application, or surname and given
	// names are swapped.
	Similar Level = "similar"
	// Different: none of the above.
	Different Level = "different"
)

// Name is a person's name in two parts.
type Name struct {
	Surname    string `json:"surname"`
	GivenNames string `json:"given_names"`
}

// Reason explains a Match: a stable key and its German message.
type Reason struct {
	Key     string `json:"key"`
	Message string `json:"message"`
}

// Match is the outcome of a comparison with its reasons, most important
// first.
type Match struct {
	Level   Level    `json:"level"`
	Reasons []Reason `json:"reasons"`
}

// CompareMRZ compares the name of a parsed MRZ with the application's.
func CompareMRZ(r *mrz.Result, app Name) Match {
	return Compare(Name{Surname: r.Surname, GivenNames: r.GivenNames}, r.NameFull, app)
}

// Compare compares the name as the MRZ writes it (parts separated by
// spaces or fillers) with the name in the application (any script the
// table covers, any case). mayBeTruncated says that the MRZ name fills
// its field (mrz.Result.NameFull), so that a shortened name is accepted
// as equivalent. It never fails: input it cannot read compares as
// different, with a reason, and so does an MRZ part longer than any MRZ
// name field (which also bounds the work whatever the application holds).
func Compare(m Name, mayBeTruncated bool, app Name) Match {
	if len(m.Surname) > maxPart || len(m.GivenNames) > maxPart {
		return match(Different, ReasonSurnameDiffers, ReasonGivenDiffer)
	}
	ms, mg := mrzTokens(m.Surname), mrzTokens(m.GivenNames)
	as, ag := tokens(app.Surname), tokens(app.GivenNames)
	var keys []string

	sOK, sAlt := fullMatch(as, ms)
	gOK, gAlt := fullMatch(ag, mg)
	if sOK && gOK {
		switch {
		case sAlt || gAlt:
			return match(Equivalent, ReasonDiacriticsDropped)
		case isPlain(as) && isPlain(ag):
			return match(Exact, ReasonIdentical)
		}
		return match(Exact, ReasonTransliterated)
	}

	// Equivalent: a shortened surname, given names reordered or shortened.
	if !sOK && mayBeTruncated {
		if sOK, sAlt = prefixMatch(as, ms); sOK {
			keys = append(keys, ReasonSurnameTruncated)
		}
	}
	if !gOK {
		if gOK, gAlt = permutedMatch(ag, mg); gOK {
			keys = append(keys, ReasonGivenOrder)
		} else if mayBeTruncated && len(mg) > 0 {
			if gOK, gAlt = prefixMatch(ag, mg); gOK {
				keys = append(keys, ReasonGivenTruncated)
			}
		}
	}
	if sAlt || gAlt {
		keys = append(keys, ReasonDiacriticsDropped)
	}
	if sOK && gOK {
		return match(Equivalent, keys...)
	}

	// Similar: hints for a person to look at.
	if a, _ := fullMatch(as, mg); a && len(as) > 0 {
		if b, _ := fullMatch(ag, ms); b {
			return match(Similar, ReasonSwapped)
		}
	}
	if sOK && !gOK && len(ag) > 0 && len(ag) < len(mg) && subsetMatch(ag, mg) {
		return match(Similar, append(keys, ReasonGivenSubset)...)
	}
	sSound := !sOK && soundsAlike(app.Surname, m.Surname, false)
	gSound := !gOK && soundsAlike(app.GivenNames, m.GivenNames, true)
	if (sOK || sSound) && (gOK || gSound) {
		if sSound {
			keys = append(keys, ReasonSurnameSoundsAlike)
		}
		if gSound {
			keys = append(keys, ReasonGivenSoundAlike)
		}
		return match(Similar, keys...)
	}

	keys = keys[:0]
	if !sOK {
		keys = append(keys, ReasonSurnameDiffers)
	}
	if !gOK {
		keys = append(keys, ReasonGivenDiffer)
	}
	if hasNoLatin(as) || hasNoLatin(ag) {
		keys = append(keys, ReasonNoLatin)
	}
	return match(Different, keys...)
}

// maxPart bounds an MRZ name part: the widest MRZ name field has 39
// characters, so anything longer is no MRZ name and matches nothing.
const maxPart = 64

func match(l Level, keys ...string) Match {
	m := Match{Level: l, Reasons: make([]Reason, 0, len(keys))}
	for _, k := range keys {
		m.Reasons = append(m.Reasons, Reason{Key: k, Message: Messages[k]})
	}
	return m
}

// fullMatch: the same number of parts, each spelled alike in order. alt
// reports that a dropped diacritic was needed.
func fullMatch(app [][]unit, m []string) (ok, alt bool) {
	if len(app) != len(m) {
		return false, false
	}
	for i := range app {
		o, a := spells(app[i], m[i], false)
		if !o {
			return false, false
		}
		alt = alt || a
	}
	return true, alt
}

// permutedMatch: the same parts in another order.
func permutedMatch(app [][]unit, m []string) (ok, alt bool) {
	if len(app) != len(m) || len(m) < 2 {
		return false, false
	}
	return assign(app, m)
}

// subsetMatch: each application part matches a different MRZ part.
func subsetMatch(app [][]unit, m []string) bool {
	ok, _ := assign(app, m)
	return ok
}

// assign matches every application part to a different MRZ part
// (greedy: parts of one name are rarely spelled alike).
func assign(app [][]unit, m []string) (ok, alt bool) {
	used := make([]bool, len(m))
	for _, a := range app {
		found := false
		for j := range m {
			if used[j] {
				continue
			}
			if o, al := spells(a, m[j], false); o {
				used[j], found, alt = true, true, alt || al
				break
			}
		}
		if !found {
			return false, false
		}
	}
	return true, alt
}

// prefixMatch: the MRZ has at most as many parts, each the beginning of
// the application's part in order (ICAO shortens long names, down to
// initials, to fit the field), and at least one is actually shorter.
func prefixMatch(app [][]unit, m []string) (ok, alt bool) {
	if len(m) == 0 || len(m) > len(app) {
		return false, false
	}
	shorter := len(m) < len(app)
	for i := range m {
		o, a := spells(app[i], m[i], true)
		if !o {
			return false, false
		}
		alt = alt || a
		if full, _ := spells(app[i], m[i], false); !full {
			shorter = true
		}
	}
	return shorter, alt && shorter
}

// spells reports whether the MRZ part m spells the application part u
// (all of it, or with prefix its beginning), and whether that needed a
// dropped diacritic. A dynamic programme over (letter of u, position in
// m), preferring ICAO spellings: linear in the lengths, whatever the
// name.
func spells(u []unit, m string, prefix bool) (ok, alt bool) {
	if len(m) == 0 {
		return len(u) == 0, false
	}
	if len(m) > maxPart {
		return false, false
	}
	// Every unit writes at least one letter: a longer u cannot fit m
	// (and with prefix only its first len(m) units matter). This bounds
	// the programme by maxPart² whatever the application holds.
	if len(u) > len(m) {
		if !prefix {
			return false, false
		}
		u = u[:len(m)]
	}
	const none = 2
	w := len(m) + 1
	// cost[i*w+j]: 0 reached with ICAO spellings only, 1 with a dropped
	// diacritic, none not reached.
	cost := make([]uint8, (len(u)+1)*w)
	for i := range cost {
		cost[i] = none
	}
	cost[0] = 0
	best := uint8(none)
	for i := 0; i <= len(u); i++ {
		for j := 0; j <= len(m); j++ {
			c := cost[i*w+j]
			if c == none {
				continue
			}
			if j == len(m) && (i == len(u) || prefix) {
				best = min(best, c)
			}
			if i == len(u) {
				continue
			}
			for k, s := range [2]string{u[i].icao, u[i].alt} {
				if s == "" {
					continue
				}
				nc := c
				if k == 1 {
					nc = 1
				}
				rest := m[j:]
				switch {
				case len(s) <= len(rest) && rest[:len(s)] == s:
					if p := (i+1)*w + j + len(s); nc < cost[p] {
						cost[p] = nc
					}
				case prefix && len(s) > len(rest) && s[:len(rest)] == rest:
					// the MRZ ends inside a two-letter spelling (Ü → U|E)
					best = min(best, nc)
				}
			}
		}
	}
	return best != none, best == 1
}

// soundsAlike compares the Kölner Phonetik of two name parts; for given
// names each name is coded alone and the order is ignored.
func soundsAlike(app, m string, unordered bool) bool {
	a, b := phoneticParts(app, unordered), phoneticParts(m, unordered)
	return len(a) > 0 && slices.Equal(a, b)
}

func phoneticParts(s string, unordered bool) []string {
	if !unordered {
		if c := KoelnerPhonetik(s); c != "" {
			return []string{c}
		}
		return nil
	}
	var out []string
	for _, t := range splitParts(s) {
		if c := KoelnerPhonetik(t); c != "" {
			out = append(out, c)
		}
	}
	slices.Sort(out)
	return out
}

// isPlain: every letter of the application was already A–Z.
func isPlain(app [][]unit) bool {
	for _, t := range app {
		for _, u := range t {
			if !u.plain {
				return false
			}
		}
	}
	return true
}

func hasNoLatin(app [][]unit) bool {
	for _, t := range app {
		for _, u := range t {
			if u.icao == noLatin {
				return true
			}
		}
	}
	return false
}
