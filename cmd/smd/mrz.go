package main

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/smd-oss/smd/mrz"
)

// mrzCmd is `smd mrz`: the two or three MRZ lines on standard input, the
// parsed MRZ as JSON (shared/spec/interfaces.md) on standard output.
// Exit 0 for any readable MRZ, valid or not; 1 with a message on standard
// error for input that is no MRZ; 2 for arguments.
func mrzCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintln(stderr, "usage: smd mrz < lines (takes no arguments)")
		return 2
	}
	// An MRZ is under 100 bytes; a little room for white space and CRLF,
	// and nothing unbounded is read.
	in, err := io.ReadAll(io.LimitReader(stdin, 4<<10))
	if err != nil {
		fmt.Fprintln(stderr, "smd mrz:", err)
		return 1
	}
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(string(in)))
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			lines = append(lines, l)
		}
	}
	r, err := mrz.Parse(lines, time.Now())
	if err != nil {
		var nm *mrz.NotMRZ
		if errors.As(err, &nm) {
			fmt.Fprintln(stderr, "smd mrz:", nm)
		} else {
			fmt.Fprintln(stderr, "smd mrz:", err)
		}
		return 1
	}
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(r); err != nil {
		fmt.Fprintln(stderr, "smd mrz:", err)
		return 1
	}
	return 0
}
