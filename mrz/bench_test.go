package mrz

import "testing"

// BenchmarkParse: the target is ≤ 2 µs per parse (issue 6); results in
// docs/benchmarks.md.
func BenchmarkParse(b *testing.B) {
	for _, c := range []struct {
		name  string
		lines []string
	}{
		{"TD1", specimens[4].lines},
		{"TD3", specimens[0].lines},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Parse(c.lines, today); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkFind(b *testing.B) {
	text := "Bundesrepublik Deutschland\nAufenthaltstitel\n" +
		specimens[4].lines[0] + "\n" + specimens[4].lines[1] + "\n" + specimens[4].lines[2] + "\nSeite 1 von 1\n"
	b.ReportAllocs()
	for b.Loop() {
		if len(Find(text, today)) != 1 {
			b.Fatal("not found")
		}
	}
}
