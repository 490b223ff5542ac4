package vault

import (
	"context"
	"io"
	"strings"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/blob"
)

// Store is a blob store whose contents are encrypted with the data key of
// the authority they belong to.
type Store struct {
	Blobs blob.Store
	Ring  *Ring
}

func aad(a uuid.UUID, key string) []byte { return []byte(a.String() + "\x00" + key) }

// owned checks that key lies under the authority's folder ("<id>/…"): the
// tenant wall holds in the blob store too.
func owned(a uuid.UUID, key string) error {
	if !strings.HasPrefix(key, a.String()+"/") {
		return smd.Errorf(smd.EINVALID, "blob key %q is not under authority %s", key, a)
	}
	return nil
}

// Key returns the blob key of a document of an authority.
func Key(a uuid.UUID, parts ...string) string { return a.String() + "/" + strings.Join(parts, "/") }

// Put encrypts r with the authority's current key and stores it under key.
// Like blob.Store.Put it leaves nothing behind on error.
func (s *Store) Put(ctx context.Context, authorityID uuid.UUID, key string, r io.Reader) error {
	if err := owned(authorityID, key); err != nil {
		return err
	}
	v, k, err := s.Ring.Current(ctx, authorityID)
	if err != nil {
		return err
	}
	enc, err := Encrypt(k, v, aad(authorityID, key), r)
	if err != nil {
		return err
	}
	return s.Blobs.Put(ctx, key, enc)
}

// Open returns the decrypted content. Reads fail with ErrCorrupt when the
// stored bytes were changed or belong to another authority or key.
func (s *Store) Open(ctx context.Context, authorityID uuid.UUID, key string) (io.ReadCloser, error) {
	if err := owned(authorityID, key); err != nil {
		return nil, err
	}
	rc, err := s.Blobs.Open(ctx, key)
	if err != nil {
		return nil, err
	}
	keyFor := func(v uint32) ([]byte, error) {
		k, err := s.Ring.Version(ctx, authorityID, v)
		if smd.ErrorCode(err) == smd.ENOTFOUND {
			// The authority never had this key: the content is not theirs.
			return nil, ErrCorrupt
		}
		return k, err
	}
	dec, err := Decrypt(keyFor, aad(authorityID, key), rc)
	if err != nil {
		rc.Close()
		return nil, err
	}
	return struct {
		io.Reader
		io.Closer
	}{dec, rc}, nil
}

// Delete removes the content.
func (s *Store) Delete(ctx context.Context, authorityID uuid.UUID, key string) error {
	if err := owned(authorityID, key); err != nil {
		return err
	}
	return s.Blobs.Delete(ctx, key)
}
