# PowerShell completion for runner: System.CommandLine answers `runner "[suggest:POSITION]" "LINE"` with
# the subcommands and options that fit at POSITION. Enable with: runner completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName runner -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    runner "[suggest:$cursorPosition]" "$commandAst" | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
