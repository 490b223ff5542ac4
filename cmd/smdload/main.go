// Command smdload is SMD's load tool: it measures an smd server on this
// machine, so that the speed targets of the issues are benchmarks with a
// command behind them rather than timed tests.
//
//	smdload http -url http://127.0.0.1:8080/ -c 32 -d 10s
//	smdload startup -n 5 -- ./bin/smd serve
//	smdload submit -url http://127.0.0.1:8080 -n 2000 -c 16
//	smdload workbench -url http://127.0.0.1:8080 -n 300
//
// It only ever sends traffic to loopback addresses, and every run is
// bounded in time and count.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"sort"
	"sync"
	"syscall"
	"time"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: smdload http|startup|submit|workbench [flags]")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "http":
		err = httpLoad(os.Args[2:])
	case "startup":
		err = startup(os.Args[2:])
	case "submit":
		err = submit(os.Args[2:])
	case "workbench":
		err = workbench(os.Args[2:])
	default:
		err = fmt.Errorf("unknown mode %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "smdload:", err)
		os.Exit(1)
	}
}

// loopbackOnly refuses any target that is not this machine.
func loopbackOnly(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return err
	}
	ips, err := net.LookupIP(u.Hostname())
	if err != nil {
		return err
	}
	for _, ip := range ips {
		if !ip.IsLoopback() {
			return fmt.Errorf("%s is not a loopback address: smdload measures this machine only", u.Hostname())
		}
	}
	return nil
}

func httpLoad(args []string) error {
	fs := flag.NewFlagSet("http", flag.ContinueOnError)
	target := fs.String("url", "http://127.0.0.1:8080/", "address to load")
	conc := fs.Int("c", 32, "concurrent connections")
	dur := fs.Duration("d", 10*time.Second, "duration (at most 5m)")
	warm := fs.Duration("warmup", 2*time.Second, "warm-up before measuring")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := loopbackOnly(*target); err != nil {
		return err
	}
	*dur = min(*dur, 5*time.Minute)
	tr := &http.Transport{MaxIdleConnsPerHost: *conc, MaxConnsPerHost: *conc, DisableCompression: true}
	client := &http.Client{Transport: tr, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	run := func(d time.Duration, record bool) ([]time.Duration, map[int]int, int) {
		ctx, cancel := context.WithTimeout(context.Background(), d)
		defer cancel()
		var mu sync.Mutex
		var lat []time.Duration
		codes := map[int]int{}
		errs := 0
		var wg sync.WaitGroup
		for range *conc {
			wg.Add(1)
			go func() {
				defer wg.Done()
				local := make([]time.Duration, 0, 1<<16)
				lcodes := map[int]int{}
				lerrs := 0
				for ctx.Err() == nil {
					start := time.Now()
					resp, err := client.Get(*target)
					if err != nil {
						if ctx.Err() == nil {
							lerrs++
						}
						continue
					}
					_, _ = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if ctx.Err() != nil {
						break
					}
					local = append(local, time.Since(start))
					lcodes[resp.StatusCode]++
				}
				if record {
					mu.Lock()
					lat = append(lat, local...)
					for k, v := range lcodes {
						codes[k] += v
					}
					errs += lerrs
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		return lat, codes, errs
	}
	run(*warm, false)
	lat, codes, errs := run(*dur, true)
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	if len(lat) == 0 {
		return errors.New("no request completed")
	}
	pct := func(p float64) time.Duration { return lat[min(len(lat)-1, int(float64(len(lat))*p))] }
	fmt.Printf("url %s, %d connections, %s\n", *target, *conc, *dur)
	fmt.Printf("requests %d, %.0f req/s, errors %d, status %v\n", len(lat), float64(len(lat))/dur.Seconds(), errs, codes)
	fmt.Printf("latency p50 %s  p90 %s  p99 %s  max %s\n", pct(.5), pct(.9), pct(.99), lat[len(lat)-1])
	return nil
}

// startup runs a server command n times on a fresh database each time and
// reports how long it took from exec to the first 200 of /readyz.
func startup(args []string) error {
	fs := flag.NewFlagSet("startup", flag.ContinueOnError)
	n := fs.Int("n", 5, "runs (at most 50)")
	addr := fs.String("addr", "127.0.0.1:18080", "address the server listens on (SMD_ADDR)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cmdline := fs.Args()
	if len(cmdline) == 0 {
		return errors.New("startup needs the server command after --")
	}
	if err := loopbackOnly("http://" + *addr); err != nil {
		return err
	}
	*n = min(max(*n, 1), 50)
	var times []time.Duration
	for i := range *n {
		dir, err := os.MkdirTemp("", "smdload-")
		if err != nil {
			return err
		}
		cmd := exec.Command(cmdline[0], cmdline[1:]...)
		cmd.Env = append(os.Environ(), "SMD_ADDR="+*addr, "SMD_DATABASE_URL=sqlite:"+dir+"/smd.db", "SMD_BLOB_URL=file://"+dir+"/blobs")
		start := time.Now()
		if err := cmd.Start(); err != nil {
			return err
		}
		ready := false
		for time.Since(start) < 30*time.Second {
			resp, err := http.Get("http://" + *addr + "/readyz")
			if err == nil {
				resp.Body.Close()
				if resp.StatusCode == 200 {
					ready = true
					break
				}
			}
			time.Sleep(2 * time.Millisecond)
		}
		d := time.Since(start)
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
		os.RemoveAll(dir)
		if !ready {
			return fmt.Errorf("run %d: not ready within 30 s", i+1)
		}
		times = append(times, d)
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("start-up to ready on an empty SQLite database, %d runs: min %s  median %s  max %s\n",
		len(times), times[0], times[len(times)/2], times[len(times)-1])
	return nil
}
