// govcr: a stand-in for go-vcr's cassette Load and Save, used as the
// reference implementation by cassette's C++ tests and benchmark.
//
// go-vcr itself is not installable here (no modules, no network), so the
// cassette structs are re-declared in types.go with go-vcr's yaml tags, field
// order and Go types (shared/FORMAT.md section 2), and Load/Save follow
// go-vcr's code paths (FORMAT.md sections 5 and 6.3):
//
//	Load = read the file, start from New() (version preset, empty
//	       interactions), yaml.Unmarshal (not strict), version check (format 2)
//	Save = (format 1: nothing written when there are no interactions)
//	       (format 2: renumber ids 0..n-1 as v3.1.2+ does)
//	       "---\n" + yaml.Marshal(cassette)
//
// Usage:
//
//	govcr load  --format v1|v2-all|v2-omit [--duration none|string|time] --yaml v2|v2-nowrap|v3 FILE
//	govcr save  ...same flags... FILE
//	govcr dump  ...same flags... FILE
//	govcr bench ...same flags... --iterations N FILE
package main

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/http"
	"os"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"

	yaml2 "gopkg.in/yaml.v2"
	yaml3 "gopkg.in/yaml.v3"
)

type options struct {
	format     string // v1, v2-all, v2-omit
	duration   string // none, string, time (format 1 only)
	yamlLib    string // v2, v3
	iterations int
	jsonBodies string // save only: pretty, compact
	file       string
}

func usage() {
	fmt.Fprintln(os.Stderr, `usage:
  govcr load  --format v1|v2-all|v2-omit [--duration none|string|time] --yaml v2|v2-nowrap|v3 FILE
  govcr save  --format ... [--duration ...] --yaml ... FILE
  govcr dump  --format ... [--duration ...] --yaml ... FILE
  govcr bench --format ... [--duration ...] --yaml ... --iterations N FILE

--duration applies to --format v1 only (default: time, as go-vcr v1-head/v2.x).
--yaml v2 = gopkg.in/yaml.v2 2.4.0 Marshal (2-space, wrapped at 80 columns);
--yaml v2-nowrap = the same with yaml.FutureLineWrap() (= yaml.v2 v2.3.0 output);
--yaml v3 = gopkg.in/yaml.v3 3.0.1 Marshal (4-space, never wrapped).
yaml.v3 "compact" (CompactSeqIndent) does not exist in yaml.v3 3.0.1; it is a
go.yaml.in/yaml/v4 feature and is not available here.`)
}

func fail(code int, format string, args ...interface{}) {
	fmt.Fprintf(os.Stderr, format, args...)
	if !strings.HasSuffix(format, "\n") {
		fmt.Fprintln(os.Stderr)
	}
	os.Exit(code)
}

func parseArgs(cmd string, args []string) options {
	fs := flag.NewFlagSet("govcr "+cmd, flag.ContinueOnError)
	fs.Usage = usage
	var o options
	fs.StringVar(&o.format, "format", "", "v1 | v2-all | v2-omit")
	fs.StringVar(&o.duration, "duration", "", "none | string | time (format v1 only)")
	fs.StringVar(&o.yamlLib, "yaml", "", "v2 | v3")
	fs.IntVar(&o.iterations, "iterations", 10, "bench only")
	fs.StringVar(&o.jsonBodies, "json-bodies", "", "save only: pretty | compact: json.Indent(\"\", \"  \") / json.Compact every JSON response body before saving (the reference for cassette fmt --pretty-json)")
	if err := fs.Parse(args); err != nil {
		os.Exit(2)
	}
	if fs.NArg() != 1 {
		usage()
		fail(2, "govcr %s: exactly one FILE expected", cmd)
	}
	o.file = fs.Arg(0)
	switch o.format {
	case "v1":
		if o.duration == "" {
			o.duration = "time"
		}
		if o.duration != "none" && o.duration != "string" && o.duration != "time" {
			fail(2, "govcr: --duration must be none, string or time")
		}
	case "v2-all", "v2-omit":
		if o.duration != "" && o.duration != "time" {
			fail(2, "govcr: format %s has only a time.Duration duration", o.format)
		}
		o.duration = "time"
	default:
		fail(2, "govcr: --format must be v1, v2-all or v2-omit")
	}
	switch strings.TrimPrefix(o.yamlLib, "yaml.") {
	case "v2":
		o.yamlLib = "v2"
	case "v2-nowrap":
		// yaml.v2 2.4.0 with FutureLineWrap(): the output of yaml.v2 v2.3.0,
		// the one v2 release that does not fold long lines (FORMAT.md 4.1).
		o.yamlLib = "v2-nowrap"
		yaml2.FutureLineWrap()
	case "v3":
		o.yamlLib = "v3"
	case "v3-compact":
		fail(2, "govcr: yaml.v3-compact is not available: CompactSeqIndent exists only in go.yaml.in/yaml/v4, not in gopkg.in/yaml.v3 3.0.1")
	default:
		fail(2, "govcr: --yaml must be v2, v2-nowrap or v3")
	}
	if o.iterations < 1 {
		fail(2, "govcr: --iterations must be >= 1")
	}
	return o
}

