// utilref: what Go's encoding/base64 and unicode/utf8 say about each input,
// for the differential tests of src/util/base64.cpp and src/util/utf8.cpp.
//
// stdin: records "<decimal length>\n<bytes>".
// stdout, per record:
//   "D <len>\n<bytes>" or "D -\n"  base64.StdEncoding.DecodeString
//   "E <len>\n<bytes>"             base64.StdEncoding.EncodeToString
//   "U <0|1> <runes>\n"            utf8.ValidString, utf8.RuneCountInString
package main

import (
	"bufio"
	"encoding/base64"
	"fmt"
	"io"
	"os"
	"strconv"
	"unicode/utf8"
)

func main() {
	r := bufio.NewReader(os.Stdin)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for {
		line, err := r.ReadString('\n')
		if err == io.EOF && line == "" {
			return
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad record header:", err)
			os.Exit(2)
		}
		n, err := strconv.Atoi(line[:len(line)-1])
		if err != nil {
			fmt.Fprintln(os.Stderr, "bad length:", err)
			os.Exit(2)
		}
		buf := make([]byte, n)
		if _, err := io.ReadFull(r, buf); err != nil {
			fmt.Fprintln(os.Stderr, "short record:", err)
			os.Exit(2)
		}
		s := string(buf)
		if dec, err := base64.StdEncoding.DecodeString(s); err != nil {
			fmt.Fprint(w, "D -\n")
		} else {
			fmt.Fprintf(w, "D %d\n%s", len(dec), dec)
		}
		enc := base64.StdEncoding.EncodeToString(buf)
		fmt.Fprintf(w, "E %d\n%s", len(enc), enc)
		valid := 0
		if utf8.ValidString(s) {
			valid = 1
		}
		fmt.Fprintf(w, "U %d %d\n", valid, utf8.RuneCountInString(s))
	}
}
