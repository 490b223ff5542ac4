package main

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"reflect"
	"strings"
	"testing"
)

// TestMRZCommand pipes the specimen vectors of law-and-standards.md § 4.7
// through `smd mrz` and compares the JSON with interfaces.md's contract;
// flags, an addition to the contract, are compared apart.
func TestMRZCommand(t *testing.T) {
	checksOK := `"checks":{"document_number":true,"birth_date":true,"expiry_date":true,"personal_number":true,"composite":true}`
	for _, c := range []struct {
		name  string
		input string
		want  string
		flags []string
	}{
		{"T1 ICAO TD3", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
			`{"format":"TD3","valid":true,"document_code":"P","issuing_state":"UTO","surname":"ERIKSSON","given_names":"ANNA MARIA",
			"document_number":"L898902C3","nationality":"UTO","birth_date":"1974-08-12","sex":"F","expiry_date":"2012-04-15",
			"personal_number":"ZE184226B",` + checksOK + `}`,
			[]string{"mrz.specimen_serial", "mrz.specimen_name", "mrz.specimen_state"}},
		{"T2 ICAO TD1", "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<\n",
			`{"format":"TD1","valid":true,"document_code":"I","issuing_state":"UTO","surname":"ERIKSSON","given_names":"ANNA MARIA",
			"document_number":"D23145890","nationality":"UTO","birth_date":"1974-08-12","sex":"F","expiry_date":"2012-04-15",
			"personal_number":"",` + checksOK + `}`,
			[]string{"mrz.specimen_serial", "mrz.specimen_name", "mrz.specimen_state"}},
		{"T3 German passport, CRLF and indentation", "  P<D<<MUSTERMANN<<ERIKA<<<<<<<<<<<<<<<<<<<<<<\r\n  C01X00T478D<<6408125F2702283<<<<<<<<<<<<<<<4\r\n",
			`{"format":"TD3","valid":true,"document_code":"P","issuing_state":"D","surname":"MUSTERMANN","given_names":"ERIKA",
			"document_number":"C01X00T47","nationality":"D","birth_date":"1964-08-12","sex":"F","expiry_date":"2027-02-28",
			"personal_number":"",` + checksOK + `}`,
			[]string{"mrz.specimen_serial", "mrz.specimen_name"}},
		{"T4 German identity card", "IDD<<T220001293<<<<<<<<<<<<<<<\n6408125<2010315D<<<<<<<<<<<<<4\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<\n",
			`{"format":"TD1","valid":true,"document_code":"ID","issuing_state":"D","surname":"MUSTERMANN","given_names":"ERIKA",
			"document_number":"T22000129","nationality":"D","birth_date":"1964-08-12","sex":"","expiry_date":"2020-10-31",
			"personal_number":"",` + checksOK + `}`,
			[]string{"mrz.specimen_serial", "mrz.specimen_name"}},
		{"T5 German eAT, blank lines around", "\nARD<<Y701001V39<<<<<<<<<<<<<<<\n7708121F2103318TUR<<<<<<<<<<<6\nMUSTERMANN<<ERIKA<<<<<<<<<<<<<\n\n",
			`{"format":"TD1","valid":true,"document_code":"AR","issuing_state":"D","surname":"MUSTERMANN","given_names":"ERIKA",
			"document_number":"Y701001V3","nationality":"TUR","birth_date":"1977-08-12","sex":"F","expiry_date":"2021-03-31",
			"personal_number":"",` + checksOK + `}`,
			[]string{"mrz.specimen_serial", "mrz.specimen_name"}},
		{"T1 with a wrong birth date check digit", "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408123F1204159ZE184226B<<<<<10\n",
			`{"format":"TD3","valid":false,"document_code":"P","issuing_state":"UTO","surname":"ERIKSSON","given_names":"ANNA MARIA",
			"document_number":"L898902C3","nationality":"UTO","birth_date":"1974-08-12","sex":"F","expiry_date":"2012-04-15",
			"personal_number":"ZE184226B","checks":{"document_number":true,"birth_date":false,"expiry_date":true,"personal_number":true,"composite":false}}`,
			[]string{"mrz.specimen_serial", "mrz.specimen_name", "mrz.specimen_state"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cmd := exec.Command(binary, "mrz")
			cmd.Stdin = strings.NewReader(c.input)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			if err := cmd.Run(); err != nil {
				t.Fatalf("%v: %s", err, stderr.String())
			}
			var got, want map[string]any
			if err := json.Unmarshal(stdout.Bytes(), &got); err != nil {
				t.Fatalf("%v: %s", err, stdout.String())
			}
			if err := json.Unmarshal([]byte(c.want), &want); err != nil {
				t.Fatal(err)
			}
			var flags []string
			for _, f := range got["flags"].([]any) {
				flags = append(flags, f.(string))
			}
			delete(got, "flags")
			if !reflect.DeepEqual(got, want) {
				t.Errorf("JSON\n got %v\nwant %v", got, want)
			}
			if !reflect.DeepEqual(flags, c.flags) {
				t.Errorf("flags %v, want %v", flags, c.flags)
			}
		})
	}
}

// TestMRZCommandNotMRZ: input that is no MRZ exits 1 with a message on
// standard error and nothing on standard output.
func TestMRZCommandNotMRZ(t *testing.T) {
	for name, input := range map[string]string{
		"empty":      "",
		"prose":      "Reisepass der Bundesrepublik Deutschland\n",
		"one line":   "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\n",
		"short line": "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
		"lower case": "p<utoeriksson<<anna<maria<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n",
	} {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(binary, "mrz")
			cmd.Stdin = strings.NewReader(input)
			var stdout, stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &stdout, &stderr
			err := cmd.Run()
			if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 1 {
				t.Fatalf("exit %v, want 1", err)
			}
			if stdout.Len() != 0 || !strings.Contains(stderr.String(), "not an MRZ") {
				t.Errorf("stdout %q stderr %q", stdout.String(), stderr.String())
			}
		})
	}
}