// newCassette mirrors go-vcr's New(): the version is preset (so a file without
// `version:` passes the check) and interactions start as an empty slice.
func newCassette(o options) interface{} {
	switch o.format {
	case "v1":
		switch o.duration {
		case "none":
			return &CassetteV1None{Version: 1, Interactions: []*InteractionV1None{}}
		case "string":
			return &CassetteV1String{Version: 1, Interactions: []*InteractionV1String{}}
		default:
			return &CassetteV1Time{Version: 1, Interactions: []*InteractionV1Time{}}
		}
	case "v2-all":
		return &CassetteV2All{Version: 2, Interactions: []*InteractionV2All{}}
	default:
		return &CassetteV2Omit{Version: 2, Interactions: []*InteractionV2Omit{}}
	}
}

func unmarshal(o options, data []byte, out interface{}) error {
	if o.yamlLib != "v3" {
		return yaml2.Unmarshal(data, out)
	}
	return yaml3.Unmarshal(data, out)
}

func marshal(o options, in interface{}) ([]byte, error) {
	if o.yamlLib != "v3" {
		return yaml2.Marshal(in)
	}
	return yaml3.Marshal(in)
}

// load follows go-vcr's Load: ReadFile, Unmarshal, then (format 2 only) the
// version check. Format-1 releases never checked the version.
func load(o options) (interface{}, error) {
	data, err := os.ReadFile(o.file)
	if err != nil {
		return nil, err
	}
	return loadBytes(o, data)
}

func loadBytes(o options, data []byte) (interface{}, error) {
	c := newCassette(o)
	if err := unmarshal(o, data, c); err != nil {
		return nil, err
	}
	switch v := c.(type) {
	case *CassetteV2All:
		// go-vcr v3.x: ErrUnsupportedCassetteFormat (v4.0.0-v4.0.2 print the
		// v4 message below instead; both reject the same files).
		if v.Version != 2 {
			return nil, errors.New("required version of cassette is v2")
		}
	case *CassetteV2Omit:
		if v.Version != 2 {
			return nil, errors.New("unsupported cassette version format: 2")
		}
	}
	return c, nil
}

// save follows go-vcr's Save and returns the bytes it would write, or nil
// when it would write nothing.
func save(o options, c interface{}) ([]byte, error) {
	switch v := c.(type) {
	case *CassetteV1None:
		if len(v.Interactions) == 0 {
			return nil, nil
		}
	case *CassetteV1String:
		if len(v.Interactions) == 0 {
			return nil, nil
		}
	case *CassetteV1Time:
		if len(v.Interactions) == 0 {
			return nil, nil
		}
	case *CassetteV2All:
		// v3.1.2+: drop DiscardOnSave interactions (none after a Load) and
		// renumber the ids; the new slice is never nil.
		kept := make([]*InteractionV2All, 0)
		for i, it := range v.Interactions {
			if it == nil { // `- null` item; go-vcr would panic here
				return nil, fmt.Errorf("interaction %d is null", i)
			}
			it.ID = len(kept)
			kept = append(kept, it)
		}
		v.Interactions = kept
	case *CassetteV2Omit:
		kept := make([]*InteractionV2Omit, 0)
		for i, it := range v.Interactions {
			if it == nil {
				return nil, fmt.Errorf("interaction %d is null", i)
			}
			it.ID = len(kept)
			kept = append(kept, it)
		}
		v.Interactions = kept
	}
	data, err := marshal(o, c)
	if err != nil {
		return nil, err
	}
	return append([]byte("---\n"), data...), nil
}

// ---------------------------------------------------------------- dump
// The loaded data as JSON, keys in yaml-tag (declaration) order. Bodies are
// emitted as "body_base64" (standard base64 of the exact bytes). Other
// strings are JSON strings; the (unusual) non-UTF-8 ones get an extra
// "<key>_base64" sibling. Durations: "duration" is the string form and,
// for time.Duration, "duration_ns" the integer. nil maps/slices are null,
// empty ones {} / []. Fields that are never serialized (mu) are skipped.

var durationType = reflect.TypeOf(time.Duration(0))

