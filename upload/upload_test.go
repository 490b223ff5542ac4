package upload

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"image/png"
	"strings"
	"testing"

	"github.com/smd-oss/smd"
)

const minimalPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

func pngBytes(t testing.TB) []byte {
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewRGBA(image.Rect(0, 0, 2, 2))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func jpegBytes(t testing.TB) []byte {
	var b bytes.Buffer
	if err := jpeg.Encode(&b, image.NewRGBA(image.Rect(0, 0, 2, 2)), nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func reason(err error) string {
	var r *Refused
	if errors.As(err, &r) && smd.ErrorCode(err) == smd.EINVALID {
		return r.Reason
	}
	return ""
}

func TestAccepts(t *testing.T) {
	for name, c := range map[string]struct {
		content []byte
		mime    string
	}{
		"pass.pdf":               {[]byte(minimalPDF), "application/pdf"},
		"Foto.PNG":               {pngBytes(t), "image/png"},
		"bescheinigung.jpeg":     {jpegBytes(t), "image/jpeg"},
		"C:\\Users\\a\\scan.jpg": {jpegBytes(t), "image/jpeg"},
	} {
		f, err := Read(bytes.NewReader(c.content), name, DefaultLimits)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if f.MIME != c.mime || f.Size != int64(len(c.content)) || len(f.SHA256) != 64 || strings.ContainsAny(f.Name, "/\\") {
			t.Fatalf("%s: %+v", name, f)
		}
	}
}

func TestRefuses(t *testing.T) {
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"), make([]byte, 200)...)
	svg := []byte(`<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`)
	zip := []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00")
	cases := []struct {
		name    string
		content []byte
		lim     Limits
		want    string
	}{
		{"leer.pdf", nil, DefaultLimits, ReasonEmpty},
		{"gross.pdf", append([]byte(minimalPDF), make([]byte, 2000)...), Limits{MaxBytes: 1000}, ReasonTooLarge},
		{"programm.pdf", exe, DefaultLimits, ReasonType},
		{"bild.png", svg, DefaultLimits, ReasonType},
		{"archiv.pdf", zip, DefaultLimits, ReasonType},
		{"text.pdf", []byte("nur Text, kein PDF"), DefaultLimits, ReasonType},
		{"foto.pdf", pngBytes(t), DefaultLimits, ReasonMismatch},
		{"pass.png", []byte(minimalPDF), DefaultLimits, ReasonMismatch},
		{"pass", []byte(minimalPDF), DefaultLimits, ReasonMismatch},
		{"rechnung\u202Efdp.exe", []byte(minimalPDF), DefaultLimits, ReasonName},
		{"..", []byte(minimalPDF), DefaultLimits, ReasonName},
		{"a\x00b.pdf", []byte(minimalPDF), DefaultLimits, ReasonName},
		{strings.Repeat("a", 300) + ".pdf", []byte(minimalPDF), DefaultLimits, ReasonName},
	}
	for _, c := range cases {
		_, err := Read(bytes.NewReader(c.content), c.name, c.lim)
		if got := reason(err); got != c.want {
			t.Errorf("%q: %v, want %s", c.name, err, c.want)
		}
	}
}

func TestCleanNameDropsPaths(t *testing.T) {
	for in, want := range map[string]string{"../../etc/passwd.pdf": "passwd.pdf", "/abs/x.png": "x.png", " a b.jpg ": "a b.jpg", "ordner\\datei.pdf": "datei.pdf"} {
		if got, ok := CleanName(in); !ok || got != want {
			t.Errorf("CleanName(%q) = %q %v, want %q", in, got, ok, want)
		}
	}
}

func FuzzRead(f *testing.F) {
	f.Add([]byte(minimalPDF), "a.pdf")
	f.Add(pngBytes(f), "b.png")
	f.Add(jpegBytes(f), "c.jpg")
	f.Fuzz(func(t *testing.T, content []byte, name string) {
		file, err := Read(bytes.NewReader(content), name, Limits{MaxBytes: 1 << 16})
		if err != nil {
			if reason(err) == "" {
				t.Fatalf("unclassified error %v", err)
			}
			return
		}
		if _, ok := Allowed[file.MIME]; !ok || file.Size == 0 || file.Size > 1<<16 {
			t.Fatalf("accepted %+v", file)
		}
	})
}
