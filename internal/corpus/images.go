package corpus

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"math"
)

// photo paints a photo-like picture: a gradient, a few soft blobs and some
// grain. The corpus has no rendered text images (golang.org/x/image is not
// a dependency, and OCR is optional in the product), so pictures are the
// category "other": a holiday photo uploaded by mistake.
func photo(r rng, w, h int) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	c1 := [3]float64{float64(r.IntN(256)), float64(r.IntN(256)), float64(r.IntN(256))}
	c2 := [3]float64{float64(r.IntN(256)), float64(r.IntN(256)), float64(r.IntN(256))}
	type blob struct {
		x, y, rad float64
		c         [3]float64
	}
	blobs := make([]blob, r.between(2, 6))
	for i := range blobs {
		blobs[i] = blob{float64(r.IntN(w)), float64(r.IntN(h)), float64(r.between(w/10+1, w/2+2)),
			[3]float64{float64(r.IntN(256)), float64(r.IntN(256)), float64(r.IntN(256))}}
	}
	for y := 0; y < h; y++ {
		t := float64(y) / float64(h)
		for x := 0; x < w; x++ {
			var px [3]float64
			for k := range px {
				px[k] = c1[k]*(1-t) + c2[k]*t
			}
			for _, b := range blobs {
				d := math.Hypot(float64(x)-b.x, float64(y)-b.y) / b.rad
				if d < 1 {
					a := (1 - d*d) * 0.8
					for k := range px {
						px[k] = px[k]*(1-a) + b.c[k]*a
					}
				}
			}
			n := float64(r.IntN(17) - 8)
			img.SetRGBA(x, y, color.RGBA{clamp(px[0] + n), clamp(px[1] + n), clamp(px[2] + n), 255})
		}
	}
	return img
}

func clamp(v float64) uint8 { return uint8(math.Max(0, math.Min(255, v))) }

func encodePNG(img image.Image) []byte {
	var b bytes.Buffer
	(&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&b, img)
	return b.Bytes()
}

func encodeJPEG(img image.Image, quality int) []byte {
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: quality})
	return b.Bytes()
}
