# Drives zsh's completion system as a user does: an interactive zsh in a
# pseudo-terminal (zpty) runs compinit and sources SCRIPT (or, given a
# directory, autoloads _hostgraft from it as from $fpath), LINE is typed and
# TAB pressed, then a key bound to a widget that records the line and exits.
#   zsh -f zsh_complete.zsh SCRIPT|DIRECTORY LINE
# Prints each candidate the completion functions added ("candidate: " and
# the word as inserted, its compset prefix included), then "buffer: " and
# the line after TAB. Exit 1 when zsh did not answer within 20 seconds.
zmodload zsh/zpty || exit 3
local script=$1 line=$2
local out=${TMPDIR:-/tmp}/zsh-complete.$$
: >| $out
zpty complete env TERM=xterm HG_OUT=$out zsh -f -i
# No prompt, no listing (it could stop at "do you wish to see all"), no
# dump file; compadd wrapped to record what is added, except for calls
# with -O, -A or -D, which ask which words match and add none.
zpty -w complete 'PS1="" RPS1=""; unsetopt autolist beep'
if [[ -d $script ]]; then
  zpty -w complete "fpath=(${(q)script} \$fpath); autoload -Uz compinit; compinit -u -D"
else
  zpty -w complete "autoload -Uz compinit; compinit -u -D; source ${(q)script}"
fi
zpty -w complete 'compadd() {
  local dash=${@[(i)--]}
  if (( ${${@[1,dash-1]}[(I)-[OAD]*]} )); then builtin compadd "$@"; return; fi
  local -a found
  builtin compadd -O found "$@"
  local w
  for w in $found; do print -r -- "candidate: $IPREFIX$w" >> $HG_OUT; done
  builtin compadd "$@"
}'
zpty -w complete 'record-and-exit() { print -r -- "buffer: $BUFFER" >> $HG_OUT; print -r -- done >> $HG_OUT; exit }'
zpty -w complete 'zle -N record-and-exit; bindkey "^T" record-and-exit'
zpty -n -w complete "$line"$'\t'
zpty -n -w complete $'\x14'
local deadline=$(( SECONDS + 20 )) chunk
while (( SECONDS < deadline )); do
  zpty -rt complete chunk 2>/dev/null
  [[ -n ${(M)${(f)"$(<$out)"}:#done} ]] && break
  sleep 0.05
done
zpty -d complete
local -a result=("${(@f)$(<$out)}")
rm -f $out
[[ $result[-1] == done ]] || { print -r -- "zsh did not complete: ${(j:|:)result}" >&2; exit 1 }
print -rl -- "${(@)result[1,-2]}"
