package mrz

// Flags are what a parse observes beyond the check digits. They advise:
// the document pipeline turns them into findings and a caseworker
// decides. Keys are stable; FlagMessages holds the German texts.
const (
	// FlagSpecimenSerial: the document number is a published specimen
	// (Muster) serial; law-and-standards.md § 4.7 requires these to be
	// refused in production validation.
	FlagSpecimenSerial = "mrz.specimen_serial"
	// FlagSpecimenName: the name of a published specimen document.
	FlagSpecimenName = "mrz.specimen_name"
	// FlagSpecimenState: issuing state or nationality UTO, the fictitious
	// "Utopia" of ICAO's specimen documents.
	FlagSpecimenState = "mrz.specimen_state"
	// FlagEATSerial: a German eAT whose card number is not 9 characters of
	// the alphabet 0–9 C F G H J K L M N P R T V W X Y Z.
	FlagEATSerial = "mrz.eat_serial"
	// FlagEATFormat: a German eAT document code on a card that is not ID-1
	// (TD1), which the eAT always is.
	FlagEATFormat = "mrz.eat_format"
	// FlagBirthDate and FlagExpiryDate: the field is no calendar date
	// (unknown parts written as <, or a month or day that does not exist).
	FlagBirthDate  = "mrz.birth_date"
	FlagExpiryDate = "mrz.expiry_date"
	// FlagSex: a sex code other than F, M, X or the filler.
	FlagSex = "mrz.sex"
)

// FlagMessages are the German texts of the flags for findings and the
// workbench.
var FlagMessages = map[string]string{
	FlagSpecimenSerial: "Die Dokumentennummer ist die eines veröffentlichten Musterdokuments.",
	FlagSpecimenName:   "Der Name ist der eines veröffentlichten Musterdokuments.",
	FlagSpecimenState:  "Ausstellerstaat oder Staatsangehörigkeit ist UTO (Musterstaat der ICAO).",
	FlagEATSerial:      "Die Kartennummer des elektronischen Aufenthaltstitels hat nicht das vorgeschriebene Format (9 Zeichen aus 0–9 und C F G H J K L M N P R T V W X Y Z).",
	FlagEATFormat:      "Ein elektronischer Aufenthaltstitel hat eine dreizeilige MRZ (Format ID-1); diese MRZ hat ein anderes Format.",
	FlagBirthDate:      "Das Geburtsdatum in der MRZ ist kein vollständiges Kalenderdatum.",
	FlagExpiryDate:     "Das Ablaufdatum in der MRZ ist kein vollständiges Kalenderdatum.",
	FlagSex:            "Die Angabe zum Geschlecht in der MRZ ist keine der zulässigen (F, M, X, <).",
}

// addFlags sets Flags from the parsed fields, most important first:
// specimens, the German eAT rules, then dates and sex.
func (r *Result) addFlags() {
	r.flagSpecimen()
	r.flagGermanEAT()
	if r.BirthDate == "" {
		r.Flags = append(r.Flags, FlagBirthDate)
	}
	if r.ExpiryDate == "" {
		r.Flags = append(r.Flags, FlagExpiryDate)
	}
	switch r.Sex {
	case "", "F", "M", "X":
	default:
		r.Flags = append(r.Flags, FlagSex)
	}
}
