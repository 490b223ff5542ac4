// Package quickcheck is the Quick-Check contract of interfaces.md: it
// parses a request strictly (every bad field is named), runs the rules and
// builds the response in the reader's language. The JSON API, the
// `smd quickcheck` command and the Quick-Check pages all go through it.
package quickcheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strings"

	"github.com/smd-oss/smd"
	"github.com/smd-oss/smd/rules"
)

// MaxBody is the largest request accepted.
const MaxBody = 64 << 10

// FieldError names one bad field; Key and Args are the message.
type FieldError struct {
	Field string
	Key   string
	Args  map[string]any
}

// Invalid is the error for a bad request: every problem found, not only
// the first.
type Invalid struct{ Errors []FieldError }

func (e *Invalid) Error() string {
	var b strings.Builder
	for i, f := range e.Errors {
		if i > 0 {
			b.WriteString("; ")
		}
		fmt.Fprintf(&b, "%s: %s", f.Field, f.Key)
	}
	return b.String()
}

// Request is a parsed Quick-Check request.
type Request struct {
	Service smd.Service
	Date    rules.Date
	Nat     rules.NatFacts
	Emp     rules.EmpFacts
	VE      rules.VEFacts
}

type parser struct {
	errs []FieldError
	date rules.Date
	// dated are date facts that must not lie after the assessment date.
	dated map[string]rules.Date
}

func (p *parser) fail(field, key string, kv ...any) {
	fe := FieldError{Field: field, Key: key}
	if len(kv) > 0 {
		fe.Args = map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			fe.Args[kv[i].(string)] = kv[i+1]
		}
	}
	p.errs = append(p.errs, fe)
}

// Parse reads a request. today is the default assessment date. Errors:
// *Invalid for anything wrong with the request, naming each field.
func Parse(r io.Reader, today rules.Date) (*Request, error) {
	body, err := io.ReadAll(io.LimitReader(r, MaxBody+1))
	if err != nil {
		return nil, &Invalid{Errors: []FieldError{{Field: "body", Key: "qc.err.json"}}}
	}
	if len(body) > MaxBody {
		return nil, &Invalid{Errors: []FieldError{{Field: "body", Key: "qc.err.body_too_large", Args: map[string]any{"Max": MaxBody}}}}
	}
	var top map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := dec.Decode(&top); err != nil || top == nil || dec.More() {
		return nil, &Invalid{Errors: []FieldError{{Field: "body", Key: "qc.err.json"}}}
	}
	p := &parser{dated: map[string]rules.Date{}}
	req := &Request{Date: today}
	for k := range top {
		if k != "service" && k != "assessment_date" && k != "facts" {
			p.fail(k, "qc.err.unknown_field")
		}
	}
	var svc string
	switch raw, ok := top["service"]; {
	case !ok:
		p.fail("service", "qc.err.required")
	case json.Unmarshal(raw, &svc) != nil || !smd.Service(svc).Valid():
		p.fail("service", "qc.err.enum", "Values", "einbuergerung, aufenthaltstitel, verpflichtungserklaerung")
	default:
		req.Service = smd.Service(svc)
	}
	if raw, ok := top["assessment_date"]; ok && string(raw) != "null" {
		if d, ok := p.dateValue("assessment_date", raw); ok {
			req.Date = d
		}
	}
	p.date = req.Date
	var facts map[string]json.RawMessage
	if raw, ok := top["facts"]; ok && string(raw) != "null" {
		if json.Unmarshal(raw, &facts) != nil || facts == nil {
			p.fail("facts", "qc.err.object")
		}
	}
	if facts != nil && req.Service != "" {
		var spec []field
		switch req.Service {
		case smd.ServiceEinbuergerung:
			spec = natFields(&req.Nat)
		case smd.ServiceAufenthaltstitel:
			spec = empFields(&req.Emp)
		case smd.ServiceVerpflichtungserklaerung:
			spec = veFields(&req.VE)
		}
		known := map[string]field{}
		for _, f := range spec {
			known[f.name] = f
		}
		for k, raw := range facts {
			f, ok := known[k]
			if !ok {
				p.fail("facts."+k, "qc.err.unknown_field")
				continue
			}
			if string(raw) == "null" {
				continue
			}
			f.set(p, "facts."+k, raw)
		}
	}
	for name, d := range p.dated {
		if d.After(req.Date) {
			p.fail(name, "qc.err.future")
		}
	}
	if len(p.errs) > 0 {
		slices.SortFunc(p.errs, func(a, b FieldError) int { return strings.Compare(a.Field, b.Field) })
		return nil, &Invalid{Errors: p.errs}
	}
	return req, nil
}

