package main

// Stand-ins for go-vcr's cassette structs (see shared/FORMAT.md section 2).
// Only what yaml.Marshal/Unmarshal can see matters here: the yaml tags, the
// field order and the Go types. Fields go-vcr tags `yaml:"-"` (Name, File,
// Matcher, filters, hooks, ...) and unexported fields are left out because
// the YAML libraries never touch them.

import (
	"net/http"
	"net/url"
	"sync"
	"time"
)

// ---------------------------------------------------------------- format 1
// go-vcr v1.x / v2.x (`version: 1`). Request and Response are *embedded* in
// Interaction with a yaml tag, which the YAML libraries treat like a named
// field (no inlining): `- request: {...}` / `  response: {...}`.

type RequestV1 struct {
	Body    string      `yaml:"body"`
	Form    url.Values  `yaml:"form"`
	Headers http.Header `yaml:"headers"`
	URL     string      `yaml:"url"`
	Method  string      `yaml:"method"`
}

// Before 2018-03-23: no duration at all.
type ResponseV1None struct {
	Body    string      `yaml:"body"`
	Headers http.Header `yaml:"headers"`
	Status  string      `yaml:"status"`
	Code    int         `yaml:"code"`
}

// 2018-03-23 .. v1.2.0: Duration string (recorder never filled it: `duration: ""`).
type ResponseV1String struct {
	Body     string      `yaml:"body"`
	Headers  http.Header `yaml:"headers"`
	Status   string      `yaml:"status"`
	Code     int         `yaml:"code"`
	Duration string      `yaml:"duration"`
}

// v1 branch head (2021-06-11) and v2.x: Duration time.Duration.
type ResponseV1Time struct {
	Body     string        `yaml:"body"`
	Headers  http.Header   `yaml:"headers"`
	Status   string        `yaml:"status"`
	Code     int           `yaml:"code"`
	Duration time.Duration `yaml:"duration"`
}

type InteractionV1None struct {
	RequestV1      `yaml:"request"`
	ResponseV1None `yaml:"response"`
}

type InteractionV1String struct {
	RequestV1        `yaml:"request"`
	ResponseV1String `yaml:"response"`
}

type InteractionV1Time struct {
	RequestV1      `yaml:"request"`
	ResponseV1Time `yaml:"response"`
}

// The cassette of format 1 after 2018-05-03 ([mutex]): `Mu` is a struct with
// no exported fields, hence always "zero" and never emitted.
type CassetteV1None struct {
	Version      int                  `yaml:"version"`
	Mu           sync.RWMutex         `yaml:"mu,omitempty"`
	Interactions []*InteractionV1None `yaml:"interactions"`
}

type CassetteV1String struct {
	Version      int                    `yaml:"version"`
	Mu           sync.RWMutex           `yaml:"mu,omitempty"`
	Interactions []*InteractionV1String `yaml:"interactions"`
}

type CassetteV1Time struct {
	Version      int                  `yaml:"version"`
	Mu           sync.RWMutex         `yaml:"mu,omitempty"`
	Interactions []*InteractionV1Time `yaml:"interactions"`
}

// ---------------------------------------------------------------- format 2, all fields
// go-vcr v3.0.0 .. v4.0.2: no omitempty anywhere (v3 also carries
// `Mu sync.RWMutex yaml:"mu,omitempty"`, never emitted; v4 made it yaml:"-").

type RequestV2All struct {
	Proto            string      `yaml:"proto"`
	ProtoMajor       int         `yaml:"proto_major"`
	ProtoMinor       int         `yaml:"proto_minor"`
	ContentLength    int64       `yaml:"content_length"`
	TransferEncoding []string    `yaml:"transfer_encoding"`
	Trailer          http.Header `yaml:"trailer"`
	Host             string      `yaml:"host"`
	RemoteAddr       string      `yaml:"remote_addr"`
	RequestURI       string      `yaml:"request_uri"`
	Body             string      `yaml:"body"`
	Form             url.Values  `yaml:"form"`
	Headers          http.Header `yaml:"headers"`
	URL              string      `yaml:"url"`
	Method           string      `yaml:"method"`
}

type ResponseV2All struct {
	Proto            string        `yaml:"proto"`
	ProtoMajor       int           `yaml:"proto_major"`
	ProtoMinor       int           `yaml:"proto_minor"`
	TransferEncoding []string      `yaml:"transfer_encoding"`
	Trailer          http.Header   `yaml:"trailer"`
	ContentLength    int64         `yaml:"content_length"`
	Uncompressed     bool          `yaml:"uncompressed"`
	Body             string        `yaml:"body"`
	Headers          http.Header   `yaml:"headers"`
	Status           string        `yaml:"status"`
	Code             int           `yaml:"code"`
	Duration         time.Duration `yaml:"duration"`
}

type InteractionV2All struct {
	ID       int           `yaml:"id"`
	Request  RequestV2All  `yaml:"request"`
	Response ResponseV2All `yaml:"response"`
}

type CassetteV2All struct {
	Mu           sync.RWMutex        `yaml:"mu,omitempty"`
	Version      int                 `yaml:"version"`
	Interactions []*InteractionV2All `yaml:"interactions"`
}

// ---------------------------------------------------------------- format 2, omitempty
// go-vcr v4.0.3+ (#110): omitempty on the fields FORMAT.md 2.2 marks.

type RequestV2Omit struct {
	Proto            string      `yaml:"proto"`
	ProtoMajor       int         `yaml:"proto_major"`
	ProtoMinor       int         `yaml:"proto_minor"`
	ContentLength    int64       `yaml:"content_length"`
	TransferEncoding []string    `yaml:"transfer_encoding,omitempty"`
	Trailer          http.Header `yaml:"trailer,omitempty"`
	Host             string      `yaml:"host"`
	RemoteAddr       string      `yaml:"remote_addr,omitempty"`
	RequestURI       string      `yaml:"request_uri,omitempty"`
	Body             string      `yaml:"body,omitempty"`
	Form             url.Values  `yaml:"form,omitempty"`
	Headers          http.Header `yaml:"headers,omitempty"`
	URL              string      `yaml:"url"`
	Method           string      `yaml:"method"`
}

type ResponseV2Omit struct {
	Proto            string        `yaml:"proto"`
	ProtoMajor       int           `yaml:"proto_major"`
	ProtoMinor       int           `yaml:"proto_minor"`
	TransferEncoding []string      `yaml:"transfer_encoding,omitempty"`
	Trailer          http.Header   `yaml:"trailer,omitempty"`
	ContentLength    int64         `yaml:"content_length"`
	Uncompressed     bool          `yaml:"uncompressed,omitempty"`
	Body             string        `yaml:"body"`
	Headers          http.Header   `yaml:"headers"`
	Status           string        `yaml:"status"`
	Code             int           `yaml:"code"`
	Duration         time.Duration `yaml:"duration"`
}

type InteractionV2Omit struct {
	ID       int            `yaml:"id"`
	Request  RequestV2Omit  `yaml:"request"`
	Response ResponseV2Omit `yaml:"response"`
}

type CassetteV2Omit struct {
	Version      int                  `yaml:"version"`
	Interactions []*InteractionV2Omit `yaml:"interactions"`
}
