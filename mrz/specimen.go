package mrz

// specimenSerials are document numbers of published specimen documents.
// A real document could in theory carry one; the flag advises, it does not
// refuse.
var specimenSerials = map[string]string{
	// law-and-standards.md § 4.7: specimen eAT serials to be blacklisted
	// in production validation ([S] emanueljacob/identity-germany).
	"Y70101V03": "eAT specimen",
	"Y701001V1": "eAT specimen",
	"Y701001V3": "eAT specimen (vector T5)",
	// law-and-standards.md § 4.7 vectors T3 and T4: the German passport
	// and identity card specimens (Erika Mustermann).
	"C01X00T47": "German passport specimen (vector T3)",
	"T22000129": "German identity card specimen (vector T4)",
	// ICAO Doc 9303 specimens of Utopia (vectors T1 and T2).
	"L898902C3": "ICAO TD3 specimen (vector T1)",
	"D23145890": "ICAO TD1 specimen (vector T2)",
}

// specimenNames are the names printed on those specimens, as the MRZ
// writes them.
var specimenNames = []struct{ surname, given string }{
	{"MUSTERMANN", "ERIKA"},    // German specimens (T3, T4, T5)
	{"ERIKSSON", "ANNA MARIA"}, // ICAO specimens (T1, T2)
}

// specimenState is ICAO's fictitious issuing state of its specimens.
const specimenState = "UTO"

// flagSpecimen adds the specimen flags.
func (r *Result) flagSpecimen() {
	if _, ok := specimenSerials[r.DocumentNumber]; ok {
		r.Flags = append(r.Flags, FlagSpecimenSerial)
	}
	for _, n := range specimenNames {
		if r.Surname == n.surname && r.GivenNames == n.given {
			r.Flags = append(r.Flags, FlagSpecimenName)
			break
		}
	}
	if r.IssuingState == specimenState || r.Nationality == specimenState {
		r.Flags = append(r.Flags, FlagSpecimenState)
	}
}
