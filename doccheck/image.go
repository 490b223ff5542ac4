package doccheck

import (
	"bytes"
	"context"
	"fmt"
	"image"
	_ "image/jpeg" // the decoders of the allowed types
	_ "image/png"
)

// checkImage checks a JPEG or PNG: its dimensions from the header against
// the pixel budget first — a 50,000 × 50,000 PNG of a few kilobytes would
// need 10 GB decoded — then a full decode, which finds truncated and
// corrupt files; then OCR where installed.
func (c *Checker) checkImage(ctx context.Context, r *Report, content []byte) {
	cfg, _, err := image.DecodeConfig(bytes.NewReader(content))
	if err != nil {
		r.add("image.unreadable", Error, "Das Bild ist beschädigt oder nicht lesbar.")
		return
	}
	lim := c.Limits
	if cfg.Width <= 0 || cfg.Height <= 0 ||
		lim.MaxSide > 0 && (cfg.Width > lim.MaxSide || cfg.Height > lim.MaxSide) ||
		lim.MaxPixels > 0 && int64(cfg.Width)*int64(cfg.Height) > int64(lim.MaxPixels) {
		r.add("image.too_large", Error, fmt.Sprintf("Das Bild hat %d × %d Bildpunkte; erlaubt sind höchstens %d Megapixel und %d Punkte je Seite.",
			cfg.Width, cfg.Height, lim.MaxPixels/1_000_000, lim.MaxSide))
		return
	}
	if _, _, err := image.Decode(bytes.NewReader(content)); err != nil {
		r.add("image.unreadable", Error, "Das Bild ist beschädigt oder unvollständig.")
		return
	}
	r.Pages = 1
	if cfg.Width < 600 && cfg.Height < 600 {
		r.add("image.low_resolution", Warning, fmt.Sprintf("Das Bild ist mit %d × %d Bildpunkten sehr klein; Angaben sind womöglich nicht lesbar.", cfg.Width, cfg.Height))
	}
	if c.OCR == nil {
		r.add("ocr.unavailable", Info, "Der Text des Bildes wurde nicht gelesen: keine Texterkennung (OCR) installiert.")
		return
	}
	text, err := c.OCR.Text(ctx, content)
	if err != nil {
		r.add("ocr.failed", Warning, "Die Texterkennung (OCR) ist fehlgeschlagen: "+err.Error())
		return
	}
	if hasWords(text) {
		r.Text, r.TextSource = text, "ocr"
	}
}