// writeJSONString writes s as a JSON string without HTML escaping (<, >, &
// stay as they are). Invalid UTF-8 becomes U+FFFD, as with encoding/json.
func writeJSONString(b *strings.Builder, s string) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s)
	b.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
}

func yamlKey(f reflect.StructField) (string, bool) {
	tag := f.Tag.Get("yaml")
	name := strings.Split(tag, ",")[0]
	if name == "-" || name == "mu" {
		return "", false
	}
	if name == "" {
		name = strings.ToLower(f.Name)
	}
	return name, true
}

func dumpValue(b *strings.Builder, v reflect.Value) {
	switch v.Kind() {
	case reflect.Ptr, reflect.Interface:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		dumpValue(b, v.Elem())
	case reflect.Struct:
		b.WriteByte('{')
		t := v.Type()
		first := true
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			key, ok := yamlKey(f)
			if !ok {
				continue
			}
			fv := v.Field(i)
			if !first {
				b.WriteByte(',')
			}
			first = false
			switch {
			case key == "body" && fv.Kind() == reflect.String:
				writeJSONString(b, "body_base64")
				b.WriteByte(':')
				writeJSONString(b, base64.StdEncoding.EncodeToString([]byte(fv.String())))
			case fv.Type() == durationType:
				d := time.Duration(fv.Int())
				fmt.Fprintf(b, "%q:", key)
				writeJSONString(b, d.String())
				fmt.Fprintf(b, ",%q:%d", key+"_ns", int64(d))
			default:
				writeJSONString(b, key)
				b.WriteByte(':')
				dumpValue(b, fv)
				if fv.Kind() == reflect.String && !utf8.ValidString(fv.String()) {
					fmt.Fprintf(b, ",%q:", key+"_base64")
					writeJSONString(b, base64.StdEncoding.EncodeToString([]byte(fv.String())))
				}
			}
		}
		b.WriteByte('}')
	case reflect.Map:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		keys := make([]string, 0, v.Len())
		for _, k := range v.MapKeys() {
			keys = append(keys, k.String())
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, k)
			b.WriteByte(':')
			dumpValue(b, v.MapIndex(reflect.ValueOf(k).Convert(v.Type().Key())))
		}
		b.WriteByte('}')
	case reflect.Slice:
		if v.IsNil() {
			b.WriteString("null")
			return
		}
		b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			dumpValue(b, v.Index(i))
		}
		b.WriteByte(']')
	case reflect.String:
		writeJSONString(b, v.String())
	case reflect.Bool:
		fmt.Fprintf(b, "%t", v.Bool())
	case reflect.Int, reflect.Int64, reflect.Int32:
		fmt.Fprintf(b, "%d", v.Int())
	default:
		fmt.Fprintf(b, "%q", fmt.Sprint(v.Interface()))
	}
}

// ---------------------------------------------------------------- bench

func peakRSSKiB() int64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	return ru.Maxrss // KiB on Linux
}

func bench(o options) {
	st, err := os.Stat(o.file)
	if err != nil {
		fail(1, "%v", err)
	}
	loads := make([]float64, 0, o.iterations)
	saves := make([]float64, 0, o.iterations)
	for i := 0; i < o.iterations; i++ {
		t0 := time.Now()
		c, err := load(o)
		if err != nil {
			fail(1, "%v", err)
		}
		loads = append(loads, time.Since(t0).Seconds())
		_ = c
	}
	for i := 0; i < o.iterations; i++ {
		t0 := time.Now()
		c, err := load(o)
		if err != nil {
			fail(1, "%v", err)
		}
		if _, err := save(o, c); err != nil {
			fail(1, "%v", err)
		}
		saves = append(saves, time.Since(t0).Seconds())
	}
	out, _ := json.Marshal(map[string]interface{}{
		"load_seconds": loads,
		"save_seconds": saves,
		"bytes":        st.Size(),
		"peak_rss_kib": peakRSSKiB(),
		"format":       o.format,
		"duration":     o.duration,
		"yaml":         o.yamlLib,
		"iterations":   o.iterations,
	})
	os.Stdout.Write(append(out, '\n'))
}

func main() {
	if len(os.Args) < 2 {
		usage()
		os.Exit(2)
	}
	cmd := os.Args[1]
	switch cmd {
	case "load", "save", "dump", "bench":
	case "-h", "--help", "help":
		usage()
		return
	default:
		usage()
		fail(2, "govcr: unknown command %q", cmd)
	}
	o := parseArgs(cmd, os.Args[2:])
	if cmd == "bench" {
		bench(o)
		return
	}
	c, err := load(o)
	if err != nil {
		fail(1, "%v", err)
	}
	switch cmd {
	case "save":
		if o.jsonBodies != "" {
			reformatJSONBodies(reflect.ValueOf(c), o.jsonBodies)
		}
		data, err := save(o, c)
		if err != nil {
			fail(1, "%v", err)
		}
		if data == nil {
			fmt.Fprintln(os.Stderr, "govcr: no interactions: go-vcr's format-1 Save writes no file")
			return
		}
		os.Stdout.Write(data)
	case "dump":
		var b strings.Builder
		dumpValue(&b, reflect.ValueOf(c))
		b.WriteByte('\n')
		os.Stdout.WriteString(b.String())
	}
}

