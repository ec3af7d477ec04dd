# fish completion for hostgraft; made by `hostgraft completion fish`.

# True when the words before the cursor, after hostgraft, are $argv.
function __hostgraft_after
    set -l words (commandline -opc)
    test "$words[2..-1]" = "$argv"
end

# The command on the line: render when the first word is an option.
function __hostgraft_command
    set -l words (commandline -opc)
    if test (count $words) -lt 2; or string match -q -- '-*' $words[2]
        echo render
    else if test (count $words) -ge 3; and contains -- "$words[2] $words[3]" 'vault put'
        echo "$words[2] $words[3]"
    else
        echo $words[2]
    end
end

# True when the command on the line is one of $argv.
function __hostgraft_is
    contains -- (__hostgraft_command) $argv
end

# --secrets: vault, none, or files: and a directory.
function __hostgraft_secrets
    set -l token (commandline -ct | string replace -r -- '^--secrets=' '')
    if string match -q -- 'files:*' $token
        __fish_complete_directories (string replace -r -- '^files:' '' $token) | string replace -r -- '^' files:
    else
        printf '%s\n' vault none files:
    end
end

complete -c hostgraft -f
complete -c hostgraft -n '__hostgraft_after' -a render -d 'graft the custom hosts onto a rendered stream, stdin to stdout (the default command)'
complete -c hostgraft -n '__hostgraft_after help' -a render -d 'graft the custom hosts onto a rendered stream, stdin to stdout (the default command)'
complete -c hostgraft -n '__hostgraft_after' -a lint -d 'report every place a configured custom host is not wired; changes nothing'
complete -c hostgraft -n '__hostgraft_after help' -a lint -d 'report every place a configured custom host is not wired; changes nothing'
complete -c hostgraft -n '__hostgraft_after' -a check-cert -d 'check a certificate, its key and chain against a host'
complete -c hostgraft -n '__hostgraft_after help' -a check-cert -d 'check a certificate, its key and chain against a host'
complete -c hostgraft -n '__hostgraft_after' -a vault -d 'check TLS material, then store it in Vault where render will read it'
complete -c hostgraft -n '__hostgraft_after help' -a vault -d 'check TLS material, then store it in Vault where render will read it'
complete -c hostgraft -n '__hostgraft_after vault' -a put -d 'check TLS material, then store it in Vault where render will read it'
complete -c hostgraft -n '__hostgraft_after help vault' -a put -d 'check TLS material, then store it in Vault where render will read it'
complete -c hostgraft -n '__hostgraft_after' -a migrate -d 'rewrite old values into the current shapes, and carry a Route\'s certificate out'
complete -c hostgraft -n '__hostgraft_after help' -a migrate -d 'rewrite old values into the current shapes, and carry a Route\'s certificate out'
complete -c hostgraft -n '__hostgraft_after' -a krm -d 'KRM function: a ResourceList on stdin, the transformed ResourceList on stdout'
complete -c hostgraft -n '__hostgraft_after help' -a krm -d 'KRM function: a ResourceList on stdin, the transformed ResourceList on stdout'
complete -c hostgraft -n '__hostgraft_after' -a diff -d 'show what render would change, as a unified diff per resource'
complete -c hostgraft -n '__hostgraft_after help' -a diff -d 'show what render would change, as a unified diff per resource'
complete -c hostgraft -n '__hostgraft_after' -a version -d 'print the version and the linked libraries'
complete -c hostgraft -n '__hostgraft_after help' -a version -d 'print the version and the linked libraries'
complete -c hostgraft -n '__hostgraft_after' -a help -d 'print the usage, or the help of one command'
complete -c hostgraft -n '__hostgraft_after help' -a help -d 'print the usage, or the help of one command'
complete -c hostgraft -n '__hostgraft_after' -a completion -d 'print the completion script for bash, zsh or fish'
complete -c hostgraft -n '__hostgraft_after help' -a completion -d 'print the completion script for bash, zsh or fish'
complete -c hostgraft -n '__hostgraft_after completion' -a 'bash zsh fish'
complete -c hostgraft -n '__hostgraft_is render' -l version -d 'print the version, as hostgraft version does'
complete -c hostgraft -n '__hostgraft_is render lint check-cert "vault put" migrate krm diff' -s f -l values -r -F -d 'Helm values file (repeatable, merged like Helm)'
complete -c hostgraft -n '__hostgraft_is render lint check-cert "vault put" migrate krm diff' -l set -x -d 'override one value (repeatable)'
complete -c hostgraft -n '__hostgraft_is render lint check-cert "vault put" migrate krm diff' -l secrets -x -a '(__hostgraft_secrets)' -d 'where TLS material comes from (default: vault when VAULT_ADDR is set)'
complete -c hostgraft -n '__hostgraft_is render lint check-cert "vault put" migrate krm diff' -l at -x -d 'the time certificates are judged at (default: now)'
complete -c hostgraft -n '__hostgraft_is render lint check-cert "vault put" migrate krm diff' -s v -l verbose -d 'decisions and timings on stderr, never secrets'
complete -c hostgraft -n '__hostgraft_is render lint check-cert "vault put" migrate krm diff' -l format -x -a 'text json sarif junit github' -d 'report format of lint and check-cert (default: text)'
complete -c hostgraft -n '__hostgraft_is render lint check-cert "vault put" migrate krm diff version help completion' -s h -l help -d 'print this help'
complete -c hostgraft -n '__hostgraft_is lint' -l fail-on -x -a 'error warning never' -d 'exit 1 on findings at or above this (default: error)'
complete -c hostgraft -n '__hostgraft_is lint' -l input -r -F -d 'read FILE instead of stdin; reports point at it'
complete -c hostgraft -n '__hostgraft_is check-cert' -l host -x -d 'the host the certificate must serve'
complete -c hostgraft -n '__hostgraft_is check-cert' -l bundle -r -F -d 'a secret file holding certificate, key and caCertificate'
complete -c hostgraft -n '__hostgraft_is check-cert "vault put"' -l cert -r -F -d 'the PEM certificate (with its chain)'
complete -c hostgraft -n '__hostgraft_is check-cert "vault put"' -l key -r -F -d 'its PEM private key'
complete -c hostgraft -n '__hostgraft_is check-cert "vault put"' -l ca -r -F -d 'the PEM certificate of the CA that issued it'
complete -c hostgraft -n '__hostgraft_is "vault put"' -l host -x -d 'the custom host the certificate is for'
complete -c hostgraft -n '__hostgraft_is "vault put"' -l path -x -d 'store at this Vault path, not where the values say render reads'
complete -c hostgraft -n '__hostgraft_is "vault put"' -l portal -x -a 'officer citizen' -d 'the portal the host is for (default: Keycloak)'
complete -c hostgraft -n '__hostgraft_is "vault put"' -l registry -x -d 'the registry name for {registry} when the values give none'
complete -c hostgraft -n '__hostgraft_is migrate' -l from-route -r -F -d 'an OpenShift Route whose TLS material goes to --out-dir'
complete -c hostgraft -n '__hostgraft_is migrate' -l out-dir -x -a '(__fish_complete_directories (commandline -ct))' -d 'a new private directory for certificate.pem, key.pem and ca.pem'
