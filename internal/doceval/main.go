package doceval

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"sort"
	"strings"
	"time"

	"github.com/smd-oss/smd/internal/corpus"
)

// Config of one evaluation.
type Config struct {
	Corpus string // corpus directory
	SMD    string // smd binary; "" builds ./cmd/smd
	// Checker replaces "smd docs check --json" entirely (tests use a fake).
	Checker []string
	Out     string // report file (Markdown)
	JSON    string // metrics as JSON, optional
	// PersonArgs: see Runner.PersonArgs.
	PersonArgs []string
	Command    string // how the report says it was made
	Log        io.Writer
	Stdout     io.Writer
	Now        time.Time // zero: time.Now
}

// Main runs the checker over the corpus, evaluates and writes the report.
func Main(ctx context.Context, cfg Config) error {
	start := time.Now()
	now := cfg.Now
	if now.IsZero() {
		now = time.Now()
	}
	logf := func(format string, a ...any) {
		if cfg.Log != nil {
			fmt.Fprintf(cfg.Log, format+"\n", a...)
		}
	}
	m, err := corpus.ReadManifest(cfg.Corpus)
	if err != nil {
		return err
	}
	argv := cfg.Checker
	version := "?"
	if len(argv) == 0 {
		bin := cfg.SMD
		if bin == "" {
			tmp, err := os.MkdirTemp("", "smd-eval-")
			if err != nil {
				return err
			}
			defer os.RemoveAll(tmp)
			logf("building ./cmd/smd …")
			if bin, err = BuildSMD(ctx, tmp); err != nil {
				return err
			}
		}
		argv = []string{bin, "docs", "check", "--json"}
		if out, err := exec.CommandContext(ctx, bin, "version").Output(); err == nil {
			version = strings.TrimSpace(strings.TrimPrefix(string(out), "smd "))
		}
	}
	files := make([]string, 0, len(m.Documents))
	for f := range m.Documents {
		files = append(files, f)
	}
	sort.Strings(files)
	people := map[string]*corpus.Holder{}
	for f, e := range m.Documents {
		people[f] = e.Applicant
	}
	r := &Runner{Argv: argv, Dir: cfg.Corpus, Batch: 25, Workers: max(1, runtime.NumCPU()), Timeout: 2 * time.Minute, PersonArgs: cfg.PersonArgs}
	// One benign file first: a missing command should say so, not give a
	// report of nothing.
	for _, f := range files {
		if m.Documents[f].ExpectAccepted {
			if err := r.Probe(ctx, f); err != nil {
				return err
			}
			break
		}
	}
	logf("checking %d files with %s …", len(files), strings.Join(argv, " "))
	run := r.CheckAll(ctx, files, people)
	hostile := map[string]HostileResult{}
	for _, f := range files {
		if m.Documents[f].ExpectAccepted {
			continue
		}
		wall, rss, _, problem := r.Measure(ctx, f)
		hostile[f] = HostileResult{Seconds: wall.Seconds(), MB: float64(rss) / (1 << 20), Problem: problem}
	}
	metrics := Evaluate(m, run, hostile, now)
	cmd := cfg.Command
	if cmd == "" {
		cmd = "make eval"
	}
	meta := Meta{Command: cmd, Checker: strings.Join(append(shortArgv(argv), "FILE…"), " "), Version: version, Machine: machine(),
		Font: fontOf(m), Duration: time.Since(start).Round(100 * time.Millisecond).String()}
	f, err := os.Create(cfg.Out)
	if err != nil {
		return err
	}
	if err := WriteMarkdown(f, metrics, meta); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if cfg.JSON != "" {
		b, err := json.MarshalIndent(metrics, "", "  ")
		if err != nil {
			return err
		}
		if err := os.WriteFile(cfg.JSON, append(b, '\n'), 0o644); err != nil {
			return err
		}
	}
	if cfg.Stdout != nil {
		fmt.Fprintf(cfg.Stdout, "wrote %s\n", cfg.Out)
		for _, g := range metrics.Gates {
			fmt.Fprintf(cfg.Stdout, "  %-70s %-8s %s\n", g.Name, strings.Trim(verdict(g.Pass), "*"), g.Measured)
		}
	}
	return nil
}

// shortArgv shows the binary by its base name (the temporary build
// directory means nothing to a reader).
func shortArgv(argv []string) []string {
	out := append([]string{}, argv...)
	if i := strings.LastIndexByte(out[0], '/'); i >= 0 {
		out[0] = out[0][i+1:]
	}
	return out
}

func fontOf(m *corpus.Manifest) string {
	if m.Font == "" {
		return ""
	}
	sum := m.FontSHA256
	if len(sum) > 12 {
		sum = sum[:12]
	}
	return fmt.Sprintf("%s (sha256 %s…)", m.Font, sum)
}

// machine describes the computer: CPU model, cores, memory, OS, Go.
func machine() string {
	cpu := ""
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if k, v, ok := strings.Cut(sc.Text(), ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
		f.Close()
	}
	mem := ""
	if f, err := os.Open("/proc/meminfo"); err == nil {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var kb int64
			if _, err := fmt.Sscanf(sc.Text(), "MemTotal: %d kB", &kb); err == nil {
				mem = fmt.Sprintf(", %.0f GB RAM", float64(kb)/(1<<20))
				break
			}
		}
		f.Close()
	}
	if cpu == "" {
		cpu = runtime.GOARCH
	}
	return fmt.Sprintf("%s, %d cores%s, %s/%s, %s", cpu, runtime.NumCPU(), mem, runtime.GOOS, runtime.GOARCH, runtime.Version())
}

func sortStrings(s []string) { sort.Strings(s) }
