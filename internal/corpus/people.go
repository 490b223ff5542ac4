package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"
)

// rng wraps math/rand/v2 with the few helpers the templates use. Every
// document has its own rng seeded from (corpus seed, document index), so a
// document does not change when another one does.
type rng struct{ *rand.Rand }

func newRNG(seed, index uint64) rng {
	return rng{rand.New(rand.NewPCG(seed, index*0x9E3779B97F4A7C15+1))}
}

func pick[T any](r rng, xs []T) T { return xs[r.IntN(len(xs))] }

// chance is true with probability p.
func (r rng) chance(p float64) bool { return r.Float64() < p }

// between is a uniform integer in [lo, hi].
func (r rng) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// date is a uniform day between from and to.
func (r rng) date(from, to time.Time) time.Time {
	days := int(to.Sub(from).Hours() / 24)
	if days < 0 {
		return to
	}
	return from.AddDate(0, 0, r.IntN(days+1))
}

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

// Nationality is a state of the corpus's people: codes, words for it and
// name pools. Names are as printed in Latin letters (holders of Cyrillic or
// Arabic documents carry the Latin transliteration of their documents).
type Nationality struct {
	Code      string // ICAO code: ISO 3166 alpha-3, "D" for Germany
	Adjective string // "türkisch"
	Country   string // "Türkei"
	English   string // "Turkish"
	// PlainUmlauts: the state's passports write Ü as U (not UE).
	PlainUmlauts bool
	Surnames     []string
	Female, Male []string
	Places       []string
}

