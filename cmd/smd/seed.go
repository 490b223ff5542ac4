package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/accounts"
	"github.com/smd-oss/smd/config"
	"github.com/smd-oss/smd/password"
	"github.com/smd-oss/smd/seed"
	"github.com/smd-oss/smd/sqlstore"
)

// seedCmd creates the demo data. Outside dev mode it needs an explicit
// SMD_DEMO_PASSWORD, because the default one is refused there anyway.
func seedCmd(ctx context.Context, cfg *config.Config, logger *slog.Logger, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("seed", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	demo := fs.Bool("demo", false, "create the demo authorities and accounts")
	cases := fs.Int("cases", 0, "also create this many load-test cases (queue benchmark)")
	auths := fs.Int("authorities", 50, "spread the load-test cases over this many authorities")
	if err := fs.Parse(args); err != nil || !*demo || fs.NArg() > 0 || *cases < 0 || *cases > 5_000_000 || *auths < 3 || *auths > 1000 {
		return fmt.Errorf("%w: seed needs --demo [--cases N (≤ 5,000,000) --authorities M (3–1000)]", errUsage)
	}
	pw := cfg.DemoPassword
	if pw == "" {
		if !cfg.Dev {
			return fmt.Errorf("outside dev mode set SMD_DEMO_PASSWORD: the default demo password is accepted only with SMD_DEV=true")
		}
		pw = accounts.DefaultDemoPassword
	}
	a, err := openApp(ctx, cfg, logger)
	if err != nil {
		return err
	}
	defer a.Close()
	na, nu, err := seed.Demo(ctx, seed.Stores{Tx: a.db, Authorities: a.authorities, Users: a.users}, pw, password.Default)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "demo data: %d authorities and %d accounts created\n", na, nu)
	if *cases > 0 {
		start := time.Now()
		if err := seedLoad(ctx, a, *cases, *auths); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "load data: %d cases over %d authorities in %s\n", *cases, *auths, time.Since(start).Round(time.Second))
	}
	return nil
}

// seedLoad creates load-test authorities up to n and spreads cases over
// all of them, received over the last two years, in every channel and a
// few statuses, the waiting ones with a deadline. The data is for the
// queue benchmark: the cases have one action each, whatever their status.
func seedLoad(ctx context.Context, a *app, cases, n int) error {
	list, err := a.authorities.ListAuthorities(ctx)
	if err != nil {
		return err
	}
	for i := len(list); i < n; i++ {
		au := &smd.Authority{Slug: fmt.Sprintf("last-%03d", i+1), Name: fmt.Sprintf("Lastbehörde %03d", i+1), AGS: fmt.Sprintf("%08d", 99000000+i),
			ARS: fmt.Sprintf("%012d", 990000000000+i), Land: "NW", CasePrefix: fmt.Sprintf("L%03d", i+1), Email: "last@example.org",
			Phone: "+49 30 0", Address: "Lastweg 1, 10115 Berlin", Services: smd.Services, FourEyes: true}
		if err := a.authorities.CreateAuthority(ctx, au); err != nil {
			return err
		}
		list = append(list, au)
	}
	list = list[:n]
	rng := rand.New(rand.NewPCG(1, 2))
	channels := []smd.Channel{smd.ChannelOnline, smd.ChannelOnline, smd.ChannelKurzAntrag, smd.ChannelPapier}
	statuses := []smd.Status{smd.StatusSubmitted, smd.StatusSubmitted, smd.StatusInReview, smd.StatusWaitingForApplicant, smd.StatusDecided}
	given := []string{"Anna", "Mehmet", "Olena", "Karim", "Maria", "Ali", "Sofia", "Jonas"}
	family := []string{"Muster", "Yılmaz", "Kovalenko", "Haddad", "Nowak", "Rossi", "Schmidt", "Ahmadi"}
	now := a.db.Now()
	counters := make([]int, n)
	const batch = 5000
	for done := 0; done < cases; done += batch {
		var cs []*smd.Case
		var ps []*smd.Person
		for i := done; i < min(done+batch, cases); i++ {
			k := i % n
			counters[k]++
			au := list[k]
			cs = append(cs, &smd.Case{AuthorityID: au.ID, Number: fmt.Sprintf("%s-%d-%06d", au.CasePrefix, now.Year(), 100000+counters[k]),
				Service: smd.Services[rng.IntN(3)], Channel: channels[rng.IntN(len(channels))], Status: statuses[rng.IntN(len(statuses))],
				ReceivedAt: now.Add(-time.Duration(rng.Int64N(int64(730 * 24 * time.Hour))))})
			if c := cs[len(cs)-1]; c.Status == smd.StatusWaitingForApplicant {
				// Deadlines from four weeks ago to four weeks ahead, about
				// half of them passed; derived from i, so the random
				// sequence (and the rest of the data) stays as before.
				c.DueOn = now.AddDate(0, 0, i%57-28)
			}
			ps = append(ps, &smd.Person{GivenNames: given[rng.IntN(len(given))], FamilyName: family[rng.IntN(len(family))]})
		}
		if err := a.db.BulkCases(ctx, cs, ps); err != nil {
			return err
		}
	}
	for k, au := range list {
		if err := a.db.SetCaseCounter(ctx, au.ID, now, 100000+counters[k]); err != nil {
			return err
		}
	}
	if a.db.Dialect == sqlstore.Postgres {
		// Leave the tables as autovacuum would soon after a bulk load:
		// visibility map set (index-only counts) and statistics current.
		if _, err := a.db.Write.ExecContext(ctx, `VACUUM ANALYZE cases, case_actions, persons`); err != nil {
			return fmt.Errorf("vacuum: %w", err)
		}
	}
	return nil
}
