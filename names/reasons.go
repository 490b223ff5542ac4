package names

// Reason keys say why a comparison came out as it did; the workbench
// shows the message, or its own translation of the key.
const (
	ReasonIdentical          = "names.identical"
	ReasonTransliterated     = "names.transliterated"
	ReasonDiacriticsDropped  = "names.diacritics_dropped"
	ReasonGivenOrder         = "names.given_order"
	ReasonSurnameTruncated   = "names.surname_truncated"
	ReasonGivenTruncated     = "names.given_truncated"
	ReasonSwapped            = "names.swapped"
	ReasonGivenSubset        = "names.given_subset"
	ReasonSurnameSoundsAlike = "names.surname_sounds_alike"
	ReasonGivenSoundAlike    = "names.given_sound_alike"
	ReasonSurnameDiffers     = "names.surname_differs"
	ReasonGivenDiffer        = "names.given_differ"
	ReasonNoLatin            = "names.no_latin"
)

// Messages are the German texts of the reasons.
var Messages = map[string]string{
	ReasonIdentical:          "Der Name stimmt buchstabengenau mit der MRZ überein.",
	ReasonTransliterated:     "Der Name stimmt nach der Umschrift nach ICAO 9303 (z. B. Ü als UE, ß als SS) mit der MRZ überein.",
	ReasonDiacriticsDropped:  "Der Name stimmt überein, wenn Umlaute ohne Punkte geschrieben werden (z. B. Ü als U), wie manche Staaten es in der MRZ tun.",
	ReasonGivenOrder:         "Die Vornamen stimmen überein, stehen aber in anderer Reihenfolge.",
	ReasonSurnameTruncated:   "Der Familienname ist in der MRZ aus Platzgründen gekürzt; der gekürzte Teil stimmt überein.",
	ReasonGivenTruncated:     "Die Vornamen sind in der MRZ aus Platzgründen gekürzt; der gekürzte Teil stimmt überein.",
	ReasonSwapped:            "Familienname und Vornamen scheinen im Antrag vertauscht zu sein.",
	ReasonGivenSubset:        "Im Antrag fehlen Vornamen, die in der MRZ stehen.",
	ReasonSurnameSoundsAlike: "Der Familienname klingt gleich (Kölner Phonetik), ist aber anders geschrieben. Nur ein Hinweis: bitte prüfen.",
	ReasonGivenSoundAlike:    "Die Vornamen klingen gleich (Kölner Phonetik), sind aber anders geschrieben. Nur ein Hinweis: bitte prüfen.",
	ReasonSurnameDiffers:     "Der Familienname weicht von der MRZ ab.",
	ReasonGivenDiffer:        "Die Vornamen weichen von der MRZ ab.",
	ReasonNoLatin:            "Der Name im Antrag enthält Schriftzeichen, die hier nicht in lateinische Schrift umgeschrieben werden können.",
}
