package pdf

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

// chromiumNames are the executables FindChromium looks for, in order:
// Debian's package first, then the names other distributions and Google use.
var chromiumNames = []string{"chromium", "chromium-browser", "google-chrome"}

// fontPairs are regular/bold TrueType fonts with Latin (including Turkish)
// and Cyrillic glyphs, in order of preference: DejaVu and Liberation on
// Debian and Ubuntu, then Noto, then the paths of Fedora and Arch.
var fontPairs = [][2]string{
	{"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"},
	{"/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"},
	{"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf", "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"},
	{"/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"},
	{"/usr/share/fonts/dejavu-sans-fonts/DejaVuSans.ttf", "/usr/share/fonts/dejavu-sans-fonts/DejaVuSans-Bold.ttf"},
	{"/usr/share/fonts/liberation-sans/LiberationSans-Regular.ttf", "/usr/share/fonts/liberation-sans/LiberationSans-Bold.ttf"},
	{"/usr/share/fonts/google-noto/NotoSans-Regular.ttf", "/usr/share/fonts/google-noto/NotoSans-Bold.ttf"},
	{"/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"},
	{"/usr/share/fonts/noto/NotoSans-Regular.ttf", "/usr/share/fonts/noto/NotoSans-Bold.ttf"},
}

// FindFont returns the paths of a regular and a bold TrueType font from
// well-known system locations (DejaVu Sans, Liberation Sans, Noto Sans), or
// ok=false when no pair is installed (on Debian: apt-get install
// fonts-dejavu-core).
func FindFont() (regular, bold string, ok bool) {
	for _, p := range fontPairs {
		if isFile(p[0]) && isFile(p[1]) {
			return p[0], p[1], true
		}
	}
	return "", "", false
}

// FindChromium returns the path of a Chromium/Chrome executable from PATH
// (chromium, chromium-browser, google-chrome) or ok=false.
func FindChromium() (string, bool) {
	for _, name := range chromiumNames {
		if path, err := exec.LookPath(name); err == nil {
			return path, true
		}
	}
	return "", false
}

// New picks the best renderer available: Chromium when found (tagged), else
// the fallback with a system font; an error with a clear message when neither
// is available.
//
// Chromium starts at the first Render, so a Chromium that is installed but
// does not start shows as an error of Render, not of New.
func New() (Renderer, error) {
	if exe, ok := FindChromium(); ok {
		return NewChromium(exe), nil
	}
	regular, bold, ok := FindFont()
	if !ok {
		return nil, fmt.Errorf("pdf: no renderer available: no Chromium in PATH (tried %s; install the package chromium for tagged PDFs) and no TrueType font for the fallback (install fonts-dejavu-core)",
			strings.Join(chromiumNames, ", "))
	}
	r, err := NewFallback(regular, bold)
	if err != nil {
		return nil, fmt.Errorf("pdf: no Chromium in PATH, and the fallback failed: %w", err)
	}
	return r, nil
}

// isFile reports whether path is a regular file (following symbolic links,
// which Debian's font packages use).
func isFile(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.Mode().IsRegular()
}
