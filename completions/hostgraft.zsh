#compdef hostgraft
# zsh completion for hostgraft; made by `hostgraft completion zsh`.

_hostgraft_commands() {
  local -a commands=(
    'render:graft the custom hosts onto a rendered stream, stdin to stdout (the default command)'
    'lint:report every place a configured custom host is not wired; changes nothing'
    'check-cert:check a certificate, its key and chain against a host'
    'vault:check TLS material, then store it in Vault where render will read it'
    'migrate:rewrite old values into the current shapes, and carry a Route'\''s certificate out'
    'krm:KRM function: a ResourceList on stdin, the transformed ResourceList on stdout'
    'diff:show what render would change, as a unified diff per resource'
    'version:print the version and the linked libraries'
    'help:print the usage, or the help of one command'
    'completion:print the completion script for bash, zsh or fish'
  )
  _describe -t commands 'hostgraft command' commands
}

# The subcommands of the word before the cursor, such as put of vault.
_hostgraft_subcommands() {
  case $words[CURRENT-1] in
    vault) local -a subcommands=('put:check TLS material, then store it in Vault where render will read it')
      _describe -t commands 'vault command' subcommands ;;
  esac
}

# --secrets: vault, none, or files: and a directory.
_hostgraft_secrets() {
  if compset -P 'files:'; then
    _files -/
  else
    compadd -- vault none
    compadd -S '' -- files:
  fi
}

