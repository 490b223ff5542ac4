// Package config reads the settings of `smd` from SMD_* environment
// variables. It is read once in cmd/smd and passed down explicitly: no
// package reads the environment on its own.
package config

import (
	"errors"
	"fmt"
	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/bundid"
	"reflect"
	"strings"
	"time"

	"github.com/caarlos0/env/v11"
)

// Config is every setting of the binary. The table in README.md lists them;
// keep the two in step.
type Config struct {
	// Addr is the listen address of `smd serve`.
	Addr string `env:"SMD_ADDR" envDefault:"127.0.0.1:8080"`
	// DatabaseURL is sqlite:PATH or postgres://….
	DatabaseURL string `env:"SMD_DATABASE_URL" envDefault:"sqlite:./var/smd.db"`
	// BlobURL is file://PATH or s3://bucket?….
	BlobURL string `env:"SMD_BLOB_URL" envDefault:"file://./var/blobs"`
	// Dev turns on dev mode: text logs, simulators, demo logins, cookies
	// without the Secure flag on plain http.
	Dev bool `env:"SMD_DEV" envDefault:"false"`
	// DemoPassword is the password `seed --demo` gives the demo accounts.
	// Empty means the default "demo", accepted only in dev mode.
	DemoPassword string `env:"SMD_DEMO_PASSWORD"`
	// LogLevel is debug, info, warn or error.
	LogLevel string `env:"SMD_LOG_LEVEL" envDefault:"info"`
	// MaxBodyBytes bounds every request body (uploads get their own limit).
	MaxBodyBytes int64 `env:"SMD_MAX_BODY_BYTES" envDefault:"1048576"`
	// SessionLifetime is the absolute lifetime of a session, IdleTimeout the
	// time without a request after which it ends.
	SessionLifetime time.Duration `env:"SMD_SESSION_LIFETIME" envDefault:"12h"`
	IdleTimeout     time.Duration `env:"SMD_SESSION_IDLE_TIMEOUT" envDefault:"30m"`
	// LockoutThreshold failed sign-ins in a row lock an account for LockoutDuration.
	LockoutThreshold int           `env:"SMD_LOCKOUT_THRESHOLD" envDefault:"5"`
	LockoutDuration  time.Duration `env:"SMD_LOCKOUT_DURATION" envDefault:"15m"`
	// ShutdownTimeout is how long in-flight requests and jobs get on SIGTERM.
	ShutdownTimeout time.Duration `env:"SMD_SHUTDOWN_TIMEOUT" envDefault:"20s"`
	// SecureCookies sets the Secure flag; default: on unless in dev mode.
	SecureCookies *bool `env:"SMD_SECURE_COOKIES"`
	// HSTS sends Strict-Transport-Security; turn it on behind TLS.
	HSTS bool `env:"SMD_HSTS" envDefault:"false"`
	// MasterKey (base64 of 32 bytes) wraps the authorities' document keys;
	// MasterKeyFile is read when it is empty. In dev mode a missing file is
	// created with a new key; elsewhere a missing key stops the start.
	MasterKey     string `env:"SMD_MASTER_KEY"`
	MasterKeyFile string `env:"SMD_MASTER_KEY_FILE" envDefault:"./var/master.key"`
	// BaseURL is the public address of the portal (for SAML endpoints);
	// default http://SMD_ADDR.
	BaseURL string `env:"SMD_BASE_URL"`
	// BundID service provider (production): entity id, key and certificate
	// (PEM files) and the IdP's metadata (XML file). In dev mode the
	// built-in simulator is used when these are not set.
	BundIDEntityID        string `env:"SMD_BUNDID_ENTITY_ID"`
	BundIDKeyFile         string `env:"SMD_BUNDID_KEY_FILE"`
	BundIDCertFile        string `env:"SMD_BUNDID_CERT_FILE"`
	BundIDIDPMetadataFile string `env:"SMD_BUNDID_IDP_METADATA_FILE"`
	BundIDOnlineServiceID string `env:"SMD_BUNDID_ONLINE_SERVICE_ID" envDefault:"SMD"`
	// OIDCFile lists the authorities' identity providers for caseworker
	// sign-in (JSON, see docs/oidc.md). Without it, dev mode runs the
	// built-in provider at /dev/oidc for every authority; production has
	// local accounts only.
	OIDCFile string `env:"SMD_OIDC_FILE"`
	// Mail: SMTP relay (host:port) and sender. Without a relay, dev mode
	// writes mails to MailDir (listed at /dev/mail).
	SMTPAddr     string `env:"SMD_SMTP_ADDR"`
	SMTPUsername string `env:"SMD_SMTP_USERNAME"`
	SMTPPassword string `env:"SMD_SMTP_PASSWORD"`
	MailFrom     string `env:"SMD_MAIL_FROM" envDefault:"noreply@smd.localhost"`
	MailDir      string `env:"SMD_MAIL_DIR" envDefault:"./var/mail"`
	// BundID levels each service requires: "substantiell" or "hoch". A
	// written-form application (naturalisation, Verpflichtungserklärung)
	// needs the eID, i.e. "hoch" (law-and-standards.md § 4.2).
	LevelEinbuergerung            string `env:"SMD_BUNDID_LEVEL_EINBUERGERUNG" envDefault:"hoch"`
	LevelAufenthaltstitel         string `env:"SMD_BUNDID_LEVEL_AUFENTHALTSTITEL" envDefault:"substantiell"`
	LevelVerpflichtungserklaerung string `env:"SMD_BUNDID_LEVEL_VERPFLICHTUNGSERKLAERUNG" envDefault:"hoch"`
	// DraftTTL is how long a draft is kept after its last save.
	DraftTTL time.Duration `env:"SMD_DRAFT_TTL" envDefault:"720h"`
	// UploadMaxBytes bounds one uploaded file, MaxUploads the files of one application.
	UploadMaxBytes int64 `env:"SMD_UPLOAD_MAX_BYTES" envDefault:"10485760"`
	MaxUploads     int   `env:"SMD_MAX_UPLOADS" envDefault:"30"`
	// Clamd is the ClamAV daemon that scans uploads: "tcp:host:3310" or
	// "unix:/run/clamav/clamd.ctl"; empty: no scan (findings say so).
	Clamd string `env:"SMD_CLAMD"`
	// OCR turns text recognition of images on ("auto": where tesseract is
	// installed) or "off".
	OCR string `env:"SMD_OCR" envDefault:"auto"`
	// Workers is how many jobs this instance works at once.
	Workers int `env:"SMD_WORKERS" envDefault:"4"`
}