var nationalities = []Nationality{
	{Code: "D", Adjective: "deutsch", Country: "Deutschland", English: "German",
		Surnames: []string{"Müller", "Schäfer", "Weiß", "Groß", "Köhler", "Schröder", "Böhm", "Krüger", "Hoffmann", "Wagner", "Becker", "Schulze-Hölscher", "Jäger", "Fuchs"},
		Female:   []string{"Jutta", "Anna Lena", "Käthe", "Sophie", "Marie-Luise", "Jana", "Lea"},
		Male:     []string{"Jürgen", "Björn", "Lukas", "Hans-Peter", "Günther", "Tobias", "Maximilian Jörg"},
		Places:   []string{"Köln", "München", "Gießen", "Düsseldorf", "Leipzig", "Lübeck"}},
	{Code: "TUR", Adjective: "türkisch", Country: "Türkei", English: "Turkish", PlainUmlauts: true,
		Surnames: []string{"Yılmaz", "Öztürk", "Çelik", "Şahin", "Demir", "Doğan", "Kılıç", "Aydın", "Güneş", "Özdemir", "Çakır"},
		Female:   []string{"Ayşe", "Gül", "Elif", "Zeynep", "Şule", "Fatma Nur", "Büşra"},
		Male:     []string{"Ümit", "Mehmet", "Çağrı", "Emre", "Oğuz", "Mustafa Kemal", "İsmail"},
		Places:   []string{"İstanbul", "Ankara", "İzmir", "Gaziantep", "Trabzon", "Kayseri"}},
	{Code: "UKR", Adjective: "ukrainisch", Country: "Ukraine", English: "Ukrainian",
		Surnames: []string{"Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchuk", "Melnyk", "Oliinyk"},
		Female:   []string{"Olena", "Iryna", "Kateryna", "Oksana", "Yuliia"},
		Male:     []string{"Oleksandr", "Andrii", "Dmytro", "Serhii", "Volodymyr"},
		Places:   []string{"Kyiv", "Kharkiv", "Lviv", "Odesa", "Dnipro"}},
	{Code: "SYR", Adjective: "syrisch", Country: "Syrien", English: "Syrian",
		Surnames: []string{"Al-Hassan", "Haddad", "Al Masri", "Khoury", "Abdullah", "Al-Khatib", "Darwish"},
		Female:   []string{"Fatima", "Rania", "Layla", "Nour", "Amal"},
		Male:     []string{"Mohammed", "Abdulrahman", "Omar", "Khaled", "Ahmad Samir"},
		Places:   []string{"Damaskus", "Aleppo", "Homs", "Latakia"}},
	{Code: "AFG", Adjective: "afghanisch", Country: "Afghanistan", English: "Afghan",
		Surnames: []string{"Ahmadi", "Rahimi", "Hashimi", "Sultani", "Noori"},
		Female:   []string{"Zahra", "Mariam", "Parwana", "Shabnam"},
		Male:     []string{"Mohammad", "Ali Reza", "Farid", "Hamid"},
		Places:   []string{"Kabul", "Herat", "Mazar-e Sharif"}},
	{Code: "IND", Adjective: "indisch", Country: "Indien", English: "Indian",
		Surnames: []string{"Sharma", "Patel", "Subramanian", "Reddy", "Iyer", "Venkataraghavan", "Singh"},
		Female:   []string{"Priya", "Ananya", "Lakshmi", "Deepika"},
		Male:     []string{"Rahul", "Venkatesh", "Arjun", "Siddharth Kumar", "Karthikeyan"},
		Places:   []string{"Bengaluru", "Chennai", "Pune", "Hyderabad", "New Delhi"}},
	{Code: "POL", Adjective: "polnisch", Country: "Polen", English: "Polish",
		Surnames: []string{"Wiśniewski", "Kowalska", "Zieliński", "Wójcik", "Łukaszewicz", "Dąbrowska"},
		Female:   []string{"Małgorzata", "Agnieszka", "Zofia", "Katarzyna"},
		Male:     []string{"Łukasz", "Paweł", "Grzegorz", "Michał"},
		Places:   []string{"Kraków", "Łódź", "Wrocław", "Gdańsk"}},
	{Code: "ROU", Adjective: "rumänisch", Country: "Rumänien", English: "Romanian",
		Surnames: []string{"Popescu", "Ionescu", "Țurcanu", "Ștefănescu", "Dumitru"},
		Female:   []string{"Ioana", "Mădălina", "Elena"},
		Male:     []string{"Ștefan", "Andrei", "Mihai"},
		Places:   []string{"București", "Cluj-Napoca", "Iași", "Timișoara"}},
	{Code: "VNM", Adjective: "vietnamesisch", Country: "Vietnam", English: "Vietnamese",
		Surnames: []string{"Nguyễn", "Trần", "Lê", "Phạm", "Hoàng"},
		Female:   []string{"Thị Hương", "Thu Trang", "Ngọc Anh"},
		Male:     []string{"Văn An", "Minh Đức", "Quốc Bảo"},
		Places:   []string{"Hà Nội", "Hải Phòng", "Đà Nẵng"}},
	{Code: "BRA", Adjective: "brasilianisch", Country: "Brasilien", English: "Brazilian",
		Surnames: []string{"da Silva", "Gonçalves", "Araújo", "Conceição", "dos Santos Pereira"},
		Female:   []string{"Ana Luíza", "Fernanda", "Letícia"},
		Male:     []string{"João Pedro", "Luís", "Thiago"},
		Places:   []string{"São Paulo", "Belo Horizonte", "Recife"}},
	{Code: "ESP", Adjective: "spanisch", Country: "Spanien", English: "Spanish",
		Surnames: []string{"García Núñez", "Muñoz", "Fernández", "Peña Ibáñez"},
		Female:   []string{"María José", "Lucía", "Begoña"},
		Male:     []string{"José María", "Íñigo", "Álvaro"},
		Places:   []string{"Sevilla", "A Coruña", "Málaga"}},
	{Code: "NGA", Adjective: "nigerianisch", Country: "Nigeria", English: "Nigerian",
		Surnames: []string{"Okonkwo", "Adeyemi", "Chukwu", "Oluwaseun-Bello", "Eze"},
		Female:   []string{"Chiamaka", "Ngozi", "Funmilayo"},
		Male:     []string{"Chukwuemeka", "Oluwadamilare", "Tunde"},
		Places:   []string{"Lagos", "Enugu", "Ibadan", "Abuja"}},
	{Code: "CHN", Adjective: "chinesisch", Country: "China", English: "Chinese",
		Surnames: []string{"Wang", "Li", "Zhang", "Liu", "Chen"},
		Female:   []string{"Xiaoling", "Mei", "Yuxin"},
		Male:     []string{"Xiaoming", "Wei", "Haoran"},
		Places:   []string{"Shanghai", "Chengdu", "Wuhan"}},
	{Code: "SRB", Adjective: "serbisch", Country: "Serbien", English: "Serbian",
		Surnames: []string{"Đorđević", "Jovanović", "Petrović", "Šimić", "Marković"},
		Female:   []string{"Jelena", "Milica", "Ivana"},
		Male:     []string{"Nikola", "Dušan", "Miloš"},
		Places:   []string{"Beograd", "Novi Sad", "Niš"}},
	{Code: "IRN", Adjective: "iranisch", Country: "Iran", English: "Iranian",
		Surnames: []string{"Hosseini", "Mohammadi", "Rezaei", "Karimi-Nejad"},
		Female:   []string{"Maryam", "Shirin", "Niloufar"},
		Male:     []string{"Reza", "Amir Hossein", "Babak"},
		Places:   []string{"Teheran", "Isfahan", "Schiras"}},
	{Code: "GBR", Adjective: "britisch", Country: "Vereinigtes Königreich", English: "British",
		Surnames: []string{"O'Brien", "Smith", "MacDonald", "Fitzgerald-Jones"},
		Female:   []string{"Siobhan", "Emily Rose", "Charlotte"},
		Male:     []string{"James", "Oliver", "Rhys"},
		Places:   []string{"London", "Manchester", "Cardiff"}},
	{Code: "ERI", Adjective: "eritreisch", Country: "Eritrea", English: "Eritrean",
		Surnames: []string{"Tesfamariam", "Gebremedhin", "Haile", "Berhane"},
		Female:   []string{"Selam", "Helen", "Freweyni"},
		Male:     []string{"Yonas", "Tesfay", "Daniel"},
		Places:   []string{"Asmara", "Keren", "Massawa"}},
}