_hostgraft() {
  local command=render
  # The command (render when the first word is an option), then the words
  # from its options on, for _arguments.
  if (( CURRENT == 2 )) && [[ $words[2] != -* ]]; then
    _hostgraft_commands
    return
  fi
  if [[ $words[2] != -* ]]; then
    command=$words[2]
    shift words; (( CURRENT-- ))
  fi
  case $command in
    vault)
      if (( CURRENT == 2 )); then _hostgraft_subcommands; return; fi
      command="vault $words[2]"
      shift words; (( CURRENT-- )) ;;
  esac
  case $command in
    render)
      _arguments \
        --version'[print the version, as hostgraft version does]' \
        '*'{-f,--values}'[Helm values file (repeatable, merged like Helm)]:values:_files' \
        '*'--set'[override one value (repeatable)]:set: ' \
        --secrets'[where TLS material comes from (default: vault when VAULT_ADDR is set)]:secrets:_hostgraft_secrets' \
        --at'[the time certificates are judged at (default: now)]:at: ' \
        '(-v --verbose)'{-v,--verbose}'[decisions and timings on stderr, never secrets]' \
        --format'[report format of lint and check-cert (default: text)]:format:(text json sarif junit github)' \
        '(- *)'{-h,--help}'[print this help]' ;;
    lint)
      _arguments \
        --fail-on'[exit 1 on findings at or above this (default: error)]:fail-on:(error warning never)' \
        --input'[read FILE instead of stdin; reports point at it]:input:_files' \
        '*'{-f,--values}'[Helm values file (repeatable, merged like Helm)]:values:_files' \
        '*'--set'[override one value (repeatable)]:set: ' \
        --secrets'[where TLS material comes from (default: vault when VAULT_ADDR is set)]:secrets:_hostgraft_secrets' \
        --at'[the time certificates are judged at (default: now)]:at: ' \
        '(-v --verbose)'{-v,--verbose}'[decisions and timings on stderr, never secrets]' \
        --format'[report format of lint and check-cert (default: text)]:format:(text json sarif junit github)' \
        '(- *)'{-h,--help}'[print this help]' ;;
    check-cert)
      _arguments \
        --host'[the host the certificate must serve]:host: ' \
        --bundle'[a secret file holding certificate, key and caCertificate]:bundle:_files' \
        --cert'[the PEM certificate (with its chain)]:cert:_files' \
        --key'[its PEM private key]:key:_files' \
        --ca'[the PEM certificate of the CA that issued it]:ca:_files' \
        '*'{-f,--values}'[Helm values file (repeatable, merged like Helm)]:values:_files' \
        '*'--set'[override one value (repeatable)]:set: ' \
        --secrets'[where TLS material comes from (default: vault when VAULT_ADDR is set)]:secrets:_hostgraft_secrets' \
        --at'[the time certificates are judged at (default: now)]:at: ' \
        '(-v --verbose)'{-v,--verbose}'[decisions and timings on stderr, never secrets]' \
        --format'[report format of lint and check-cert (default: text)]:format:(text json sarif junit github)' \
        '(- *)'{-h,--help}'[print this help]' ;;
    'vault put')
      _arguments \
        --host'[the custom host the certificate is for]:host: ' \
        --cert'[the PEM certificate (with its chain)]:cert:_files' \
        --key'[its PEM private key]:key:_files' \
        --ca'[the PEM certificate of the CA that issued it]:ca:_files' \
        --path'[store at this Vault path, not where the values say render reads]:path: ' \
        --portal'[the portal the host is for (default: Keycloak)]:portal:(officer citizen)' \
        --registry'[the registry name for {registry} when the values give none]:registry: ' \
        '*'{-f,--values}'[Helm values file (repeatable, merged like Helm)]:values:_files' \
        '*'--set'[override one value (repeatable)]:set: ' \
        --secrets'[where TLS material comes from (default: vault when VAULT_ADDR is set)]:secrets:_hostgraft_secrets' \
        --at'[the time certificates are judged at (default: now)]:at: ' \
        '(-v --verbose)'{-v,--verbose}'[decisions and timings on stderr, never secrets]' \
        --format'[report format of lint and check-cert (default: text)]:format:(text json sarif junit github)' \
        '(- *)'{-h,--help}'[print this help]' ;;
    migrate)
      _arguments \
        --from-route'[an OpenShift Route whose TLS material goes to --out-dir]:from-route:_files' \
        --out-dir'[a new private directory for certificate.pem, key.pem and ca.pem]:out-dir:_files -/' \
        '*'{-f,--values}'[Helm values file (repeatable, merged like Helm)]:values:_files' \
        '*'--set'[override one value (repeatable)]:set: ' \
        --secrets'[where TLS material comes from (default: vault when VAULT_ADDR is set)]:secrets:_hostgraft_secrets' \
        --at'[the time certificates are judged at (default: now)]:at: ' \
        '(-v --verbose)'{-v,--verbose}'[decisions and timings on stderr, never secrets]' \
        --format'[report format of lint and check-cert (default: text)]:format:(text json sarif junit github)' \
        '(- *)'{-h,--help}'[print this help]' ;;
    krm)
      _arguments \
        '*'{-f,--values}'[Helm values file (repeatable, merged like Helm)]:values:_files' \
        '*'--set'[override one value (repeatable)]:set: ' \
        --secrets'[where TLS material comes from (default: vault when VAULT_ADDR is set)]:secrets:_hostgraft_secrets' \
        --at'[the time certificates are judged at (default: now)]:at: ' \
        '(-v --verbose)'{-v,--verbose}'[decisions and timings on stderr, never secrets]' \
        --format'[report format of lint and check-cert (default: text)]:format:(text json sarif junit github)' \
        '(- *)'{-h,--help}'[print this help]' ;;
    diff)
      _arguments \
        '*'{-f,--values}'[Helm values file (repeatable, merged like Helm)]:values:_files' \
        '*'--set'[override one value (repeatable)]:set: ' \
        --secrets'[where TLS material comes from (default: vault when VAULT_ADDR is set)]:secrets:_hostgraft_secrets' \
        --at'[the time certificates are judged at (default: now)]:at: ' \
        '(-v --verbose)'{-v,--verbose}'[decisions and timings on stderr, never secrets]' \
        --format'[report format of lint and check-cert (default: text)]:format:(text json sarif junit github)' \
        '(- *)'{-h,--help}'[print this help]' ;;
    version)
      _arguments \
        '(- *)'{-h,--help}'[print this help]' ;;
    help)
      _arguments \
        '(- *)'{-h,--help}'[print this help]' \
        '1:COMMAND:_hostgraft_commands' \
        '2:SUBCOMMAND:_hostgraft_subcommands' ;;
    completion)
      _arguments \
        '(- *)'{-h,--help}'[print this help]' \
        '1:SHELL:(bash zsh fish)' ;;
  esac
}

if [[ $funcstack[1] == _hostgraft ]]; then
  _hostgraft "$@"  # autoloaded from a directory of $fpath
else
  compdef _hostgraft hostgraft  # sourced
fi
