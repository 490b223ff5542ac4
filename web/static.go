package web

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"net/http"
	"path"
	"sort"
)

// static holds first-party files and, under vendor/, the files the build
// copies from npm packages (KERN UX and its fonts). vendor/ is not in git.
//
//go:embed static
var staticFS embed.FS

// staticFiles serves the embedded files under an address that contains a
// hash of all of them, so that browsers may cache them for a year and a new
// release is fetched at once.
type staticFiles struct {
	fsys fs.FS
	hash string
}

func loadStatic() (*staticFiles, error) {
	sub, err := fs.Sub(staticFS, "static")
	if err != nil {
		return nil, err
	}
	var names []string
	err = fs.WalkDir(sub, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			names = append(names, p)
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	h := sha256.New()
	for _, n := range names {
		b, err := fs.ReadFile(sub, n)
		if err != nil {
			return nil, err
		}
		h.Write([]byte(n))
		h.Write(b)
	}
	return &staticFiles{fsys: sub, hash: hex.EncodeToString(h.Sum(nil))[:12]}, nil
}

func (s *staticFiles) url(name string) string { return "/static/" + s.hash + "/" + name }

// serveStatic serves a file. An old hash (a page rendered by the previous
// release during a rolling update) still gets the file, but without the
// long cache lifetime.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	name := path.Clean(r.PathValue("path"))
	f, err := s.static.fsys.Open(name)
	if err != nil {
		s.notFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || st.IsDir() {
		s.notFound(w, r)
		return
	}
	if r.PathValue("hash") == s.static.hash {
		w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		w.Header().Set("Cache-Control", "no-cache")
	}
	http.ServeFileFS(w, r, s.static.fsys, name)
}