// nationalityWeights favour the states most applicants come from.
var nationalityWeights = map[string]int{"TUR": 5, "UKR": 4, "SYR": 4, "AFG": 2, "IND": 4, "POL": 2, "ROU": 2, "D": 1}

func pickNationality(r rng, foreignOnly bool) Nationality {
	total := 0
	for _, n := range nationalities {
		if foreignOnly && n.Code == "D" {
			continue
		}
		total += weightOf(n.Code)
	}
	x := r.IntN(total)
	for _, n := range nationalities {
		if foreignOnly && n.Code == "D" {
			continue
		}
		if x -= weightOf(n.Code); x < 0 {
			return n
		}
	}
	return nationalities[len(nationalities)-1]
}

func weightOf(code string) int {
	if w, ok := nationalityWeights[code]; ok {
		return w
	}
	return 1
}

// ISO3 is the alpha-3 code of the state (DEU for Germany, whose own
// documents write D).
func (n Nationality) ISO3() string {
	if n.Code == "D" {
		return "DEU"
	}
	return n.Code
}

// Person is someone a document is about.
type Person struct {
	Given, Surname string
	Sex            string // "F" or "M"
	Birth          time.Time
	BirthPlace     string
	Nat            Nationality
	Address        Address
}

// FullName is "Given Surname".
func (p Person) FullName() string { return p.Given + " " + p.Surname }

// Address is a German postal address.
type Address struct{ Street, Postcode, City string }

func (a Address) Line() string { return a.Street + ", " + a.Postcode + " " + a.City }

var cities = []struct{ Postcode, City string }{
	{"53111", "Bonn"}, {"50667", "Köln"}, {"14467", "Potsdam"}, {"01067", "Dresden"}, {"10115", "Berlin"},
	{"80331", "München"}, {"20095", "Hamburg"}, {"60311", "Frankfurt am Main"}, {"70173", "Stuttgart"},
	{"40213", "Düsseldorf"}, {"04109", "Leipzig"}, {"90402", "Nürnberg"}, {"45127", "Essen"},
	{"41061", "Mönchengladbach"}, {"97070", "Würzburg"}, {"37073", "Göttingen"}, {"23552", "Lübeck"},
	{"66111", "Saarbrücken"}, {"53859", "Niederkassel"}, {"14612", "Falkensee"},
}

var streets = []string{"Hauptstraße", "Bahnhofstraße", "Schillerstraße", "Goethestraße", "Am Mühlenbach",
	"Königsallee", "Friedrich-Ebert-Straße", "Lindenweg", "Gartenstraße", "Berliner Platz", "Römerstraße",
	"Weißdornweg", "Bergstraße", "Kastanienallee", "Adenauerallee", "Am Hof", "Zur Alten Brücke"}

