# zsh completion for runner: System.CommandLine answers `runner "[suggest:POSITION]" "LINE"` with the
# subcommands and options that fit at POSITION. Enable with: eval "$(runner completion zsh)"
_runner_complete() {
    local line="${BUFFER[1,CURSOR]}"
    local -a suggestions
    suggestions=("${(@f)$("${words[1]}" "[suggest:${#line}]" "$line" 2>/dev/null)}")
    suggestions=(${suggestions:#})
    if (( ${#suggestions} )); then compadd -a suggestions; else _files; fi
}
compdef _runner_complete runner