// Load reads the environment. A malformed value is an error naming the variable.
func Load() (*Config, error) {
	var c Config
	if err := env.Parse(&c); err != nil {
		return nil, explain(err)
	}
	if c.LockoutThreshold < 1 {
		return nil, fmt.Errorf("configuration: SMD_LOCKOUT_THRESHOLD must be at least 1")
	}
	if c.MaxBodyBytes < 1024 {
		return nil, fmt.Errorf("configuration: SMD_MAX_BODY_BYTES must be at least 1024")
	}
	for name, v := range map[string]string{"SMD_BUNDID_LEVEL_EINBUERGERUNG": c.LevelEinbuergerung,
		"SMD_BUNDID_LEVEL_AUFENTHALTSTITEL": c.LevelAufenthaltstitel, "SMD_BUNDID_LEVEL_VERPFLICHTUNGSERKLAERUNG": c.LevelVerpflichtungserklaerung} {
		if v != "substantiell" && v != "hoch" {
			return nil, fmt.Errorf("configuration: %s must be substantiell or hoch", name)
		}
	}
	if c.DraftTTL < time.Hour || c.UploadMaxBytes < 1024 || c.MaxUploads < 1 {
		return nil, fmt.Errorf("configuration: SMD_DRAFT_TTL must be at least 1h, SMD_UPLOAD_MAX_BYTES at least 1024, SMD_MAX_UPLOADS at least 1")
	}
	if c.OCR != "auto" && c.OCR != "off" {
		return nil, fmt.Errorf("configuration: SMD_OCR must be auto or off")
	}
	if c.Clamd != "" {
		if n, addr, ok := strings.Cut(c.Clamd, ":"); !ok || addr == "" || (n != "tcp" && n != "unix") {
			return nil, fmt.Errorf("configuration: SMD_CLAMD must be tcp:HOST:PORT or unix:PATH")
		}
	}
	return &c, nil
}

// PublicURL is the portal's public address without a trailing slash.
func (c *Config) PublicURL() string {
	if b := strings.TrimSuffix(c.BaseURL, "/"); b != "" {
		return b
	}
	return "http://" + c.Addr
}

// BundIDLevels are the levels the services require.
func (c *Config) BundIDLevels() map[smd.Service]bundid.Level {
	lv := func(s string) bundid.Level {
		if s == "hoch" {
			return bundid.LevelHigh
		}
		return bundid.LevelSubstantial
	}
	return map[smd.Service]bundid.Level{smd.ServiceEinbuergerung: lv(c.LevelEinbuergerung),
		smd.ServiceAufenthaltstitel: lv(c.LevelAufenthaltstitel), smd.ServiceVerpflichtungserklaerung: lv(c.LevelVerpflichtungserklaerung)}
}

// Secure reports whether cookies carry the Secure flag.
func (c *Config) Secure() bool {
	if c.SecureCookies != nil {
		return *c.SecureCookies
	}
	return !c.Dev
}

// explain rewrites the parser's errors so that they name the environment
// variable ("SMD_LOCKOUT_THRESHOLD: …"), not the Go field.
func explain(err error) error {
	var agg env.AggregateError
	if !errors.As(err, &agg) {
		return fmt.Errorf("configuration: %w", err)
	}
	t := reflect.TypeOf(Config{})
	var msgs []string
	for _, e := range agg.Errors {
		var pe env.ParseError
		if errors.As(e, &pe) {
			if f, ok := t.FieldByName(pe.Name); ok {
				msgs = append(msgs, fmt.Sprintf("%s: not a valid %s (%v)", f.Tag.Get("env"), pe.Type, errors.Unwrap(pe.Err)))
				continue
			}
		}
		msgs = append(msgs, e.Error())
	}
	return fmt.Errorf("configuration: %s", strings.Join(msgs, "; "))
}
