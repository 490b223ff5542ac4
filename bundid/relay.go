package bundid

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"strings"
	"time"
)

// The sign-in state travels in the RelayState, signed, because the IdP
// posts the response cross-site: the portal's SameSite=Lax session cookie
// does not come along. A separate cookie holds the state's nonce, so that
// a response only completes the sign-in in the browser that began it (no
// login CSRF).

// State is what the portal needs after the IdP's answer.
type State struct {
	RequestID string    `json:"r"`
	Next      string    `json:"n"`
	Level     Level     `json:"l"`
	Nonce     string    `json:"c"`
	Expires   time.Time `json:"e"`
}

// SealState signs the state with key.
func SealState(key []byte, s State) (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write(b)
	return base64.RawURLEncoding.EncodeToString(b) + "." + base64.RawURLEncoding.EncodeToString(m.Sum(nil)), nil
}

// ErrState means the RelayState is forged, damaged or expired.
var ErrState = errors.New("bundid: invalid or expired sign-in state")

// OpenState verifies and decodes a sealed state at time now.
func OpenState(key []byte, sealed string, now time.Time) (*State, error) {
	payload, mac, ok := strings.Cut(sealed, ".")
	if !ok {
		return nil, ErrState
	}
	b, err1 := base64.RawURLEncoding.DecodeString(payload)
	sum, err2 := base64.RawURLEncoding.DecodeString(mac)
	if err1 != nil || err2 != nil {
		return nil, ErrState
	}
	m := hmac.New(sha256.New, key)
	m.Write(b)
	if !hmac.Equal(sum, m.Sum(nil)) {
		return nil, ErrState
	}
	var s State
	if json.Unmarshal(b, &s) != nil || now.After(s.Expires) {
		return nil, ErrState
	}
	return &s, nil
}

// NewNonce returns a random value for the browser-binding cookie.
func NewNonce() string {
	b := make([]byte, 18)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
