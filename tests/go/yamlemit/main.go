// yamlemit marshals strings with the real gopkg.in/yaml.v2 and yaml.v3
// emitters, inside go-vcr-shaped documents, so the C++ scalar emitter can be
// compared against them byte for byte.
//
// Usage:
//
//	yamlemit [-nowrap] emit < items.json   items: [{"b64": "<base64 of the value>"}, ...]
//	yamlemit sort < keys.json             keys:  ["<base64 of a key>", ...]
//
// emit prints, per item, base64 of whole documents (the test cuts the scalar
// out): v2_body, v2_hdr, v2_key (yaml.v2, go-vcr v1 layout: body key at
// column 4, header value "- " at column 6, header name at column 6) and
// v3_body, v3_hdr, v3_key (yaml.v3, go-vcr v3 layout: body key at column 8,
// header value "- " at column 16, header name at column 12). A field named
// zz_end follows each scalar so its end is unambiguous.
// sort prints the keys in the order each library writes a map with them.
package main

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"

	yaml2 "gopkg.in/yaml.v2"
	yaml3 "gopkg.in/yaml.v3"
)

// go-vcr v1 shapes (yaml.v2 era).
type v1Request struct {
	Body    string              `yaml:"body"`
	Headers map[string][]string `yaml:"headers"`
	ZzEnd   string              `yaml:"zz_end"`
}
type v1Interaction struct {
	Request v1Request `yaml:"request"`
}
type v1Cassette struct {
	Version      int             `yaml:"version"`
	Interactions []v1Interaction `yaml:"interactions"`
}

// go-vcr v3/v4 shapes (yaml.v3 era).
type v2Request struct {
	Proto   string              `yaml:"proto"`
	Body    string              `yaml:"body"`
	Headers map[string][]string `yaml:"headers"`
	ZzEnd   string              `yaml:"zz_end"`
}
type v2Interaction struct {
	ID      int       `yaml:"id"`
	Request v2Request `yaml:"request"`
}
type v2Cassette struct {
	Version      int             `yaml:"version"`
	Interactions []v2Interaction `yaml:"interactions"`
}

type result struct {
	V2Body string `json:"v2_body"`
	V2Hdr  string `json:"v2_hdr"`
	V2Key  string `json:"v2_key"`
	V3Body string `json:"v3_body"`
	V3Hdr  string `json:"v3_hdr"`
	V3Key  string `json:"v3_key"`
	Err    string `json:"err,omitempty"`
}

func b64(b []byte) string { return base64.StdEncoding.EncodeToString(b) }

func marshal(res *result, f func(interface{}) ([]byte, error), v interface{}) string {
	out, err := f(v)
	if err != nil {
		res.Err += err.Error() + "; "
		return ""
	}
	return b64(out)
}

func emitOne(s string) (res result) {
	defer func() {
		if r := recover(); r != nil {
			res.Err += fmt.Sprint(r)
		}
	}()
	hdr := func(v string) map[string][]string { return map[string][]string{"X-Test": {v}} }
	key := func(k string) map[string][]string { return map[string][]string{k: {}} }
	res.V2Body = marshal(&res, yaml2.Marshal, v1Cassette{1, []v1Interaction{{v1Request{Body: s, ZzEnd: "e"}}}})
	res.V2Hdr = marshal(&res, yaml2.Marshal, v1Cassette{1, []v1Interaction{{v1Request{Body: "b", Headers: hdr(s), ZzEnd: "e"}}}})
	res.V2Key = marshal(&res, yaml2.Marshal, v1Cassette{1, []v1Interaction{{v1Request{Body: "b", Headers: key(s), ZzEnd: "e"}}}})
	res.V3Body = marshal(&res, yaml3.Marshal, v2Cassette{2, []v2Interaction{{0, v2Request{Proto: "HTTP/1.1", Body: s, ZzEnd: "e"}}}})
	res.V3Hdr = marshal(&res, yaml3.Marshal, v2Cassette{2, []v2Interaction{{0, v2Request{Proto: "HTTP/1.1", Body: "b", Headers: hdr(s), ZzEnd: "e"}}}})
	res.V3Key = marshal(&res, yaml3.Marshal, v2Cassette{2, []v2Interaction{{0, v2Request{Proto: "HTTP/1.1", Body: "b", Headers: key(s), ZzEnd: "e"}}}})
	return res
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "yamlemit:", err)
	os.Exit(1)
}

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "-nowrap" {
		yaml2.FutureLineWrap()
		args = args[1:]
	}
	if len(args) != 1 {
		fail(fmt.Errorf("usage: yamlemit [-nowrap] emit|sort < input.json"))
	}
	dec := json.NewDecoder(os.Stdin)
	enc := json.NewEncoder(os.Stdout)
	switch args[0] {
	case "emit":
		var items []struct {
			B64 string `json:"b64"`
		}
		if err := dec.Decode(&items); err != nil {
			fail(err)
		}
		out := make([]result, 0, len(items))
		for _, it := range items {
			v, err := base64.StdEncoding.DecodeString(it.B64)
			if err != nil {
				fail(err)
			}
			out = append(out, emitOne(string(v)))
		}
		if err := enc.Encode(out); err != nil {
			fail(err)
		}
	case "sort":
		var keys []string
		if err := dec.Decode(&keys); err != nil {
			fail(err)
		}
		m := map[string]int{}
		for i, k := range keys {
			v, err := base64.StdEncoding.DecodeString(k)
			if err != nil {
				fail(err)
			}
			m[string(v)] = i
		}
		// Marshal the map, read it back in document order, and report each
		// key by its input index (keys can be any bytes).
		order := func(data []byte, unmarshal func([]byte, interface{}) error) []int {
			var ms yaml2.MapSlice
			if err := unmarshal(data, &ms); err != nil {
				fail(err)
			}
			idx := make([]int, 0, len(ms))
			for _, item := range ms {
				idx = append(idx, item.Value.(int))
			}
			return idx
		}
		d2, err := yaml2.Marshal(m)
		if err != nil {
			fail(err)
		}
		d3, err := yaml3.Marshal(m)
		if err != nil {
			fail(err)
		}
		// yaml.v2's MapSlice keeps order; both documents are plain block
		// mappings of int values, so yaml.v2 can read the yaml.v3 one too.
		res := map[string][]int{"v2": order(d2, yaml2.Unmarshal), "v3": order(d3, yaml2.Unmarshal)}
		if err := enc.Encode(res); err != nil {
			fail(err)
		}
	default:
		fail(fmt.Errorf("unknown mode %q", args[0]))
	}
}
