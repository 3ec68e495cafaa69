# bash completion for cassette(1). Install: /usr/share/bash-completion/completions/cassette
_cassette() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null; then
        _init_completion || return
    else
        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD
    fi
    local subcommands="fmt show"
    local sub="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in -*) ;; *) sub=${words[i]}; break ;; esac
    done
    if [[ -z $sub ]]; then
        COMPREPLY=($(compgen -W "$subcommands --help --version -h -V" -- "$cur"))
        return
    fi
    local opts=""
    case $sub in
    fmt)
        case $prev in
        --style) COMPREPLY=($(compgen -W "yaml.v2 yaml.v3 compact" -- "$cur")); return ;;
        -o|--output) COMPREPLY=($(compgen -f -- "$cur")); return ;;
        esac
        opts="--check -o --output --style --pretty-json --compact-json --include-requests --help -h" ;;
    show)
        case $prev in
        --color) COMPREPLY=($(compgen -W "auto always never" -- "$cur")); return ;;
        --wrap) return ;;
        esac
        opts="--color --wrap --help -h" ;;
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$opts" -- "$cur"))
    else
        COMPREPLY=($(compgen -f -X '!*.@(yaml|yml|har|json)' -- "$cur") $(compgen -d -- "$cur"))
    fi
}
complete -o filenames -F _cassette cassette
