package blob_test

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/blob"
)

var ctx = context.Background()

// Both drivers must behave the same; mem:// exercises the gocloud driver
// that serves s3:// in production.
func drivers(t *testing.T) map[string]blob.Store {
	dir, err := blob.Open(ctx, "file://"+t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	mem, err := blob.Open(ctx, "mem://")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dir.Close(); mem.Close() })
	return map[string]blob.Store{"dir": dir, "bucket": mem}
}

func TestPutOpenDelete(t *testing.T) {
	for name, s := range drivers(t) {
		t.Run(name, func(t *testing.T) {
			if err := s.Ping(ctx); err != nil {
				t.Fatal(err)
			}
			if err := s.Put(ctx, "bonn/2026/doc-1", strings.NewReader("Inhalt")); err != nil {
				t.Fatal(err)
			}
			r, err := s.Open(ctx, "bonn/2026/doc-1")
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(r)
			r.Close()
			if string(b) != "Inhalt" {
				t.Fatalf("read %q", b)
			}
			if err := s.Delete(ctx, "bonn/2026/doc-1"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Open(ctx, "bonn/2026/doc-1"); smd.ErrorCode(err) != smd.ENOTFOUND {
				t.Fatalf("after delete: %v", err)
			}
			if err := s.Delete(ctx, "bonn/2026/doc-1"); err != nil {
				t.Fatalf("deleting a missing key: %v", err)
			}
		})
	}
}

func TestKeysCannotEscape(t *testing.T) {
	for name, s := range drivers(t) {
		t.Run(name, func(t *testing.T) {
			for _, key := range []string{"", "../etc/passwd", "a/../../b", "/abs", "a//b", "a/./b", "a\\b", "ä", strings.Repeat("a", 600)} {
				if err := s.Put(ctx, key, strings.NewReader("x")); smd.ErrorCode(err) != smd.EINVALID {
					t.Errorf("Put(%q) = %v, want invalid", key, err)
				}
				if _, err := s.Open(ctx, key); smd.ErrorCode(err) != smd.EINVALID {
					t.Errorf("Open(%q) = %v, want invalid", key, err)
				}
			}
		})
	}
}

// A symbolic link inside the folder that points outside is not followed.
func TestDirRefusesSymlinkOutside(t *testing.T) {
	dir := t.TempDir()
	outside := t.TempDir()
	if err := os.WriteFile(filepath.Join(outside, "secret"), []byte("geheim"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "link")); err != nil {
		t.Fatal(err)
	}
	s, err := blob.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if r, err := s.Open(ctx, "link/secret"); err == nil {
		r.Close()
		t.Fatal("read a file outside the blob folder through a symlink")
	}
}

type failingReader struct{ n int }

func (f *failingReader) Read(p []byte) (int, error) {
	if f.n > 0 {
		return 0, errors.New("connection lost")
	}
	f.n++
	return copy(p, "partial"), nil
}

// A failed upload leaves nothing behind, not even a temporary file.
func TestFailedPutLeavesNothing(t *testing.T) {
	for name, s := range drivers(t) {
		t.Run(name, func(t *testing.T) {
			if err := s.Put(ctx, "k", &failingReader{}); err == nil {
				t.Fatal("Put succeeded with a failing reader")
			}
			if _, err := s.Open(ctx, "k"); smd.ErrorCode(err) != smd.ENOTFOUND {
				t.Fatalf("partial content visible: %v", err)
			}
		})
	}
	dir := t.TempDir()
	s, _ := blob.OpenDir(dir)
	defer s.Close()
	_ = s.Put(ctx, "k", &failingReader{})
	entries, _ := os.ReadDir(filepath.Join(dir, ".tmp"))
	for _, e := range entries {
		if e.Name() != ".ping" {
			t.Fatalf("temporary file left behind: %s", e.Name())
		}
	}
}
