// Package doceval measures `smd docs check` on the labelled corpus of
// internal/corpus (issue 6, item 8): it runs the command as a user would,
// reads only its JSON lines (interfaces.md, "Documents"), compares them
// with truth.json and writes docs/document-checks.md.
package doceval

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/smd-oss/smd/internal/corpus"
)

// Result is one line of `smd docs check --json`: the contract of
// interfaces.md plus the additions the product prints (facts, match, cues),
// which the pre-fill criteria read.
type Result struct {
	File       string       `json:"file"`
	MIME       string       `json:"mime"`
	Accepted   bool         `json:"accepted"`
	Category   string       `json:"category"`
	Confidence float64      `json:"confidence"`
	Findings   []Finding    `json:"findings"`
	MRZ        *corpus.MRZ  `json:"mrz"`
	Facts      *Facts       `json:"facts,omitempty"`
	Match      *PersonMatch `json:"match,omitempty"`
	Cues       []string     `json:"cues,omitempty"`
}

// Finding is one finding of a result.
type Finding struct {
	Code     string `json:"code"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

// Facts are the values the checker read for the checklist.
type Facts struct {
	TestPoints      int      `json:"test_points,omitempty"`
	LanguageLevel   string   `json:"language_level,omitempty"`
	AnnualSalaryEUR float64  `json:"annual_salary_eur,omitempty"`
	Names           []string `json:"names,omitempty"`
}

// PersonMatch is whom of the application a document belongs to.
type PersonMatch struct {
	Person    int    `json:"person"`
	BirthDate string `json:"birth_date,omitempty"`
}

// has reports whether the result carries a finding with code.
func (r *Result) has(code string) bool {
	for _, f := range r.Findings {
		if f.Code == code {
			return true
		}
	}
	return false
}

// ErrNoCommand says that the binary has no `docs check` (yet).
var ErrNoCommand = errors.New(`"smd docs check" is not available`)

// Runner runs the checker command over files of the corpus.
type Runner struct {
	// Argv is the command without the files, e.g. smd docs check --json.
	Argv []string
	// Dir is the corpus directory; files are passed relative to it.
	Dir string
	// Batch is the number of files per process; Workers the processes at
	// once; Timeout bounds one process.
	Batch, Workers int
	Timeout        time.Duration
	// PersonArgs, when set, are added before the file for each file on
	// its own, with {surname}, {given_names}, {birth_date} and
	// {nationality} replaced by the applicant the truth names: how the
	// name on a payslip can be checked once the command takes the
	// application's people.
	PersonArgs []string
}

// process is what one run of the command gave.
type process struct {
	results  []Result
	bad      []string // output lines that are no result
	exitCode int
	err      error // start failure or timeout
	stderr   string
	wall     time.Duration
	cpu      time.Duration
	maxRSS   int64 // bytes, 0 where unknown
}

func (p process) describe() string {
	var b strings.Builder
	switch {
	case p.err != nil:
		b.WriteString(p.err.Error())
	default:
		fmt.Fprintf(&b, "exit %d", p.exitCode)
	}
	// The first line says what went wrong (an error, a panic's message);
	// a stack trace after it helps no reader of the report.
	if s := strings.TrimSpace(p.stderr); s != "" {
		first, _, _ := strings.Cut(s, "\n")
		if len(first) > 200 {
			first = first[:200] + "…"
		}
		b.WriteString(": " + first)
	}
	return b.String()
}

// exec runs the command once with extra arguments and files.
func (r *Runner) exec(ctx context.Context, extra, files []string) process {
	timeout := r.Timeout
	if timeout <= 0 {
		timeout = 2 * time.Minute
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	args := append(append(append([]string{}, r.Argv[1:]...), extra...), files...)
	cmd := exec.CommandContext(ctx, r.Argv[0], args...)
	cmd.Dir = r.Dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	cmd.WaitDelay = 5 * time.Second
	start := time.Now()
	err := cmd.Run()
	p := process{wall: time.Since(start), stderr: stderr.String()}
	if cmd.ProcessState != nil {
		p.exitCode = cmd.ProcessState.ExitCode()
		p.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
		p.maxRSS = maxRSS(cmd.ProcessState)
	}
	var exitErr *exec.ExitError
	switch {
	case ctx.Err() != nil:
		p.err = fmt.Errorf("no answer within %s", timeout)
	case err != nil && !errors.As(err, &exitErr):
		p.err = err
	}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(make([]byte, 1<<20), 64<<20)
	for sc.Scan() {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var res Result
		if err := json.Unmarshal(line, &res); err != nil || res.File == "" {
			p.bad = append(p.bad, string(line))
			continue
		}
		p.results = append(p.results, res)
	}
	return p
}

// Probe runs the command on one file and fails with ErrNoCommand, and what
// the command said, when it gives no JSON result.
func (r *Runner) Probe(ctx context.Context, file string) error {
	p := r.exec(ctx, nil, []string{file})
	if len(p.results) > 0 {
		return nil
	}
	return fmt.Errorf("%w (%s %s: %s); the evaluator needs the command of interfaces.md, \"Documents\"",
		ErrNoCommand, strings.Join(r.Argv, " "), file, p.describe())
}

// Run is what checking the whole corpus gave.
type Run struct {
	Results map[string]*Result
	// Problems are files without a result, and why.
	Problems map[string]string
	// Wall is the time of the whole run, CPU the processes' CPU time.
	Wall, CPU time.Duration
	Processes int
}

// CheckAll checks files in batches over parallel processes. A batch that
// leaves files without a result (a crash, a timeout) is run again file by
// file, so that one bad file costs only its own result.
func (r *Runner) CheckAll(ctx context.Context, files []string, people map[string]*corpus.Holder) *Run {
	run := &Run{Results: map[string]*Result{}, Problems: map[string]string{}}
	var mu sync.Mutex
	batch := max(1, r.Batch)
	var jobs [][]string
	if len(r.PersonArgs) > 0 {
		batch = 1
	}
	for i := 0; i < len(files); i += batch {
		jobs = append(jobs, files[i:min(len(files), i+batch)])
	}
	record := func(p process, asked []string) (missing []string) {
		mu.Lock()
		defer mu.Unlock()
		run.CPU += p.cpu
		run.Processes++
		got := map[string]bool{}
		for i := range p.results {
			res := &p.results[i]
			name := r.normalize(res.File, asked)
			got[name] = true
			run.Results[name] = res
		}
		for _, f := range asked {
			if !got[f] {
				missing = append(missing, f)
			}
		}
		return missing
	}
	work := make(chan []string)
	var wg sync.WaitGroup
	start := time.Now()
	for w := 0; w < max(1, r.Workers); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for job := range work {
				p := r.exec(ctx, r.personArgs(job, people), job)
				missing := record(p, job)
				if len(job) == 1 {
					for _, f := range missing {
						mu.Lock()
						run.Problems[f] = "no result (" + p.describe() + ")"
						mu.Unlock()
					}
					continue
				}
				for _, f := range missing {
					single := r.exec(ctx, r.personArgs([]string{f}, people), []string{f})
					if len(record(single, []string{f})) > 0 {
						mu.Lock()
						run.Problems[f] = "no result (" + single.describe() + ")"
						mu.Unlock()
					}
				}
			}
		}()
	}
	for _, j := range jobs {
		work <- j
	}
	close(work)
	wg.Wait()
	run.Wall = time.Since(start)
	return run
}

func (r *Runner) personArgs(files []string, people map[string]*corpus.Holder) []string {
	if len(r.PersonArgs) == 0 || len(files) != 1 {
		return nil
	}
	p := people[files[0]]
	if p == nil {
		return nil
	}
	repl := strings.NewReplacer("{surname}", p.Surname, "{given_names}", p.GivenNames, "{birth_date}", p.BirthDate, "{nationality}", p.Nationality)
	out := make([]string, len(r.PersonArgs))
	for i, a := range r.PersonArgs {
		out[i] = repl.Replace(a)
	}
	return out
}

// normalize maps the file name a result reports to the corpus name it was
// asked for: the same path, a cleaned or absolute one, or the base name.
func (r *Runner) normalize(reported string, asked []string) string {
	clean := filepath.ToSlash(filepath.Clean(reported))
	if filepath.IsAbs(reported) {
		if rel, err := filepath.Rel(r.Dir, reported); err == nil {
			clean = filepath.ToSlash(rel)
		}
	}
	for _, a := range asked {
		if a == clean {
			return a
		}
	}
	for _, a := range asked {
		if filepath.Base(a) == filepath.Base(clean) {
			return a
		}
	}
	return clean
}

// Measure runs the command on one file alone and reports its wall time and
// peak memory: the refusal of a hostile file must stay within 5 s and
// 256 MB.
func (r *Runner) Measure(ctx context.Context, file string) (wall time.Duration, rss int64, res *Result, problem string) {
	p := r.exec(ctx, nil, []string{file})
	if len(p.results) == 0 {
		return p.wall, p.maxRSS, nil, "no result (" + p.describe() + ")"
	}
	return p.wall, p.maxRSS, &p.results[0], ""
}

// BuildSMD builds ./cmd/smd of the module in the current directory into
// dir and returns the binary's path.
func BuildSMD(ctx context.Context, dir string) (string, error) {
	bin := filepath.Join(dir, "smd")
	version := "dev"
	if out, err := exec.CommandContext(ctx, "git", "describe", "--always", "--dirty").Output(); err == nil {
		version = strings.TrimSpace(string(out))
	}
	cmd := exec.CommandContext(ctx, "go", "build", "-trimpath", "-ldflags", "-X main.version="+version, "-o", bin, "./cmd/smd")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("building ./cmd/smd: %w", err)
	}
	return bin, nil
}
