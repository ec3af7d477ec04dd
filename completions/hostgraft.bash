# bash completion for hostgraft
_hostgraft() {
  local cur prev words cword
  _init_completion 2>/dev/null || {
    cur=${COMP_WORDS[COMP_CWORD]}
    prev=${COMP_WORDS[COMP_CWORD-1]}
    cword=$COMP_CWORD
  }
  local commands="render lint check-cert vault migrate krm version help"
  local options="-f --values --set --secrets --at -v --verbose --format"
  case $prev in
    -f|--values|--bundle|--cert|--key|--ca|--from-route)
      COMPREPLY=($(compgen -f -- "$cur"))
      return ;;
    --secrets)
      COMPREPLY=($(compgen -W "vault none files:" -- "$cur"))
      [[ $cur == files:* ]] && COMPREPLY=($(compgen -P files: -d -- "${cur#files:}"))
      compopt -o nospace 2>/dev/null
      return ;;
    --format)
      COMPREPLY=($(compgen -W "text json sarif junit github" -- "$cur"))
      return ;;
    --fail-on)
      COMPREPLY=($(compgen -W "error warning" -- "$cur"))
      return ;;
    --at|--set|--host|--path)
      return ;;
  esac
  if [[ $cword -eq 1 && $cur != -* ]]; then
    COMPREPLY=($(compgen -W "$commands" -- "$cur"))
    return
  fi
  case ${COMP_WORDS[1]} in
    check-cert) options="$options --host --bundle --cert --key --ca" ;;
    vault) [[ $cword -eq 2 ]] && { COMPREPLY=($(compgen -W "put" -- "$cur")); return; }
           options="$options --host --cert --key --ca --bundle --path" ;;
    migrate) options="$options --from-route" ;;
    lint) options="$options --fail-on" ;;
  esac
  COMPREPLY=($(compgen -W "$options" -- "$cur"))
}
complete -F _hostgraft hostgraft
