# fish completion for consult (installed in vendor_completions.d). The
# candidates, with their descriptions, come from `consult __complete`.
function __consult_complete
    set -l words (commandline -opc) (commandline -ct)
    set -l out ($words[1] __complete $words[2..-1] 2>/dev/null)
    if test "$out[1]" = ":files"
        __fish_complete_path (commandline -ct)
        return
    end
    printf '%s\n' $out
end
complete -c consult -f -a '(__consult_complete)'
