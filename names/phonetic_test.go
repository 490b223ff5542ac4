package names

import "testing"

// TestKoelnerPhonetik uses published reference outputs: the worked
// examples of the German Wikipedia article "Kölner Phonetik"
// (Müller-Lüdenscheidt, Wikipedia; its Meier spellings), and the word
// lists two independent open-source implementations test against
// (Breschnew, Xavier, Christopher, Wilhelm, Philip, Patrick, Albrecht,
// Woltersdorf), each recomputed by hand from the rules.
func TestKoelnerPhonetik(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Müller-Lüdenscheidt", "65752682"},
		{"Wikipedia", "3412"},
		{"Breschnew", "17863"},
		{"Xavier", "4837"},
		{"Christopher", "478237"},
		{"Wilhelm", "3556"},
		{"Philip", "351"},
		{"Patrick", "1274"},
		{"Albrecht", "051742"},
		{"Woltersdorf", "35278273"},
		{"Meier", "67"}, {"Maier", "67"}, {"Mayer", "67"}, {"Mayr", "67"}, {"Meyer", "67"},
		// Derived from the rules: MRZ spellings code like the original.
		{"MUELLER LUEDENSCHEIDT", "65752682"},
		{"Müller", "657"}, {"MUELLER", "657"},
		{"Ümit", "062"}, {"UEMIT", "062"},
		{"", ""}, {"---", ""}, {"H", ""},
	} {
		if got := KoelnerPhonetik(c.in); got != c.want {
			t.Errorf("KoelnerPhonetik(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestKoelnerPhonetikRules checks single rules of the table in context.
func TestKoelnerPhonetikRules(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"B", "1"}, {"P", "1"}, {"PH", "3"}, {"D", "2"}, {"DS", "8"}, {"TC", "8"},
		{"F", "3"}, {"V", "3"}, {"W", "3"}, {"G", "4"}, {"K", "4"}, {"Q", "4"},
		{"CA", "4"}, {"CL", "45"}, {"CE", "8"}, // initial C
		{"ACA", "04"}, {"ACL", "085"}, {"SCA", "8"}, {"ZCA", "8"}, // C inside
		{"X", "48"}, {"CX", "48"}, {"KX", "48"}, {"BX", "148"}, // X after C, K, Q: 8
		{"L", "5"}, {"M", "6"}, {"N", "6"}, {"R", "7"}, {"S", "8"}, {"Z", "8"},
		{"ß", "8"}, {"Éric", "078"}, {"Hans", "068"},
	} {
		if got := KoelnerPhonetik(c.in); got != c.want {
			t.Errorf("KoelnerPhonetik(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}