// field is one fact: its name and how to read it.
type field struct {
	name string
	set  func(p *parser, path string, raw json.RawMessage)
}

func (p *parser) dateValue(path string, raw json.RawMessage) (rules.Date, bool) {
	var s string
	if json.Unmarshal(raw, &s) != nil {
		p.fail(path, "qc.err.date")
		return rules.Date{}, false
	}
	d, err := rules.ParseDate(s)
	if err != nil {
		p.fail(path, "qc.err.date")
		return rules.Date{}, false
	}
	return d, true
}

func dateF(name string, dst **rules.Date) field {
	return field{name, func(p *parser, path string, raw json.RawMessage) {
		if d, ok := p.dateValue(path, raw); ok {
			*dst = &d
			p.dated[path] = d
		}
	}}
}

func boolF(name string, dst **bool) field {
	return field{name, func(p *parser, path string, raw json.RawMessage) {
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			p.fail(path, "qc.err.bool")
			return
		}
		*dst = &b
	}}
}

func enumF(name string, values []string, dst **string) field {
	return field{name, func(p *parser, path string, raw json.RawMessage) {
		var s string
		if json.Unmarshal(raw, &s) != nil || !slices.Contains(values, s) {
			p.fail(path, "qc.err.enum", "Values", strings.Join(values, ", "))
			return
		}
		*dst = &s
	}}
}

// intValue reads a whole number within [min, max].
func (p *parser) intValue(path string, raw json.RawMessage, min, max int) (int, bool) {
	var f float64
	if json.Unmarshal(raw, &f) != nil {
		p.fail(path, "qc.err.integer")
		return 0, false
	}
	if f != math.Trunc(f) {
		p.fail(path, "qc.err.integer")
		return 0, false
	}
	if f < float64(min) || f > float64(max) {
		p.fail(path, "qc.err.range", "Min", min, "Max", max)
		return 0, false
	}
	return int(f), true
}

func intF(name string, min, max int, dst **int) field {
	return field{name, func(p *parser, path string, raw json.RawMessage) {
		if v, ok := p.intValue(path, raw, min, max); ok {
			*dst = &v
		}
	}}
}

func numF(name string, min, max float64, dst **float64) field {
	return field{name, func(p *parser, path string, raw json.RawMessage) {
		var f float64
		if json.Unmarshal(raw, &f) != nil {
			p.fail(path, "qc.err.number")
			return
		}
		if f < min || f > max {
			p.fail(path, "qc.err.range", "Min", min, "Max", max)
			return
		}
		*dst = &f
	}}
}

// listOf reads a JSON array of objects with at most max entries, calling
// item for each with its path ("facts.guests[2]").
func (p *parser) listOf(path string, raw json.RawMessage, max int, item func(path string, obj map[string]json.RawMessage)) bool {
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		p.fail(path, "qc.err.list")
		return false
	}
	if len(list) > max {
		p.fail(path, "qc.err.too_many", "Max", max)
		return false
	}
	ok := true
	for i, el := range list {
		ip := fmt.Sprintf("%s[%d]", path, i)
		var obj map[string]json.RawMessage
		if json.Unmarshal(el, &obj) != nil || obj == nil {
			p.fail(ip, "qc.err.object")
			ok = false
			continue
		}
		before := len(p.errs)
		item(ip, obj)
		ok = ok && len(p.errs) == before
	}
	return ok
}

// object reads the known keys of obj with their fields and names the unknown ones.
func (p *parser) object(path string, obj map[string]json.RawMessage, fields ...field) {
	known := map[string]field{}
	for _, f := range fields {
		known[f.name] = f
	}
	for k, raw := range obj {
		f, ok := known[k]
		if !ok {
			p.fail(path+"."+k, "qc.err.unknown_field")
			continue
		}
		if string(raw) != "null" {
			f.set(p, path+"."+k, raw)
		}
	}
}
