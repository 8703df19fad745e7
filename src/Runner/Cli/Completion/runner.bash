# bash completion for runner: System.CommandLine answers `runner "[suggest:POSITION]" "LINE"` with the
# subcommands and options that fit at POSITION. Enable with: eval "$(runner completion bash)"
_runner_complete() {
    local IFS=$'\n'
    local line="${COMP_LINE:0:COMP_POINT}"
    local suggestions
    suggestions="$("${COMP_WORDS[0]}" "[suggest:${#line}]" "$line" 2>/dev/null)" || return 0
    COMPREPLY=($(compgen -W "$suggestions" -- "${COMP_WORDS[COMP_CWORD]}"))
}
complete -o default -F _runner_complete runner
