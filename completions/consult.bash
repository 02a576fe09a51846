# bash completion for consult (installed as
# /usr/share/bash-completion/completions/consult). The candidates come from
# `consult __complete`, which knows the commands, their options, the
# configured communities and the ids in the ledger.
_consult() {
  local cur=${COMP_WORDS[COMP_CWORD]}
  local out line
  local IFS=$'\n'
  out=$("${COMP_WORDS[0]}" __complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null) || return 0
  COMPREPLY=()
  if [[ $out == ":files" ]]; then
    compopt -o filenames 2>/dev/null
    COMPREPLY=($(compgen -f -- "$cur"))
    return 0
  fi
  for line in $out; do
    COMPREPLY+=("${line%%$'\t'*}")
  done
  return 0
}
complete -F _consult consult
