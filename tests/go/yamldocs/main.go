// yamldocs: what gopkg.in/yaml.v3 makes of a YAML stream with several
// documents, for the multi-document differential test
// (tests/unit/test_yaml_notes.cpp).
//
//	yamldocs FILE
//
// prints one line per document that yaml.v3's Decoder reads ("doc LINE KIND":
// the line of its root node's content, and its kind), then either "ok" or
// "error LINE MESSAGE" (LINE from yaml.v3's "yaml: line N: ..." text, 0 if
// none), and finally "unmarshal ok" or "unmarshal error": what go-vcr's
// loader (yaml.Unmarshal, which decodes the first document only) does.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"

	"gopkg.in/yaml.v3"
)

var lineRe = regexp.MustCompile(`line (\d+)`)

func kind(n *yaml.Node) string {
	if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
		n = n.Content[0]
	}
	switch n.Kind {
	case yaml.MappingNode:
		return "mapping"
	case yaml.SequenceNode:
		return "sequence"
	case yaml.ScalarNode:
		return "scalar"
	case yaml.AliasNode:
		return "alias"
	}
	return "other"
}

func main() {
	data, err := os.ReadFile(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			fmt.Println("ok")
			break
		}
		if err != nil {
			line := "0"
			if m := lineRe.FindStringSubmatch(err.Error()); m != nil {
				line = m[1]
			}
			fmt.Printf("error %s %s\n", line, err.Error())
			break
		}
		root := &n
		if n.Kind == yaml.DocumentNode && len(n.Content) > 0 {
			root = n.Content[0]
		}
		fmt.Printf("doc %d %s\n", root.Line, kind(&n))
	}
	var v map[string]interface{}
	if err := yaml.Unmarshal(data, &v); err != nil {
		fmt.Println("unmarshal error")
	} else {
		fmt.Println("unmarshal ok")
	}
}
