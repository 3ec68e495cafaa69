# fish completion for cassette(1). Install: /usr/share/fish/vendor_completions.d/cassette.fish
set -l subcommands convert diff fmt lint redact show
set -l rules syntax duplicate-key version type required url method status duration id secret unknown-key content-length json-body proto header-name host form empty body-size format extra-document unused-suppression other-recorder
complete -c cassette -f
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -s h -l help -d 'Print help and exit'
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -s V -l version -d 'Print the version and library versions'
complete -c cassette -s q -l quiet -d 'Print only errors on stderr'
complete -c cassette -s v -l verbose -d 'Print the time each file took'
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -a convert -d 'Convert to HAR or JSON, from HAR, or between versions'
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -a diff -d 'Semantic diff of two cassettes'
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -a fmt -d "Rewrite cassettes in go-vcr's canonical layout"
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -a lint -d 'Check cassettes for errors, secrets and hygiene'
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -a redact -d 'Find secrets and replace them in place'
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -a show -d 'Print a readable view of a cassette'

# convert
complete -c cassette -n '__fish_seen_subcommand_from convert' -F
complete -c cassette -n '__fish_seen_subcommand_from convert' -l to -x -a 'har json v1 v2' -d 'Output format'
complete -c cassette -n '__fish_seen_subcommand_from convert' -l from -x -a 'har' -d 'Input format'
complete -c cassette -n '__fish_seen_subcommand_from convert' -s o -l output -r -F -d 'Write here instead of stdout'
complete -c cassette -n '__fish_seen_subcommand_from convert' -l start -x -d 'startedDateTime of the first HAR entry'
complete -c cassette -n '__fish_seen_subcommand_from convert' -l style -x -a 'yaml.v3 yaml.v2 compact' -d 'YAML layout of a written cassette'
complete -c cassette -n '__fish_seen_subcommand_from convert' -l include-url -x -d 'Keep entries whose URL matches'
complete -c cassette -n '__fish_seen_subcommand_from convert' -l exclude-url -x -d 'Drop entries whose URL matches'
complete -c cassette -n '__fish_seen_subcommand_from convert' -l only-xhr -d 'Keep only XHR/fetch requests'
complete -c cassette -n '__fish_seen_subcommand_from convert' -l redact -d 'Redact secrets before writing'
complete -c cassette -n '__fish_seen_subcommand_from convert' -s h -l help -d 'Print help'

# diff
complete -c cassette -n '__fish_seen_subcommand_from diff' -F
complete -c cassette -n '__fish_seen_subcommand_from diff' -l format -x -a 'text markdown json' -d 'Output format'
complete -c cassette -n '__fish_seen_subcommand_from diff' -l all -d 'Show volatile fields too'
complete -c cassette -n '__fish_seen_subcommand_from diff' -l ignore-header -x -d 'Also ignore this header'
complete -c cassette -n '__fish_seen_subcommand_from diff' -l ignore-json-path -x -d 'Also ignore this JSON path'
complete -c cassette -n '__fish_seen_subcommand_from diff' -l max-bytes -x -d 'Cut markdown output to this many bytes'
complete -c cassette -n '__fish_seen_subcommand_from diff' -l config -r -F -d 'Configuration file'
complete -c cassette -n '__fish_seen_subcommand_from diff' -l color -x -a 'auto always never' -d 'Colour the output'
complete -c cassette -n '__fish_seen_subcommand_from diff' -l git -d "Called as git's external diff driver"
complete -c cassette -n '__fish_seen_subcommand_from diff' -s h -l help -d 'Print help'

# fmt
complete -c cassette -n '__fish_seen_subcommand_from fmt' -F
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l check -d 'Write nothing; list files that would change'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -s o -l output -r -F -d 'Write the result here'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l style -x -a 'yaml.v2 yaml.v3 compact' -d 'Convert to another layout'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l pretty-json -d 'Re-indent JSON bodies as json.Indent'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l compact-json -d 'Compact JSON bodies as json.Compact'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l include-requests -d 'Change request bodies too'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -s h -l help -d 'Print help'

# lint
complete -c cassette -n '__fish_seen_subcommand_from lint' -F
complete -c cassette -n '__fish_seen_subcommand_from lint' -l format -x -a 'text json sarif github' -d 'Output format'
complete -c cassette -n '__fish_seen_subcommand_from lint' -l strict -d 'Exit 1 on warnings too'
complete -c cassette -n '__fish_seen_subcommand_from lint' -l config -r -F -d 'Configuration file'
complete -c cassette -n '__fish_seen_subcommand_from lint' -l select -x -a "$rules" -d 'Run only these rules'
complete -c cassette -n '__fish_seen_subcommand_from lint' -l ignore -x -a "$rules" -d 'Do not run these rules'
complete -c cassette -n '__fish_seen_subcommand_from lint' -l explain -x -a "$rules" -d "Print a rule's documentation"
complete -c cassette -n '__fish_seen_subcommand_from lint' -s j -l jobs -x -d 'Threads: files at a time, pieces of a big file'
complete -c cassette -n '__fish_seen_subcommand_from lint' -s h -l help -d 'Print help'

# redact
complete -c cassette -n '__fish_seen_subcommand_from redact' -F
complete -c cassette -n '__fish_seen_subcommand_from redact' -l check -d 'Write nothing; exit 1 if a secret would be redacted'
complete -c cassette -n '__fish_seen_subcommand_from redact' -l dry-run -d 'Print the diff of what would change'
complete -c cassette -n '__fish_seen_subcommand_from redact' -s o -l output -r -F -d 'Write the result here'
complete -c cassette -n '__fish_seen_subcommand_from redact' -l placeholder -x -d 'Replacement text'
complete -c cassette -n '__fish_seen_subcommand_from redact' -l config -r -F -d 'Configuration file'
complete -c cassette -n '__fish_seen_subcommand_from redact' -l report -x -a 'text json' -d 'Summary format'
complete -c cassette -n '__fish_seen_subcommand_from redact' -s h -l help -d 'Print help'

# show
complete -c cassette -n '__fish_seen_subcommand_from show' -F
complete -c cassette -n '__fish_seen_subcommand_from show' -l color -x -a 'auto always never' -d 'Colour the output'
complete -c cassette -n '__fish_seen_subcommand_from show' -l wrap -x -d 'Wrap body lines longer than this'
complete -c cassette -n '__fish_seen_subcommand_from show' -l config -r -F -d 'Configuration file (redact settings used for masking)'
complete -c cassette -n '__fish_seen_subcommand_from show' -s h -l help -d 'Print help'
