// govcrmatch replays requests through the real go-vcr v1 (Debian's
// golang-github-dnaeon-go-vcr-dev 1.2.0, github.com/dnaeon/go-vcr/cassette):
// for the differential test of `cassette match` (tests/unit/test_go_match.cpp).
//
//	govcrmatch [--repeat] CASSETTE REQUESTS
//
// Both files are loaded with go-vcr's own cassette.Load (the names without
// ".yaml"). Each interaction of REQUESTS becomes the request a Go client
// sends (http.NewRequest with its method, URL, body and headers) and goes
// through Cassette.GetInteraction, go-vcr's replay lookup with its
// DefaultMatcher. One line per request: the index of the interaction
// replayed, "-" for ErrInteractionNotFound, "E" when the request cannot be
// built (its URL does not parse).
package main

import (
	"fmt"
	"net/http"
	"os"
	"strings"

	"github.com/dnaeon/go-vcr/cassette"
)

func load(path string) *cassette.Cassette {
	c, err := cassette.Load(strings.TrimSuffix(path, ".yaml"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(2)
	}
	return c
}

func main() {
	args := os.Args[1:]
	repeat := false
	if len(args) > 0 && args[0] == "--repeat" {
		repeat = true
		args = args[1:]
	}
	if len(args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: govcrmatch [--repeat] CASSETTE REQUESTS")
		os.Exit(2)
	}
	c := load(args[0])
	c.ReplayableInteractions = repeat
	requests := load(args[1])
	index := map[*cassette.Interaction]int{}
	for k, i := range c.Interactions {
		index[i] = k
	}
	for _, r := range requests.Interactions {
		req, err := http.NewRequest(r.Request.Method, r.Request.URL, strings.NewReader(r.Request.Body))
		if err != nil {
			fmt.Println("E")
			continue
		}
		for k, vs := range r.Request.Headers {
			req.Header[k] = vs
		}
		i, err := c.GetInteraction(req)
		if err != nil {
			fmt.Println("-")
			continue
		}
		fmt.Println(index[i])
	}
}