func randomAddress(r rng) Address {
	c := pick(r, cities)
	no := fmt.Sprint(r.between(1, 140))
	if r.chance(0.15) {
		no += pick(r, []string{"a", "b", "c"})
	}
	return Address{Street: pick(r, streets) + " " + no, Postcode: c.Postcode, City: c.City}
}

// randomPerson makes an adult (born 1950–2007, see mrzDate) of nat.
func randomPerson(r rng, nat Nationality) Person {
	p := Person{Nat: nat, Sex: pick(r, []string{"F", "M"})}
	if p.Sex == "F" {
		p.Given = pick(r, nat.Female)
	} else {
		p.Given = pick(r, nat.Male)
	}
	p.Surname = pick(r, nat.Surnames)
	p.Birth = r.date(day(1950, 1, 1), day(2007, 12, 31))
	p.BirthPlace = pick(r, nat.Places)
	p.Address = randomAddress(r)
	return p
}

// spouseOf makes a partner of p, often with the same surname.
func spouseOf(r rng, p Person) Person {
	nat := p.Nat
	if r.chance(0.3) {
		nat = pickNationality(r, false)
	}
	s := randomPerson(r, nat)
	if r.chance(0.6) {
		s.Surname = p.Surname
	}
	if s.Sex == p.Sex && r.chance(0.8) {
		if p.Sex == "F" {
			s.Sex, s.Given = "M", pick(r, nat.Male)
		} else {
			s.Sex, s.Given = "F", pick(r, nat.Female)
		}
	}
	s.Address = p.Address
	return s
}

var companies = []string{"Rheinland Logistik GmbH", "Müller & Söhne Bau GmbH", "Nordwind Software AG",
	"Klinikum Süd gGmbH", "Bäckerei Schäfer e.K.", "Pflegedienst Sonnenschein GmbH", "TechVision Solutions GmbH",
	"Deutsche Maschinenbau SE", "Hotel am Schlossgarten GmbH & Co. KG", "Elbtal Engineering GmbH",
	"Datenwerk Consulting GmbH", "Grünfeld Gartenbau GmbH", "Havelland Kliniken GmbH", "Brückner Elektrotechnik KG",
	"Spreewald Foods GmbH", "Quantix Analytics GmbH"}

var landlords = []string{"Vonovia SE", "LEG Wohnen NRW GmbH", "Wohnungsbaugenossenschaft Bonn-Süd eG",
	"Hausverwaltung Krämer & Partner", "Gertrud Wallenfels", "Dr. Friedhelm Oster", "GEWOBA Potsdam GmbH",
	"Dresdner Wohnungsgenossenschaft Johannstadt eG"}

var insurers = []struct{ Name, Short string }{
	{"AOK Rheinland/Hamburg – Die Gesundheitskasse", "AOK"}, {"Techniker Krankenkasse", "TK"},
	{"BARMER", "BARMER"}, {"DAK-Gesundheit", "DAK"}, {"IKK classic", "IKK"}, {"AOK Nordost", "AOK"},
	{"hkk Krankenkasse", "hkk"}, {"Debeka Krankenversicherungsverein a. G.", "Debeka"},
	{"Allianz Private Krankenversicherungs-AG", "Allianz"}, {"BKK firmus", "BKK"},
}

var universities = []struct{ Name, City, Country string }{
	{"Rheinische Friedrich-Wilhelms-Universität Bonn", "Bonn", "Deutschland"},
	{"Technische Universität Dresden", "Dresden", "Deutschland"},
	{"Universität Potsdam", "Potsdam", "Deutschland"},
	{"Hochschule für Technik und Wirtschaft Berlin", "Berlin", "Deutschland"},
	{"Ludwig-Maximilians-Universität München", "München", "Deutschland"},
	{"Anna University", "Chennai", "India"},
	{"Visvesvaraya Technological University", "Belagavi", "India"},
	{"Taras Shevchenko National University of Kyiv", "Kyiv", "Ukraine"},
	{"İstanbul Teknik Üniversitesi", "İstanbul", "Türkiye"},
	{"Damascus University", "Damascus", "Syria"},
	{"Universidade de São Paulo", "São Paulo", "Brazil"},
	{"University of Lagos", "Lagos", "Nigeria"},
}

// upperName is the name in capitals as passports print it.
func upperName(s string) string { return strings.ToUpper(s) }

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
