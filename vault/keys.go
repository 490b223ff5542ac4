package vault

import (
	"context"
	"crypto/cipher"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/google/uuid"

	"github.com/smd-oss/smd"
)

// KeyStore keeps the wrapped data keys of the authorities. Every method
// takes the authority.
type KeyStore interface {
	// CurrentKey returns the newest key; ENOTFOUND when the authority has none.
	CurrentKey(ctx context.Context, authorityID uuid.UUID) (version uint32, wrapped []byte, err error)
	// KeyByVersion returns one key; ENOTFOUND when there is none.
	KeyByVersion(ctx context.Context, authorityID uuid.UUID, version uint32) ([]byte, error)
	// AddKey stores a new key; ECONFLICT when the version exists (another
	// instance made it first).
	AddKey(ctx context.Context, authorityID uuid.UUID, version uint32, wrapped []byte) error
}

// Ring hands out the data keys of the authorities, unwrapped with the
// master key and cached in memory. A missing first key is made on demand.
type Ring struct {
	master cipher.AEAD
	store  KeyStore
	cache  sync.Map // "authority/version" → []byte
}

// NewRing makes a key ring; masterKey must be 32 bytes.
func NewRing(masterKey []byte, store KeyStore) (*Ring, error) {
	aead, err := newAEAD(masterKey)
	if err != nil {
		return nil, err
	}
	return &Ring{master: aead, store: store}, nil
}

func cacheKey(a uuid.UUID, v uint32) string { return fmt.Sprintf("%s/%d", a, v) }

func (r *Ring) unwrap(a uuid.UUID, v uint32, wrapped []byte) ([]byte, error) {
	ns := r.master.NonceSize()
	if len(wrapped) < ns {
		return nil, ErrCorrupt
	}
	key, err := r.master.Open(nil, wrapped[:ns], wrapped[ns:], []byte(cacheKey(a, v)))
	if err != nil {
		return nil, fmt.Errorf("vault: cannot unwrap the data key of %s (wrong master key?): %w", a, ErrCorrupt)
	}
	return key, nil
}

// Current returns the authority's newest data key, making the first one
// when there is none.
func (r *Ring) Current(ctx context.Context, a uuid.UUID) (uint32, []byte, error) {
	v, wrapped, err := r.store.CurrentKey(ctx, a)
	if smd.ErrorCode(err) == smd.ENOTFOUND {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return 0, nil, err
		}
		nonce := make([]byte, r.master.NonceSize())
		if _, err := rand.Read(nonce); err != nil {
			return 0, nil, err
		}
		wrapped = r.master.Seal(nonce, nonce, key, []byte(cacheKey(a, 1)))
		err = r.store.AddKey(ctx, a, 1, wrapped)
		if smd.ErrorCode(err) == smd.ECONFLICT {
			return r.Current(ctx, a) // another instance was first: use its key
		}
		if err != nil {
			return 0, nil, err
		}
		r.cache.Store(cacheKey(a, 1), key)
		return 1, key, nil
	}
	if err != nil {
		return 0, nil, err
	}
	if k, ok := r.cache.Load(cacheKey(a, v)); ok {
		return v, k.([]byte), nil
	}
	key, err := r.unwrap(a, v, wrapped)
	if err != nil {
		return 0, nil, err
	}
	r.cache.Store(cacheKey(a, v), key)
	return v, key, nil
}

// Version returns the authority's data key of one version.
func (r *Ring) Version(ctx context.Context, a uuid.UUID, v uint32) ([]byte, error) {
	if k, ok := r.cache.Load(cacheKey(a, v)); ok {
		return k.([]byte), nil
	}
	wrapped, err := r.store.KeyByVersion(ctx, a, v)
	if err != nil {
		return nil, err
	}
	key, err := r.unwrap(a, v, wrapped)
	if err != nil {
		return nil, err
	}
	r.cache.Store(cacheKey(a, v), key)
	return key, nil
}

// LoadMasterKey returns the master key: from encoded (standard base64 of
// 32 bytes) when set, else from the file. With create, a missing file is
// made with a new random key (dev mode); otherwise a missing key is an
// error, so that production never runs with a key nobody kept.
func LoadMasterKey(encoded, file string, create bool) ([]byte, error) {
	if encoded != "" {
		key, err := base64.StdEncoding.DecodeString(strings.TrimSpace(encoded))
		if err != nil || len(key) != 32 {
			return nil, errors.New("SMD_MASTER_KEY must be the standard base64 encoding of 32 random bytes (openssl rand -base64 32)")
		}
		return key, nil
	}
	b, err := os.ReadFile(file)
	if errors.Is(err, os.ErrNotExist) && create {
		key := make([]byte, 32)
		if _, err := rand.Read(key); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(filepath.Dir(file), 0o700); err != nil {
			return nil, err
		}
		if err := os.WriteFile(file, []byte(base64.StdEncoding.EncodeToString(key)+"\n"), 0o600); err != nil {
			return nil, err
		}
		return key, nil
	}
	if err != nil {
		return nil, fmt.Errorf("no master key: set SMD_MASTER_KEY or SMD_MASTER_KEY_FILE (%v)", err)
	}
	return LoadMasterKey(string(b), "", false)
}
