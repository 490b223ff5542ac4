// Package blob stores document contents: a local folder for the embedded
// default (file://) and S3-compatible object storage for deployments with
// several instances (s3://…, through gocloud.dev). Metadata stays in the
// database; this package only knows keys and bytes.
package blob

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/smd-oss/smd"
)

// Store is where document contents live.
type Store interface {
	// Put writes the content under key, replacing any content there. The
	// write is atomic: a reader sees the old content, the whole new content
	// or nothing, never a partial file; on error nothing is left behind.
	Put(ctx context.Context, key string, r io.Reader) error
	// Open returns the content; ENOTFOUND when there is none.
	Open(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes the content; deleting a missing key is not an error.
	Delete(ctx context.Context, key string) error
	// Ping checks that the store answers (for /readyz).
	Ping(ctx context.Context) error
	// Close releases the store.
	Close() error
}

// Open returns the store named by rawURL: "file://PATH" (created when
// missing) or any URL gocloud.dev's blob package opens, of which "s3://"
// is the production one.
func Open(ctx context.Context, rawURL string) (Store, error) {
	if p, ok := strings.CutPrefix(rawURL, "file://"); ok {
		return OpenDir(p)
	}
	return OpenBucket(ctx, rawURL)
}

// ValidKey reports whether key is a well-formed key: slash-separated
// segments of letters, digits, '-', '_' and '.', none empty or a dot
// segment. Keys are made by our code, so a bad key is a bug, but both
// drivers check it so that no key can ever reach outside the store.
func ValidKey(key string) error {
	if key == "" || len(key) > 512 {
		return smd.Errorf(smd.EINVALID, "invalid blob key length")
	}
	for _, seg := range strings.Split(key, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return smd.Errorf(smd.EINVALID, "invalid blob key %q", key)
		}
		for _, r := range seg {
			ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.'
			if !ok {
				return smd.Errorf(smd.EINVALID, "invalid blob key %q", key)
			}
		}
	}
	return nil
}

func notFound(key string, err error) error {
	return &smd.Error{Code: smd.ENOTFOUND, Message: "Das Dokument gibt es nicht.", Err: fmt.Errorf("blob %s: %w", key, err)}
}
