# bash completion for cassette(1). Install: /usr/share/bash-completion/completions/cassette
_cassette() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
    fi
    local subcommands="convert diff fmt lint redact show"
    local rules="syntax duplicate-key version type required url method status duration id secret unknown-key content-length json-body proto header-name host form empty body-size format extra-document unused-suppression other-recorder"
    local sub="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in -*) ;; *) sub=${words[i]}; break ;; esac
    done
    if [[ -z $sub ]]; then
        COMPREPLY=($(compgen -W "$subcommands --help --version --quiet --verbose -h -V -q -v" -- "$cur"))
        return
    fi
    local opts=""
    case $prev in
    -o|--output|--config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
    esac
    case $sub in
    convert)
        case $prev in
        --to) COMPREPLY=($(compgen -W "har json v1 v2" -- "$cur")); return ;;
        --from) COMPREPLY=($(compgen -W "har" -- "$cur")); return ;;
        --style) COMPREPLY=($(compgen -W "yaml.v3 yaml.v2 compact" -- "$cur")); return ;;
        --start|--include-url|--exclude-url) return ;;
        esac
        opts="--to --from -o --output --start --style --include-url --exclude-url --only-xhr --redact --help -h" ;;
    diff)
        case $prev in
        --format) COMPREPLY=($(compgen -W "text markdown json" -- "$cur")); return ;;
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --ignore-header|--ignore-json-path|--max-bytes) return ;;
        esac
        opts="--format --all --ignore-header --ignore-json-path --max-bytes --config --color --git --help -h" ;;
    fmt)
        case $prev in
        --style) COMPREPLY=($(compgen -W "yaml.v2 yaml.v3 compact" -- "$cur")); return ;;
        esac
        opts="--check -o --output --style --pretty-json --compact-json --include-requests --help -h" ;;
    lint)
        case $prev in
        --format) COMPREPLY=($(compgen -W "text json sarif github" -- "$cur")); return ;;
        --select|--ignore|--explain) COMPREPLY=($(compgen -W "$rules" -- "${cur##*,}")); return ;;
        -j|--jobs) return ;;
        esac
        opts="--format --strict --config --select --ignore --explain -j --jobs --help -h" ;;
    redact)
        case $prev in
        --report) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
        --placeholder) return ;;
        esac
        opts="--check --dry-run -o --output --placeholder --config --report --help -h" ;;
    show)
        case $prev in
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --wrap) return ;;
        esac
        opts="--color --wrap --config --help -h" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|har|json)' -- "$cur") $(compgen -d -- "$cur"))
    fi
}
complete -o filenames -F _cassette cassette
