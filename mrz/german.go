package mrz

// eatSerialAlphabet is the alphabet of the German eAT card number: digits
// and the consonants C F G H J K L M N P R T V W X Y Z (no vowels, no B,
// D, Q, S), 4 characters of Behördenkennzahl and 5 of running number
// (law-and-standards.md § 4.7, [S] emanueljacob/identity-germany).
const eatSerialAlphabet = "0123456789CFGHJKLMNPRTVWXYZ"

var eatSerialChar = func() (t [256]bool) {
	for i := 0; i < len(eatSerialAlphabet); i++ {
		t[eatSerialAlphabet[i]] = true
	}
	return t
}()

// ValidEATSerial reports whether s has the form of a German eAT card
// number: ^[0-9CFGHJKLMNPRTVWXYZ]{9}$.
func ValidEATSerial(s string) bool {
	if len(s) != 9 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !eatSerialChar[s[i]] {
			return false
		}
	}
	return true
}

// flagGermanEAT adds the flags of the German eAT rules.
func (r *Result) flagGermanEAT() {
	if !r.IsGermanResidencePermit() {
		return
	}
	if r.Format != TD1 {
		r.Flags = append(r.Flags, FlagEATFormat)
	}
	if !ValidEATSerial(r.DocumentNumber) {
		r.Flags = append(r.Flags, FlagEATSerial)
	}
}
