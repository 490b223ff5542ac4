package doccheck

import (
	"bufio"
	"context"
	"encoding/binary"
	"io"
	"net"
	"strings"
	"testing"
)

// fakeClamd speaks clamd's INSTREAM protocol and finds the EICAR string.
func fakeClamd(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go func(conn net.Conn) {
				defer conn.Close()
				r := bufio.NewReader(conn)
				cmd, err := r.ReadString(0)
				if err != nil || cmd != "zINSTREAM\x00" {
					_, _ = conn.Write([]byte("UNKNOWN COMMAND\x00"))
					return
				}
				var data []byte
				for {
					var n uint32
					if binary.Read(r, binary.BigEndian, &n) != nil {
						return
					}
					if n == 0 {
						break
					}
					chunk := make([]byte, n)
					if _, err := io.ReadFull(r, chunk); err != nil {
						return
					}
					data = append(data, chunk...)
				}
				if strings.Contains(string(data), "EICAR-STANDARD-ANTIVIRUS-TEST-FILE") {
					_, _ = conn.Write([]byte("stream: Eicar-Test-Signature FOUND\x00"))
					return
				}
				_, _ = conn.Write([]byte("stream: OK\x00"))
			}(conn)
		}
	}()
	return ln.Addr().String()
}

func TestClamd(t *testing.T) {
	ch := New()
	ch.Scanner = &Clamd{Network: "tcp", Address: fakeClamd(t)}
	eicar := textPDF(`X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*`)
	if r := ch.Check(context.Background(), "a.pdf", eicar); r.Accepted || !r.Has("malware.found") {
		t.Fatalf("EICAR: %+v", r.Findings)
	}
	if r := ch.Check(context.Background(), "a.pdf", textPDF("Gehaltsabrechnung")); !r.Accepted || r.Has("malware.not_scanned") || r.Has("malware.found") {
		t.Fatalf("clean file: %+v", r.Findings)
	}
	ch.Scanner = &Clamd{Network: "tcp", Address: "127.0.0.1:1"}
	if r := ch.Check(context.Background(), "a.pdf", textPDF("Gehaltsabrechnung")); !r.Accepted || !r.Has("malware.scan_failed") {
		t.Fatalf("clamd down: %+v", r.Findings)
	}
	for reply, want := range map[string]string{"stream: OK\x00": "", "stream: Win.Trojan FOUND\x00": "Win.Trojan"} {
		if got, err := parseClamdReply(reply); err != nil || got != want {
			t.Errorf("%q: %q %v", reply, got, err)
		}
	}
	for _, bad := range []string{"INSTREAM size limit exceeded. ERROR", "stream: Size limit ERROR\x00", "gibberish"} {
		if _, err := parseClamdReply(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
