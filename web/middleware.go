package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/smd-oss/smd/i18n"
)

type langKey struct{}

// languageFrom returns the request's language (German when none was set).
func languageFrom(ctx context.Context) i18n.Language {
	if l, ok := ctx.Value(langKey{}).(i18n.Language); ok {
		return l
	}
	return i18n.Default
}

// workbenchPath reports whether the path belongs to the caseworker side,
// which is translated into German and English only.
func workbenchPath(p string) bool {
	return p == "/arbeitsplatz" || strings.HasPrefix(p, "/arbeitsplatz/")
}

const langCookie = "smd_lang"

// withLanguage picks the language: ?lang= (remembered in a cookie), then
// the cookie, then the browser's Accept-Language, then German.
func (s *Server) withLanguage(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		lang, ok := i18n.Lookup(r.URL.Query().Get("lang"))
		if ok {
			http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang.Code, Path: "/", MaxAge: 365 * 24 * 3600,
				HttpOnly: true, Secure: s.SecureCookies, SameSite: http.SameSiteLaxMode})
		} else if c, err := r.Cookie(langCookie); err == nil {
			lang, ok = i18n.Lookup(c.Value)
		}
		if !ok {
			lang = s.Catalog.Match(r.Header.Get("Accept-Language"))
		}
		if workbenchPath(r.URL.Path) && !lang.Workbench {
			lang = i18n.Default
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), langKey{}, lang)))
	})
}

// csp allows only our own files. KERN's icons are data: URLs in its CSS.
const csp = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; font-src 'self'; " +
	"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

func (s *Server) securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", s.csp)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
		if s.HSTS {
			h.Set("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody refuses bodies over the limit: at once when the length is
// declared, and while reading otherwise (the form parser then reports
// *http.MaxBytesError, which becomes the same 413 page).
//
// The JSON API applies its own, smaller limit and answers with a problem
// document, so it is left out here.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/api/") {
			next.ServeHTTP(w, r)
			return
		}
		limit := s.MaxBodyBytes
		switch {
		case r.Method != http.MethodPost:
		case strings.HasSuffix(r.URL.Path, "/documents"):
			// The upload page: one file plus the form's few fields.
			limit = max(limit, s.UploadLimits.MaxBytes+64<<10)
		case strings.HasSuffix(r.URL.Path, "/nachreichen"):
			// Documents asked for: up to a few files at once.
			limit = max(limit, 4*s.UploadLimits.MaxBytes+64<<10)
		}
		if r.ContentLength > limit {
			s.tooLarge(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// recoverPanics turns a panic into the 500 page and a log entry with the
// stack, so that one bad request cannot take the process down.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.Logger.Error("panic", "path", r.URL.Path, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				s.serverError(w, r, fmt.Errorf("panic: %v", p))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusWriter remembers the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// observe logs each request (method, route, status, duration; never the
// query string or body, which may hold personal data) and records metrics
// per route pattern, so that ids in paths do not explode label sets.
func (s *Server) observe(mux *http.ServeMux, next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		_, pattern := mux.Handler(r)
		if pattern == "" || pattern == "/" {
			pattern = "unmatched"
		}
		d := time.Since(start)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		s.metrics.observe(pattern, sw.status, d)
		level := slog.LevelDebug
		if sw.status >= 500 {
			level = slog.LevelError
		} else if r.Method != http.MethodGet && r.Method != http.MethodHead {
			level = slog.LevelInfo
		}
		s.Logger.Log(r.Context(), level, "request", "method", r.Method, "route", pattern, "status", sw.status, "duration", d)
	})
}
