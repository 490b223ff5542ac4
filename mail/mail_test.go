package mail

import (
	"bufio"
	"context"
	"errors"
	"io"
	"mime/quotedprintable"
	"net"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeRelay is a minimal SMTP server on loopback that records one message.
func fakeRelay(t *testing.T) (addr string, got chan string) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	got = make(chan string, 1)
	go func() {
		conn, err := ln.Accept()
		if err != nil {
			return
		}
		defer conn.Close()
		r := bufio.NewReader(conn)
		say := func(s string) { _, _ = conn.Write([]byte(s + "\r\n")) }
		say("220 fake ESMTP")
		var data strings.Builder
		inData := false
		for {
			line, err := r.ReadString('\n')
			if err != nil {
				return
			}
			if inData {
				if line == ".\r\n" {
					inData = false
					got <- data.String()
					say("250 queued")
					continue
				}
				data.WriteString(line)
				continue
			}
			switch cmd := strings.ToUpper(strings.TrimSpace(line)); {
			case strings.HasPrefix(cmd, "EHLO"), strings.HasPrefix(cmd, "HELO"):
				say("250 fake")
			case strings.HasPrefix(cmd, "MAIL"), strings.HasPrefix(cmd, "RCPT"):
				say("250 ok")
			case cmd == "DATA":
				inData = true
				say("354 go")
			case cmd == "QUIT":
				say("221 bye")
				return
			default:
				say("502 no")
			}
		}
	}()
	return ln.Addr().String(), got
}

func TestSMTPSendsPlainUTF8(t *testing.T) {
	addr, got := fakeRelay(t)
	s := &SMTP{Addr: addr, From: "noreply@smd.example", Timeout: 5 * time.Second}
	err := s.Send(context.Background(), Message{To: "anna@example.org", Subject: "Ihr Antrag BN-2026-00017 ist eingegangen",
		Body: "Guten Tag,\nIhr Antrag ist eingegangen. Einzelheiten sehen Sie nach der Anmeldung unter „Meine Anträge“."})
	if err != nil {
		t.Fatal(err)
	}
	msg := <-got
	if !strings.Contains(msg, "To: anna@example.org") || !strings.Contains(msg, "Subject: Ihr Antrag BN-2026-00017 ist eingegangen") {
		t.Fatalf("headers:\n%s", msg)
	}
	body := msg[strings.Index(msg, "\r\n\r\n")+4:]
	dec, _ := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
	if !strings.Contains(string(dec), "„Meine Anträge“") {
		t.Fatalf("body: %q", dec)
	}
}

func TestHeaderInjectionIsRefused(t *testing.T) {
	f := &Folder{Dir: t.TempDir(), From: "noreply@smd.example"}
	for _, to := range []string{"a@b.de\r\nBcc: evil@x.example", "a@b.de, c@d.de", "", "kein-at", "<a@b.de>"} {
		if err := f.Send(context.Background(), Message{To: to, Subject: "x", Body: "y"}); !errors.Is(err, ErrAddress) {
			t.Errorf("%q: %v", to, err)
		}
	}
	// A line break in the subject cannot start a new header.
	msg, err := Render("noreply@smd.example", Message{To: "a@b.de", Subject: "Hallo\r\nBcc: evil@x.example", Body: "y"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(msg), "\r\nBcc:") {
		t.Fatal("subject injected a header")
	}
}

func TestFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "mail")
	f := &Folder{Dir: dir, From: "noreply@smd.example"}
	if list, err := f.List(); err != nil || len(list) != 0 {
		t.Fatalf("empty folder: %v %v", list, err)
	}
	for i := range 2 {
		if err := f.Send(context.Background(), Message{To: "a@b.de", Subject: "Nr. " + string(rune('1'+i)), Body: "Text"}); err != nil {
			t.Fatal(err)
		}
	}
	list, err := f.List()
	if err != nil || len(list) != 2 {
		t.Fatalf("list %v %v", list, err)
	}
	b, _ := os.ReadFile(filepath.Join(dir, list[0]))
	if !strings.Contains(string(b), "Nr. 2") {
		t.Fatalf("newest first: %s", b)
	}
}

func TestNonASCIISubjectIsEncoded(t *testing.T) {
	msg, err := Render("noreply@smd.example", Message{To: "a@b.de", Subject: "Eingangsbestätigung", Body: "y"}, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(msg), "Subject: =?utf-8?q?Eingangsbest=C3=A4tigung?=") {
		t.Fatalf("%s", msg)
	}
}