// ---------------------------------------------------------------- json bodies
// reformatJSONBodies does what cassette fmt --pretty-json / --compact-json
// promise, with Go's own encoding/json: every Response struct whose
// Content-Type says JSON (application/json, text/json, */*+json) and whose
// Content-Encoding names no coding but identity (any case, any value, any
// list element: RFC 9110 8.4.1) gets its body indented with
// json.Indent(dst, src, "", "  ") (or json.Compact); when the body changed,
// its lengths follow as http.Response.ContentLength promises ("Unless
// Request.Method is HEAD, values >= 0 indicate that the given number of bytes
// may be read from Body"): content_length and Content-Length values >= 0 are
// set to the new length, except on responses to HEAD, 1xx/204/304 responses
// and `uncompressed: true` ones, whose lengths do not count the stored body.
func reformatJSONBodies(v reflect.Value, mode string) {
	switch v.Kind() {
	case reflect.Ptr, reflect.Interface:
		if !v.IsNil() {
			reformatJSONBodies(v.Elem(), mode)
		}
	case reflect.Slice:
		for i := 0; i < v.Len(); i++ {
			reformatJSONBodies(v.Index(i), mode)
		}
	case reflect.Struct:
		if strings.HasPrefix(v.Type().Name(), "Response") {
			reformatResponse(v, mode)
			return
		}
		if req := v.FieldByName("Request"); req.IsValid() && req.Kind() == reflect.Struct {
			if m := req.FieldByName("Method"); m.IsValid() && m.Kind() == reflect.String {
				headMethod = m.String() == "HEAD"
			}
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).PkgPath == "" {
				reformatJSONBodies(v.Field(i), mode)
			}
		}
	}
}

// Whether the interaction whose response is being reformatted answered HEAD.
var headMethod bool

func isJSONMedia(ct string) bool {
	mt := strings.ToLower(strings.TrimSpace(strings.SplitN(ct, ";", 2)[0]))
	return mt == "application/json" || mt == "text/json" || strings.HasSuffix(mt, "+json")
}

func compressed(headers http.Header) bool {
	for name, values := range headers {
		if !strings.EqualFold(name, "Content-Encoding") {
			continue
		}
		for _, value := range values {
			for _, coding := range strings.Split(value, ",") {
				if c := strings.TrimSpace(coding); c != "" && !strings.EqualFold(c, "identity") {
					return true
				}
			}
		}
	}
	return false
}

func reformatResponse(v reflect.Value, mode string) {
	headers := v.FieldByName("Headers").Interface().(http.Header)
	if !isJSONMedia(headers.Get("Content-Type")) || compressed(headers) {
		return
	}
	body := v.FieldByName("Body")
	if body.String() == "" {
		return
	}
	var buf bytes.Buffer
	var err error
	if mode == "compact" {
		err = json.Compact(&buf, []byte(body.String()))
	} else {
		err = json.Indent(&buf, []byte(body.String()), "", "  ")
	}
	if err != nil || buf.String() == body.String() {
		return
	}
	body.SetString(buf.String())
	if !lengthsCountBody(v) {
		return
	}
	n := buf.Len()
	if cl := v.FieldByName("ContentLength"); cl.IsValid() && cl.Int() >= 0 {
		cl.SetInt(int64(n))
	}
	for name, values := range headers {
		if !strings.EqualFold(name, "Content-Length") {
			continue
		}
		for i, value := range values {
			if _, err := strconv.ParseUint(value, 10, 63); err == nil && !strings.HasPrefix(value, "+") {
				values[i] = strconv.Itoa(n)
			}
		}
	}
}

// The recorded lengths count the stored body, unless the request was HEAD
// (reformatResponse sees the response only: its caller keeps the method in
// headMethod), the status has no body, or the transport decompressed it.
func lengthsCountBody(v reflect.Value) bool {
	if headMethod {
		return false
	}
	if u := v.FieldByName("Uncompressed"); u.IsValid() && u.Bool() {
		return false
	}
	if c := v.FieldByName("Code"); c.IsValid() {
		code := c.Int()
		if code < 200 || code == 204 || code == 304 {
			return false
		}
	}
	return true
}
