# bash completion for hostgraft; made by `hostgraft completion bash`.

# COMPREPLY: the words of $1 that start with $2.
_hostgraft_words() {
  mapfile -t COMPREPLY < <(compgen -W "$1" -- "$2")
}

# COMPREPLY: files (-f) or directories (-d) that start with $2.
_hostgraft_paths() {
  mapfile -t COMPREPLY < <(compgen "$1" -- "$2")
  compopt -o filenames 2>/dev/null
}

# --secrets: vault, none, or files: and a directory.
_hostgraft_secrets() {
  if [[ $1 == files:* ]]; then
    _hostgraft_paths -d "${1#files:}"
    COMPREPLY=("${COMPREPLY[@]/#/files:}")
  else
    _hostgraft_words 'vault none files:' "$1"
    [[ ${COMPREPLY[*]} == files: ]] && compopt -o nospace 2>/dev/null
  fi
}

# Puts back the --option= the value was typed after ($2), then drops what
# bash does not replace: the word up to its last COMP_WORDBREAKS character
# (files: of files:DIR, as ':' is one).
_hostgraft_finish() {
  local word=$1 i
  [[ -n $2 ]] && COMPREPLY=("${COMPREPLY[@]/#/"$2"}")
  for (( i = ${#word} - 1; i >= 0; i-- )); do
    if [[ $COMP_WORDBREAKS == *"${word:i:1}"* ]]; then
      COMPREPLY=("${COMPREPLY[@]#"${word:0:i+1}"}")
      return
    fi
  done
}

_hostgraft() {
  # The words up to the cursor, split at blanks only: bash's COMP_WORDS
  # would also split files:DIR and --option=value.
  local IFS=$' \t\n' line=${COMP_LINE:0:COMP_POINT}
  local -a words
  read -ra words <<< "$line"
  [[ ${#words[@]} -eq 0 || $line == *[[:space:]] ]] && words+=("")
  local n=${#words[@]}
  local word=${words[n-1]} cur=${words[n-1]} prev= head=
  (( n > 1 )) && prev=${words[n-2]}
  if [[ $word == --*=* ]]; then
    prev=${word%%=*} cur=${word#*=} head=${word%%=*}=
  fi
  COMPREPLY=()
  # The command, render when the first word is an option; `at`: the index
  # of the first word after it.
  local command=render at=1 options
  if (( n == 2 )) && [[ $cur != -* ]]; then
    _hostgraft_words 'render lint check-cert vault migrate krm diff version help completion' "$cur"
    _hostgraft_finish "$word" ""
    return
  elif (( n > 2 )) && [[ ${words[1]} != -* ]]; then
    command=${words[1]} at=2
    case $command in
      vault)
        if (( n == 3 )); then _hostgraft_words 'put' "$cur"; _hostgraft_finish "$word" ""; return; fi
        command="vault ${words[2]}" at=3 ;;
    esac
  fi
  case $command in
    render) options='--version -f --values --set --secrets --at -v --verbose --format -h --help' ;;
    lint) options='--fail-on --input -f --values --set --secrets --at -v --verbose --format -h --help' ;;
    check-cert) options='--host --bundle --cert --key --ca -f --values --set --secrets --at -v --verbose --format -h --help' ;;
    'vault put') options='--host --cert --key --ca --path --portal --registry -f --values --set --secrets --at -v --verbose --format -h --help' ;;
    migrate) options='--from-route --out-dir -f --values --set --secrets --at -v --verbose --format -h --help' ;;
    krm) options='-f --values --set --secrets --at -v --verbose --format -h --help' ;;
    diff) options='-f --values --set --secrets --at -v --verbose --format -h --help' ;;
    version) options='-h --help' ;;
    help) options='-h --help' ;;
    completion) options='-h --help' ;;
    *) return ;;
  esac
  local valued=
  if { [[ -n $head ]] || (( n - 2 >= at )); } && [[ " $options " == *" $prev "* ]]; then
    # The value of the option before the cursor.
    valued=1
    case $prev in
      --secrets) _hostgraft_secrets "$cur" ;;
      --format) _hostgraft_words 'text json sarif junit github' "$cur" ;;
      --fail-on) _hostgraft_words 'error warning never' "$cur" ;;
      --portal) _hostgraft_words 'officer citizen' "$cur" ;;
      -f|--values|--input|--bundle|--cert|--key|--ca|--from-route) _hostgraft_paths -f "$cur" ;;
      --out-dir) _hostgraft_paths -d "$cur" ;;
      --set|--at|--host|--path|--registry) ;;  # free text
        *) valued= ;;  # a switch: no value follows it
    esac
  fi
  if [[ -z $valued && $cur == -* ]]; then
    _hostgraft_words "$options" "$cur"
  elif [[ -z $valued ]]; then
    case $command in
      help)
        if (( n - 1 == at )); then _hostgraft_words 'render lint check-cert vault migrate krm diff version help completion' "$cur"
        elif (( n - 2 == at )) && [[ $prev == vault ]]; then _hostgraft_words 'put' "$cur"
        fi ;;
      completion) (( n - 1 == at )) && _hostgraft_words 'bash zsh fish' "$cur" ;;
    esac
  fi
  _hostgraft_finish "$word" "$head"
}

complete -F _hostgraft hostgraft
