package blob

import (
	"context"
	"fmt"
	"io"

	"gocloud.dev/blob"
	_ "gocloud.dev/blob/memblob" // mem:// for tests of this driver
	_ "gocloud.dev/blob/s3blob"  // s3:// for production
	"gocloud.dev/gcerrors"
)

// Bucket is a Store on object storage through gocloud.dev. S3 writes are
// atomic by nature: an object appears only when its upload completes.
type Bucket struct {
	b *blob.Bucket
}

// OpenBucket opens the bucket named by a gocloud URL such as
// "s3://documents?region=eu-central-1&endpoint=https://s3.example&use_path_style=true".
func OpenBucket(ctx context.Context, rawURL string) (*Bucket, error) {
	b, err := blob.OpenBucket(ctx, rawURL)
	if err != nil {
		return nil, fmt.Errorf("open bucket: %w", err)
	}
	return &Bucket{b: b}, nil
}

// Put implements Store. An error aborts the upload, so no partial object is
// left behind.
func (s *Bucket) Put(ctx context.Context, key string, r io.Reader) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := s.b.NewWriter(ctx, key, nil)
	if err != nil {
		return fmt.Errorf("blob writer: %w", err)
	}
	if _, err := io.Copy(w, r); err != nil {
		cancel() // aborts the upload before Close
		_ = w.Close()
		return fmt.Errorf("write blob: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("finish blob: %w", err)
	}
	return nil
}

// Open implements Store.
func (s *Bucket) Open(ctx context.Context, key string) (io.ReadCloser, error) {
	if err := ValidKey(key); err != nil {
		return nil, err
	}
	r, err := s.b.NewReader(ctx, key, nil)
	if gcerrors.Code(err) == gcerrors.NotFound {
		return nil, notFound(key, err)
	}
	if err != nil {
		return nil, fmt.Errorf("open blob: %w", err)
	}
	return r, nil
}

// Delete implements Store.
func (s *Bucket) Delete(ctx context.Context, key string) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	err := s.b.Delete(ctx, key)
	if err != nil && gcerrors.Code(err) != gcerrors.NotFound {
		return fmt.Errorf("delete blob: %w", err)
	}
	return nil
}

// Ping checks that the bucket is reachable and that we may use it.
func (s *Bucket) Ping(ctx context.Context) error {
	ok, err := s.b.IsAccessible(ctx)
	if err != nil {
		return fmt.Errorf("bucket: %w", err)
	}
	if !ok {
		return fmt.Errorf("bucket not accessible")
	}
	return nil
}

// Close implements Store.
func (s *Bucket) Close() error { return s.b.Close() }
