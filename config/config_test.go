package config

import (
	"strings"
	"testing"
	"time"
)

func TestDefaults(t *testing.T) {
	for _, k := range []string{"SMD_ADDR", "SMD_DATABASE_URL", "SMD_BLOB_URL", "SMD_DEV", "SMD_SECURE_COOKIES"} {
		t.Setenv(k, "")
	}
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DatabaseURL != "sqlite:./var/smd.db" || c.BlobURL != "file://./var/blobs" ||
		c.LockoutThreshold != 5 || c.LockoutDuration != 15*time.Minute || !c.Secure() {
		t.Fatalf("defaults %+v", c)
	}
	t.Setenv("SMD_DEV", "true")
	c, _ = Load()
	if c.Secure() {
		t.Fatal("dev mode must default to cookies without Secure")
	}
	t.Setenv("SMD_SECURE_COOKIES", "true")
	c, _ = Load()
	if !c.Secure() {
		t.Fatal("explicit SMD_SECURE_COOKIES ignored")
	}
}

func TestErrorsNameTheVariable(t *testing.T) {
	for k, v := range map[string]string{"SMD_LOCKOUT_THRESHOLD": "viele", "SMD_LOCKOUT_DURATION": "lang", "SMD_DEV": "vielleicht"} {
		t.Run(k, func(t *testing.T) {
			t.Setenv(k, v)
			_, err := Load()
			if err == nil || !strings.Contains(err.Error(), k) {
				t.Fatalf("error %v does not name %s", err, k)
			}
		})
	}
	t.Setenv("SMD_LOCKOUT_THRESHOLD", "0")
	if _, err := Load(); err == nil || !strings.Contains(err.Error(), "SMD_LOCKOUT_THRESHOLD") {
		t.Fatalf("zero threshold: %v", err)
	}
}
