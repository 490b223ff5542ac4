package doccheck

import (
	"strings"

	"github.com/smd-oss/smd/mrz"
)

// analyse reads what the text says: the MRZ first (it is the strongest
// cue for the category), then the category, then the facts.
func (c *Checker) analyse(r *Report) {
	if r.Text == "" {
		return
	}
	c.readMRZ(r)
	c.classify(r)
	readFacts(r)
}

// readMRZ finds the MRZ in the text: the first whose check digits hold,
// else the first found, with findings for broken check digits, specimen
// documents, the German eAT rules and an expired document.
func (c *Checker) readMRZ(r *Report) {
	now := c.now()
	found := mrz.Find(r.Text, now)
	if len(found) == 0 {
		return
	}
	m := found[0]
	for _, f := range found {
		if f.Valid {
			m = f
			break
		}
	}
	r.MRZ, r.mrzCode = m, m.DocumentCode
	if !m.Valid {
		r.add("mrz.invalid", Warning, "Die Prüfziffern der MRZ stimmen nicht ("+strings.Join(m.Checks.Failed(), ", ")+"): Lesefehler oder verändertes Dokument.")
	}
	for _, fl := range m.Flags {
		r.add(fl, Warning, mrz.FlagMessages[fl])
	}
	if m.ExpiryDate != "" && m.ExpiryDate < now.Format("2006-01-02") {
		r.add("mrz.expired", Warning, "Das Dokument ist laut MRZ seit dem "+germanDate(m.ExpiryDate)+" abgelaufen.")
	}
}

// germanDate turns YYYY-MM-DD into DD.MM.YYYY.
func germanDate(iso string) string {
	if len(iso) != 10 {
		return iso
	}
	return iso[8:10] + "." + iso[5:7] + "." + iso[0:4]
}
