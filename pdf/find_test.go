package pdf

import (
	"strings"
	"testing"
)

func TestFindFont(t *testing.T) {
	regular, bold, ok := FindFont()
	if !ok {
		skipOrFail(t, "no system TrueType font found; install it with apt-get install fonts-dejavu-core")
	}
	if !isFile(regular) || !isFile(bold) || regular == bold {
		t.Errorf("FindFont() = %q, %q: want two different existing files", regular, bold)
	}
}

func TestNew(t *testing.T) {
	_, hasChromium := FindChromium()
	_, _, hasFont := FindFont()
	if !hasChromium && !hasFont {
		skipOrFail(t, "neither Chromium nor a system font is installed")
	}
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Tagged() != hasChromium {
		t.Errorf("New().Tagged() = %v with Chromium found = %v", r.Tagged(), hasChromium)
	}
}

func TestNewWithoutChromium(t *testing.T) {
	if _, _, ok := FindFont(); !ok {
		skipOrFail(t, "no system TrueType font found; install it with apt-get install fonts-dejavu-core")
	}
	t.Setenv("PATH", t.TempDir())
	r, err := New()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if r.Tagged() {
		t.Error("without Chromium, New() returned a tagged renderer")
	}

	saved := fontPairs
	fontPairs = [][2]string{{"/nonexistent/a.ttf", "/nonexistent/b.ttf"}}
	t.Cleanup(func() { fontPairs = saved })
	if _, err := New(); err == nil || !strings.Contains(err.Error(), "no renderer available") {
		t.Errorf("New() without Chromium and fonts: error %v, want \"no renderer available\"", err)
	}
}
