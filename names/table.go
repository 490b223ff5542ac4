package names

// icaoLatin is the transliteration of multinational Latin-based
// characters that ICAO Doc 9303 Part 3 (section 6, "Transliterations
// recommended for use by States") gives for the MRZ, keyed by upper-case
// letter (lower case is upper-cased first; ß has no simple upper case and
// is listed itself). [S] The primary PDF was not read for this change: the
// entries were written from the table as two independent published
// implementations reproduce it and agree, and they match every example of
// the issue (Ä AE, Ö OE, Ü UE, ß SS, É E, Ç C, Ø OE, Å AA, Ñ N).
// Letters missing here fall back to their base letter when Unicode
// decomposes them into one (Ș → S, Ạ → A); others cannot be
// transliterated.
var icaoLatin = map[rune]string{
	'À': "A", 'Á': "A", 'Â': "A", 'Ã': "A", 'Ä': "AE", 'Å': "AA", 'Æ': "AE",
	'Ç': "C", 'È': "E", 'É': "E", 'Ê': "E", 'Ë': "E", 'Ì': "I", 'Í': "I",
	'Î': "I", 'Ï': "I", 'Ð': "D", 'Ñ': "N", 'Ò': "O", 'Ó': "O", 'Ô': "O",
	'Õ': "O", 'Ö': "OE", 'Ø': "OE", 'Ù': "U", 'Ú': "U", 'Û': "U", 'Ü': "UE",
	'Ý': "Y", 'Þ': "TH", 'ß': "SS", 'ẞ': "SS",
	'Ā': "A", 'Ă': "A", 'Ą': "A", 'Ć': "C", 'Ĉ': "C", 'Ċ': "C", 'Č': "C",
	'Ď': "D", 'Đ': "D", 'Ē': "E", 'Ĕ': "E", 'Ė': "E", 'Ę': "E", 'Ě': "E",
	'Ĝ': "G", 'Ğ': "G", 'Ġ': "G", 'Ģ': "G", 'Ĥ': "H", 'Ħ': "H", 'Ĩ': "I",
	'Ī': "I", 'Ĭ': "I", 'Į': "I", 'İ': "I", 'ı': "I", 'Ĳ': "IJ", 'Ĵ': "J",
	'Ķ': "K", 'Ĺ': "L", 'Ļ': "L", 'Ľ': "L", 'Ŀ': "L", 'Ł': "L", 'Ń': "N",
	'Ņ': "N", 'Ň': "N", 'Ŋ': "N", 'Ō': "O", 'Ŏ': "O", 'Ő': "O", 'Œ': "OE",
	'Ŕ': "R", 'Ŗ': "R", 'Ř': "R", 'Ś': "S", 'Ŝ': "S", 'Ş': "S", 'Š': "S",
	'Ţ': "T", 'Ť': "T", 'Ŧ': "T", 'Ũ': "U", 'Ū': "U", 'Ŭ': "U", 'Ů': "U",
	'Ű': "U", 'Ų': "U", 'Ŵ': "W", 'Ŷ': "Y", 'Ÿ': "Y", 'Ź': "Z", 'Ż': "Z",
	'Ž': "Z",
}

// droppedDiacritic is the other spelling some issuing states use in the
// MRZ for letters the table spells with two: the bare base letter
// (Turkish passports write ÖZTÜRK as OZTURK). Our interpretation, not
// ICAO's table: a match through it is "equivalent", not "exact".
var droppedDiacritic = map[rune]string{
	'Ä': "A", 'Å': "A", 'Ö': "O", 'Ø': "O", 'Ü': "U",
}
