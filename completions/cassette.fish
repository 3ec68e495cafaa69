# fish completion for cassette(1). Install: /usr/share/fish/vendor_completions.d/cassette.fish
set -l subcommands fmt show
complete -c cassette -f
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -s h -l help -d 'Print help and exit'
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -s V -l version -d 'Print the version and library versions'
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -a fmt -d "Rewrite cassettes in go-vcr's canonical layout"
complete -c cassette -n "not __fish_seen_subcommand_from $subcommands" -a show -d 'Print a readable view of a cassette'

# fmt
complete -c cassette -n '__fish_seen_subcommand_from fmt' -F
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l check -d 'Write nothing; list files that would change'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -s o -l output -r -F -d 'Write the result here'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l style -x -a 'yaml.v2 yaml.v3 compact' -d 'Convert to another layout'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l pretty-json -d 'Re-indent JSON bodies as json.Indent'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l compact-json -d 'Compact JSON bodies as json.Compact'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -l include-requests -d 'Change request bodies too'
complete -c cassette -n '__fish_seen_subcommand_from fmt' -s h -l help -d 'Print help'

# show
complete -c cassette -n '__fish_seen_subcommand_from show' -F
complete -c cassette -n '__fish_seen_subcommand_from show' -l color -x -a 'auto always never' -d 'Colour the output'
complete -c cassette -n '__fish_seen_subcommand_from show' -l wrap -x -d 'Wrap body lines longer than this'
complete -c cassette -n '__fish_seen_subcommand_from show' -s h -l help -d 'Print help'
