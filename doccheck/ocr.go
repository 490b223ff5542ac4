package doccheck

import (
	"bytes"
	"context"
	"fmt"
	"os/exec"
	"strings"
	"time"
)

// Tesseract reads text from images with the tesseract command (Debian's
// tesseract-ocr with the German and English models). It is optional: the
// pipeline says when no OCR was available.
type Tesseract struct {
	Path      string
	Languages string
	Timeout   time.Duration
}

// FindTesseract returns the OCR engine when the command is installed, nil
// otherwise.
func FindTesseract() OCR {
	p, err := exec.LookPath("tesseract")
	if err != nil {
		return nil
	}
	langs := "eng"
	if out, err := exec.Command(p, "--list-langs").Output(); err == nil && strings.Contains(string(out), "\ndeu") {
		langs = "deu+eng"
	}
	return &Tesseract{Path: p, Languages: langs, Timeout: 30 * time.Second}
}

// Text implements OCR: the image on standard input, the text on standard
// output, killed at the timeout.
func (t *Tesseract) Text(ctx context.Context, image []byte) (string, error) {
	ctx, cancel := context.WithTimeout(ctx, t.Timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, t.Path, "stdin", "stdout", "-l", t.Languages)
	cmd.Stdin = bytes.NewReader(image)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	// A killed engine's children may hold the pipes open; stop waiting.
	cmd.WaitDelay = time.Second
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("tesseract: %v: %s", err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}
