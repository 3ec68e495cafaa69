// httpref answers questions about Go's net/http, net/url and time packages
// for the differential tests of src/util/http* and src/util/duration*.
//
// Input: one request per line, "<op> <arg>...". Arguments are hex-encoded
// bytes ("-" for none), except integers. Output: one line per request, space-separated
// fields; byte strings are written as "x" + hex (so "" is "x"), "E" means
// Go returned an error.
package main

import (
	"bufio"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"time"
)

func x(s string) string { return "x" + hex.EncodeToString([]byte(s)) }

func b(v bool) string {
	if v {
		return "1"
	}
	return "0"
}

// "-" stands for the empty string (strings.Fields drops empty fields).
func arg(s string) string {
	if s == "-" {
		return ""
	}
	d, err := hex.DecodeString(s)
	if err != nil {
		fmt.Fprintln(os.Stderr, "bad hex:", s)
		os.Exit(2)
	}
	return string(d)
}

func answer(op string, args []string) string {
	a := func(i int) string {
		if i < len(args) {
			return arg(args[i])
		}
		return ""
	}
	switch op {
	case "pd": // time.ParseDuration
		d, err := time.ParseDuration(a(0))
		if err != nil {
			return "E"
		}
		return strconv.FormatInt(int64(d), 10)
	case "fd": // Duration.String
		n, _ := strconv.ParseInt(args[0], 10, 64)
		return x(time.Duration(n).String())
	case "ck": // http.CanonicalHeaderKey
		return x(http.CanonicalHeaderKey(a(0)))
	case "vm": // validMethod, through NewRequest
		_, err := http.NewRequest(a(0), "http://example.com/", nil)
		return b(err == nil)
	case "st": // http.StatusText
		n, _ := strconv.Atoi(args[0])
		return x(http.StatusText(n))
	case "pu": // url.Parse
		u, err := url.Parse(a(0))
		if err != nil {
			return "E"
		}
		user, pass, hasUser, hasPass := "", "", false, false
		if u.User != nil {
			hasUser = true
			user = u.User.Username()
			pass, hasPass = u.User.Password()
		}
		return strings.Join([]string{x(u.Scheme), x(u.Opaque), b(hasUser), x(user), b(hasPass), x(pass),
			x(u.Host), x(u.Hostname()), x(u.Port()), x(u.Path), x(u.RawQuery), b(u.ForceQuery), x(u.Fragment)}, " ")
	case "pq": // url.ParseQuery
		m, err := url.ParseQuery(a(0))
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		out := []string{b(err != nil)}
		for _, k := range keys {
			out = append(out, x(k), strconv.Itoa(len(m[k])))
			for _, v := range m[k] {
				out = append(out, x(v))
			}
		}
		return strings.Join(out, " ")
	case "qe":
		return x(url.QueryEscape(a(0)))
	case "qu":
		s, err := url.QueryUnescape(a(0))
		if err != nil {
			return "E"
		}
		return x(s)
	case "ps":
		s, err := url.PathUnescape(a(0))
		if err != nil {
			return "E"
		}
		return x(s)
	case "rc": // Request.Cookies
		r := &http.Request{Header: http.Header{"Cookie": {a(0)}}}
		out := []string{}
		for _, c := range r.Cookies() {
			out = append(out, x(c.Name), x(c.Value))
		}
		return strings.Join(append([]string{strconv.Itoa(len(out) / 2)}, out...), " ")
	case "sc": // Response.Cookies
		r := &http.Response{Header: http.Header{"Set-Cookie": {a(0)}}}
		cs := r.Cookies()
		if len(cs) == 0 {
			return "N"
		}
		c := cs[0]
		return strings.Join([]string{x(c.Name), x(c.Value), x(c.Path), x(c.Domain), b(c.Secure), b(c.HttpOnly)}, " ")
	case "ba": // Request.BasicAuth
		r := &http.Request{Header: http.Header{"Authorization": {a(0)}}}
		u, p, ok := r.BasicAuth()
		if !ok {
			return "E"
		}
		return x(u) + " " + x(p)
	case "mb": // Request.SetBasicAuth
		r := &http.Request{Header: http.Header{}}
		r.SetBasicAuth(a(0), a(1))
		return x(r.Header.Get("Authorization"))
	}
	fmt.Fprintln(os.Stderr, "unknown op:", op)
	os.Exit(2)
	return ""
}

func main() {
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	for in.Scan() {
		f := strings.Fields(in.Text())
		if len(f) == 0 {
			continue
		}
		fmt.Fprintln(out, answer(f[0], f[1:]))
	}
}
