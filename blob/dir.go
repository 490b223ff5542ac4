package blob

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
)

// Dir is a Store in a local folder. All access goes through os.Root, so no
// key (and no symbolic link inside the folder) can reach a file outside it.
type Dir struct {
	root *os.Root
}

// OpenDir opens (and creates) the folder.
func OpenDir(dir string) (*Dir, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create blob folder: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("open blob folder: %w", err)
	}
	if err := root.MkdirAll(".tmp", 0o750); err != nil {
		root.Close()
		return nil, fmt.Errorf("create blob temp folder: %w", err)
	}
	return &Dir{root: root}, nil
}

// Put writes to a temporary file, syncs it and renames it into place, so
// that a crash leaves either the old or the new content.
func (d *Dir) Put(ctx context.Context, key string, r io.Reader) (err error) {
	if err := ValidKey(key); err != nil {
		return err
	}
	if err := d.root.MkdirAll(path.Dir(key), 0o750); err != nil {
		return fmt.Errorf("blob folder: %w", err)
	}
	var rnd [12]byte
	_, _ = rand.Read(rnd[:])
	tmp := ".tmp/" + hex.EncodeToString(rnd[:])
	f, err := d.root.OpenFile(tmp, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o640)
	if err != nil {
		return fmt.Errorf("blob temp file: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			_ = d.root.Remove(tmp)
		}
	}()
	if _, err = io.Copy(f, ctxReader{ctx, r}); err != nil {
		return fmt.Errorf("write blob: %w", err)
	}
	if err = f.Sync(); err != nil {
		return fmt.Errorf("sync blob: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("close blob: %w", err)
	}
	if err = d.root.Rename(tmp, key); err != nil {
		return fmt.Errorf("rename blob: %w", err)
	}
	return nil
}

// Open implements Store.
func (d *Dir) Open(_ context.Context, key string) (io.ReadCloser, error) {
	if err := ValidKey(key); err != nil {
		return nil, err
	}
	f, err := d.root.Open(key)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, notFound(key, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open blob: %w", err)
	}
	return f, nil
}

// Delete implements Store.
func (d *Dir) Delete(_ context.Context, key string) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	err := d.root.Remove(key)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("delete blob: %w", err)
	}
	return nil
}

// Ping checks that the folder is still there and writable.
func (d *Dir) Ping(context.Context) error {
	f, err := d.root.OpenFile(".tmp/.ping", os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o640)
	if err != nil {
		return fmt.Errorf("blob folder not writable: %w", err)
	}
	return f.Close()
}

// Close implements Store.
func (d *Dir) Close() error { return d.root.Close() }

// ctxReader stops a long copy when the request is cancelled.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}
