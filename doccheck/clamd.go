package doccheck

import (
	"bufio"
	"context"
	"encoding/binary"
	"fmt"
	"net"
	"strings"
	"time"
)

// Clamd scans with a ClamAV daemon over its INSTREAM command: the file is
// sent in length-prefixed chunks, clamd answers "stream: OK" or
// "stream: <signature> FOUND". Network is "tcp" (Address "host:3310") or
// "unix" (a socket path).
type Clamd struct {
	Network, Address string
	// Timeout bounds one scan (default 30 s).
	Timeout time.Duration
}

// clamdChunk is the size of one INSTREAM chunk; clamd's StreamMaxLength
// bounds the whole stream (25 MB by default, above our upload limit).
const clamdChunk = 64 << 10

// Scan implements Scanner. Errors: clamd unreachable, a protocol answer
// we do not understand, or clamd's own error (e.g. size limit exceeded).
func (c *Clamd) Scan(ctx context.Context, content []byte) (string, error) {
	timeout := c.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, c.Network, c.Address)
	if err != nil {
		return "", fmt.Errorf("clamd: %w", err)
	}
	defer conn.Close()
	if dl, ok := ctx.Deadline(); ok {
		_ = conn.SetDeadline(dl)
	}
	w := bufio.NewWriter(conn)
	if _, err := w.WriteString("zINSTREAM\x00"); err != nil {
		return "", fmt.Errorf("clamd: %w", err)
	}
	var size [4]byte
	for off := 0; off < len(content); off += clamdChunk {
		chunk := content[off:min(off+clamdChunk, len(content))]
		binary.BigEndian.PutUint32(size[:], uint32(len(chunk)))
		if _, err := w.Write(size[:]); err != nil {
			return "", fmt.Errorf("clamd: %w", err)
		}
		if _, err := w.Write(chunk); err != nil {
			return "", fmt.Errorf("clamd: %w", err)
		}
	}
	binary.BigEndian.PutUint32(size[:], 0)
	if _, err := w.Write(size[:]); err != nil {
		return "", fmt.Errorf("clamd: %w", err)
	}
	if err := w.Flush(); err != nil {
		return "", fmt.Errorf("clamd: %w", err)
	}
	reply, err := bufio.NewReader(conn).ReadString(0)
	if err != nil && reply == "" {
		return "", fmt.Errorf("clamd: no answer: %w", err)
	}
	return parseClamdReply(reply)
}

// parseClamdReply reads "stream: OK", "stream: Eicar-Signature FOUND" or
// "… ERROR".
func parseClamdReply(reply string) (string, error) {
	reply = strings.TrimRight(reply, "\x00\n ")
	_, verdict, ok := strings.Cut(reply, ": ")
	switch {
	case !ok:
		return "", fmt.Errorf("clamd: unexpected answer %q", reply)
	case verdict == "OK":
		return "", nil
	case strings.HasSuffix(verdict, " FOUND"):
		return strings.TrimSuffix(verdict, " FOUND"), nil
	case strings.HasSuffix(verdict, " ERROR"):
		return "", fmt.Errorf("clamd: %s", strings.TrimSuffix(verdict, " ERROR"))
	}
	return "", fmt.Errorf("clamd: unexpected answer %q", reply)
}
