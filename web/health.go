package web

import (
	"context"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"
)

// healthz answers while the process runs (liveness).
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok\n"))
}

// readyz answers 200 only when every dependency answers (readiness): a load
// balancer stops sending traffic to an instance that lost its database.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	names := make([]string, 0, len(s.Ready))
	for n := range s.Ready {
		names = append(names, n)
	}
	sort.Strings(names)
	var failed []string
	for _, n := range names {
		if err := s.Ready[n].Ping(ctx); err != nil {
			s.Logger.Warn("not ready", "dependency", n, "err", err)
			failed = append(failed, n)
		}
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	if len(failed) > 0 {
		w.WriteHeader(http.StatusServiceUnavailable)
		fmt.Fprintf(w, "not ready: %s\n", strings.Join(failed, ", "))
		return
	}
	_, _ = w.Write([]byte("ready\n"))
}
