// Package vault encrypts document contents at rest: AES-256-GCM with a data
// key per authority, itself wrapped by the deployment's master key. The
// blob store (local folder or S3) only ever sees ciphertext, and a
// ciphertext is bound to its authority and blob key, so copying it to
// another authority or another name makes it unreadable.
//
// Contents are encrypted as a stream of 64 KiB chunks (the STREAM
// construction: nonce = random prefix, chunk counter, last-chunk flag), so
// that large files never have to fit in memory and truncation, reordering
// and appended data are all detected.
package vault

import (
	"bytes"
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

const (
	magic     = "SMDENC1\n"
	chunkSize = 64 << 10
	prefixLen = 7
	tagLen    = 16
)

// ErrCorrupt means a ciphertext failed authentication: it was changed,
// truncated, extended, or belongs to another authority or blob key.
var ErrCorrupt = errors.New("vault: ciphertext is corrupt or not for this key")

func nonce(prefix []byte, counter uint32, last bool) []byte {
	n := make([]byte, 12)
	copy(n, prefix)
	binary.BigEndian.PutUint32(n[prefixLen:], counter)
	if last {
		n[11] = 1
	}
	return n
}

func newAEAD(key []byte) (cipher.AEAD, error) {
	if len(key) != 32 {
		return nil, fmt.Errorf("vault: key must be 32 bytes, got %d", len(key))
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return cipher.NewGCM(block)
}

// header is the plaintext prefix of every ciphertext: magic, key version,
// nonce prefix.
func header(version uint32, prefix []byte) []byte {
	h := make([]byte, 0, len(magic)+4+prefixLen)
	h = append(h, magic...)
	h = binary.BigEndian.AppendUint32(h, version)
	return append(h, prefix...)
}

// Encrypt reads plaintext from r and returns a reader of the ciphertext.
// aad binds the ciphertext to its context (authority and blob key).
func Encrypt(key []byte, version uint32, aad []byte, r io.Reader) (io.Reader, error) {
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	prefix := make([]byte, prefixLen)
	if _, err := rand.Read(prefix); err != nil {
		return nil, err
	}
	hdr := header(version, prefix)
	return &encReader{aead: aead, prefix: prefix, aad: append(append([]byte{}, hdr...), aad...), src: r,
		out: bytes.NewBuffer(append([]byte{}, hdr...)), buf: make([]byte, chunkSize+1)}, nil
}

type encReader struct {
	aead    cipher.AEAD
	prefix  []byte
	aad     []byte
	src     io.Reader
	out     *bytes.Buffer
	buf     []byte
	pending int // bytes read ahead into buf
	counter uint32
	done    bool
	err     error
}

// Read implements io.Reader. It reads one byte beyond a chunk to know
// whether the chunk is the last one.
func (e *encReader) Read(p []byte) (int, error) {
	for e.out.Len() == 0 && !e.done && e.err == nil {
		n, err := io.ReadFull(e.src, e.buf[e.pending:chunkSize+1])
		n += e.pending
		e.pending = 0
		last := false
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			last = true
		case err != nil:
			e.err = err
			return 0, err
		}
		chunk := e.buf[:min(n, chunkSize)]
		e.out.Write(e.aead.Seal(nil, nonce(e.prefix, e.counter, last), chunk, e.aad))
		if !last {
			// Keep the byte read ahead for the next chunk.
			e.buf[0] = e.buf[chunkSize]
			e.pending = 1
			if e.counter == ^uint32(0) {
				e.err = errors.New("vault: content too large")
				return 0, e.err
			}
			e.counter++
		} else {
			e.done = true
		}
	}
	if e.out.Len() > 0 {
		return e.out.Read(p)
	}
	if e.err != nil {
		return 0, e.err
	}
	return 0, io.EOF
}

// Decrypt reads a ciphertext from r and returns the plaintext reader.
// keyFor returns the key of the version named in the header. Reading
// returns ErrCorrupt as soon as a chunk fails authentication; a caller must
// not act on plaintext before reading to io.EOF.
func Decrypt(keyFor func(version uint32) ([]byte, error), aad []byte, r io.Reader) (io.Reader, error) {
	hdr := make([]byte, len(magic)+4+prefixLen)
	if _, err := io.ReadFull(r, hdr); err != nil || string(hdr[:len(magic)]) != magic {
		return nil, ErrCorrupt
	}
	version := binary.BigEndian.Uint32(hdr[len(magic):])
	key, err := keyFor(version)
	if err != nil {
		return nil, err
	}
	aead, err := newAEAD(key)
	if err != nil {
		return nil, err
	}
	return &decReader{aead: aead, prefix: hdr[len(magic)+4:], aad: append(append([]byte{}, hdr...), aad...), src: r,
		buf: make([]byte, chunkSize+tagLen+1)}, nil
}

type decReader struct {
	aead    cipher.AEAD
	prefix  []byte
	aad     []byte
	src     io.Reader
	buf     []byte
	pending int
	out     []byte
	counter uint32
	done    bool
	err     error
}

func (d *decReader) Read(p []byte) (int, error) {
	for len(d.out) == 0 && !d.done && d.err == nil {
		n, err := io.ReadFull(d.src, d.buf[d.pending:chunkSize+tagLen+1])
		n += d.pending
		d.pending = 0
		last := false
		switch {
		case err == io.EOF || err == io.ErrUnexpectedEOF:
			last = true
		case err != nil:
			d.err = err
			return 0, err
		}
		sealed := d.buf[:min(n, chunkSize+tagLen)]
		plain, oerr := d.aead.Open(nil, nonce(d.prefix, d.counter, last), sealed, d.aad)
		if oerr != nil {
			d.err = ErrCorrupt
			return 0, ErrCorrupt
		}
		d.out = plain
		if last {
			d.done = true
		} else {
			d.buf[0] = d.buf[chunkSize+tagLen]
			d.pending = 1
			d.counter++
		}
	}
	if len(d.out) > 0 {
		n := copy(p, d.out)
		d.out = d.out[n:]
		return n, nil
	}
	if d.err != nil {
		return 0, d.err
	}
	return 0, io.EOF
}
