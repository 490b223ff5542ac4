package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// skipOrFail skips the test, except under CI=true, where a tool that is
// missing is a gap in CI that a skip would hide.
func skipOrFail(t testing.TB, reason string) {
	t.Helper()
	if ci, _ := strconv.ParseBool(os.Getenv("CI")); ci {
		t.Fatalf("%s (CI=true, where a skip is a failure)", reason)
	}
	t.Skip(reason)
}

// requireTool returns the path of a poppler tool, or skips (fails under CI).
func requireTool(t testing.TB, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		skipOrFail(t, name+" not found in PATH; install it with apt-get install poppler-utils")
	}
	return path
}

// writePDF stores out in the test's temporary directory for the poppler tools.
func writePDF(t testing.TB, out []byte) string {
	t.Helper()
	if !bytes.HasPrefix(out, []byte("%PDF-")) {
		t.Fatalf("output does not start with %%PDF-: %q", out[:min(len(out), 20)])
	}
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// pdfText returns the text of the PDF as pdftotext extracts it.
func pdfText(t testing.TB, out []byte) string {
	t.Helper()
	tool := requireTool(t, "pdftotext")
	text, err := exec.Command(tool, "-enc", "UTF-8", writePDF(t, out), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(text)
}

// pdfInfo returns the fields that pdfinfo prints, such as "Pages" and "Tagged".
func pdfInfo(t testing.TB, out []byte) map[string]string {
	t.Helper()
	tool := requireTool(t, "pdfinfo")
	text, err := exec.Command(tool, writePDF(t, out)).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	info := map[string]string{}
	for line := range strings.Lines(string(text)) {
		if k, v, ok := strings.Cut(line, ":"); ok {
			info[k] = strings.TrimSpace(v)
		}
	}
	return info
}

// pageObjects counts the page objects of an uncompressed PDF, which needs
// no tool ("/Type /Pages" is the page tree, not a page).
var pageObject = regexp.MustCompile(`/Type\s*/Page\b[^s]`)

// collapse joins all white space into single spaces, so that text compares
// independent of where lines broke.
func collapse(s string) string { return strings.Join(strings.Fields(s), " ") }

// sampleDocument is an Eingangsbestätigung with names in several scripts,
// a paragraph long enough to wrap, and rows rows.
func sampleDocument(rows int) *Document {
	d := &Document{
		Lang:     "de",
		Title:    "Eingangsbestätigung",
		Subtitle: "Ausländerbehörde Musterstadt",
		Blocks: []Block{
			{Text: longParagraph},
			{Heading: "Antragsteller"},
			{Rows: []Row{
				{Label: "Name", Value: "Müller, Jürgen"},
				{Label: "Ehepartnerin", Value: "Şahin, Ayşe Gül"},
				{Label: "Kind", Value: "Олена Коваленко"},
				{Label: "Anschrift", Value: "Hauptstraße 1\n12345 Musterstadt"},
			}},
			{Heading: "Nächste Schritte"},
			{Items: []string{"Sie erhalten Nachricht, sobald Ihr Antrag geprüft ist.", "Bitte reichen Sie fehlende Unterlagen über das Portal nach."}},
		},
		Footer: "Dieses Schreiben wurde maschinell erstellt und ist ohne Unterschrift gültig.",
	}
	var more []Row
	for i := 1; i <= rows; i++ {
		more = append(more, Row{Label: fmt.Sprintf("Unterlage %d", i), Value: fmt.Sprintf("eingegangen am 0%d.03.2026, Prüfung ausstehend", i%9+1)})
	}
	d.Blocks = append(d.Blocks, Block{Heading: "Eingegangene Unterlagen"}, Block{Rows: more})
	return d
}

const longParagraph = "Wir bestätigen den Eingang Ihres Antrags auf Erteilung einer Aufenthaltserlaubnis. " +
	"Ihr Antrag wird unter dem unten genannten Aktenzeichen bearbeitet; bitte geben Sie dieses bei jeder Rückfrage an. " +
	"Die Bearbeitung kann einige Wochen dauern. Solange über Ihren Antrag nicht entschieden ist, gilt Ihr bisheriger Aufenthaltstitel " +
	"nach § 81 Absatz 4 des Aufenthaltsgesetzes als fortbestehend; diese Bestätigung dient als Nachweis darüber."
