package web

import (
	"bytes"
	"net/http"
	"sync"
)

// pageCache keeps the rendered HTML of pages that are the same for every
// anonymous visitor (the start page, the legal pages), per address and
// language. They are the pages hit hardest when a law change sends
// thousands of people to the portal at once, and rendering them is pure
// template work that does not change while the binary runs.
//
// Only requests without a query or with just ?lang= are cached, so the
// number of entries is bounded by pages × languages × 2.
type pageCache struct {
	mu    sync.RWMutex
	pages map[string][]byte
}

// cacheKey returns the key for r, or "" when r must not be served from
// the cache: a signed-in user, a pending one-time message, or a query
// that could be anything.
func (s *Server) cacheKey(r *http.Request) string {
	if r.Method != http.MethodGet {
		return ""
	}
	q := r.URL.RawQuery
	if q != "" {
		if _, ok := s.langParam(q); !ok {
			return ""
		}
	}
	if s.sessionString(r, sessUserID) != "" || s.sessionString(r, sessApplicant) != "" || s.sessionString(r, "flash") != "" {
		return ""
	}
	return languageFrom(r.Context()).Code + " " + r.URL.Path + "?" + q
}

func (s *Server) langParam(q string) (string, bool) {
	if len(q) != len("lang=xx") || q[:5] != "lang=" {
		return "", false
	}
	return q[5:], true
}

// renderCached serves the page from the cache, or builds, renders and
// stores it. build is called only on a miss.
func (s *Server) renderCached(w http.ResponseWriter, r *http.Request, page string, build func() any) {
	key := s.cacheKey(r)
	if key == "" {
		s.render(w, r, http.StatusOK, page, build())
		return
	}
	s.cache.mu.RLock()
	body, ok := s.cache.pages[key]
	s.cache.mu.RUnlock()
	if !ok {
		rec := &bufferWriter{header: http.Header{}}
		s.render(rec, r, http.StatusOK, page, build())
		if rec.status != http.StatusOK {
			s.render(w, r, http.StatusOK, page, build())
			return
		}
		body = rec.buf.Bytes()
		s.cache.mu.Lock()
		if s.cache.pages == nil {
			s.cache.pages = map[string][]byte{}
		}
		s.cache.pages[key] = body
		s.cache.mu.Unlock()
	}
	s.writeHTML(w, r, http.StatusOK, body)
}

// bufferWriter captures a rendered page.
type bufferWriter struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (b *bufferWriter) Header() http.Header { return b.header }
func (b *bufferWriter) WriteHeader(code int) {
	if b.status == 0 {
		b.status = code
	}
}
func (b *bufferWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.buf.Write(p)
}
