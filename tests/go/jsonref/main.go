// jsonref: what Go's encoding/json says about each input, for the
// differential tests of src/json/indent.cpp.
//
// stdin: records "<decimal length>\n<bytes>".
// stdout, per record: "I <len>\n<bytes>" or "I -\n" (json.Indent with "", "  "),
// then the same for "C" (json.Compact), then "V 1\n" or "V 0\n" (json.Valid).
package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
)

func emit(w *bufio.Writer, tag string, buf *bytes.Buffer, err error) {
	if err != nil {
		fmt.Fprintf(w, "%s -\n", tag)
		return
	}
	fmt.Fprintf(w, "%s %d\n", tag, buf.Len())
	w.Write(buf.Bytes())
}

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
		src := make([]byte, n)
		if _, err := io.ReadFull(r, src); err != nil {
			fmt.Fprintln(os.Stderr, "short record:", err)
			os.Exit(2)
		}
		var ind, cmp bytes.Buffer
		emit(w, "I", &ind, json.Indent(&ind, src, "", "  "))
		emit(w, "C", &cmp, json.Compact(&cmp, src))
		if json.Valid(src) {
			fmt.Fprint(w, "V 1\n")
		} else {
			fmt.Fprint(w, "V 0\n")
		}
	}
}
