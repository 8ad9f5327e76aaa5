#!/usr/bin/env bash
# The project's two entry points on a fresh machine of this kind (Debian, npm registry and apt only):
#
#   ./dev.sh start [-- npm start options]   the main job: build the extension, start VS Code (code-server) with it
#   ./dev.sh test  [suite ...]              every test suite, unit to UI ("N passed, N failed, N skipped")
#
# Each installs what its job needs first, and only what is missing: Debian packages (as root), the npm
# dependencies (which bring Node 24: the machine's Node 20 is too old), and code-server + Chromium for the
# real-VS-Code tests (scripts/setup-vscode.sh, into the git-ignored .tools/).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

# keepalived: the reference checker and the HA lab's daemons; iproute2/util-linux: the tests' network
# namespaces; shellcheck/yamllint: proofs of the generated scripts and compose file; mosquitto: the lab's
# MQTT broker; netcat-openbsd and curl: what the generated health check calls; chromium and libkrb5-dev: code-server and the UI tests (installed by setup-vscode.sh).
TEST_PACKAGES=(keepalived iproute2 util-linux shellcheck yamllint mosquitto netcat-openbsd curl)

say() { printf '[dev.sh] %s\n' "$*"; }

ensure_packages() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) -ne 0 ]]; then
    say "missing Debian packages: ${missing[*]} (run as root, or apt-get install them; their tests will be skipped)"
    return 0
  fi
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/tmp/dev-sh-apt.log 2>&1 || { tail -n 30 /tmp/dev-sh-apt.log; exit 1; }
  # The lab starts its own brokers; a distribution's service would hold port 1883 in the root namespace.
  if [[ " ${missing[*]} " == *" mosquitto "* ]] && command -v systemctl >/dev/null 2>&1; then systemctl disable --now mosquitto >/dev/null 2>&1 || true; fi
}

ensure_npm() {
  if [[ ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
    say "npm ci"
    npm ci --no-audit --no-fund
  fi
}

job="${1:-}"
shift || true
case "$job" in
  start)
    ensure_npm
    [[ $(id -u) -eq 0 ]] && bash scripts/setup-vscode.sh
    exec npm start -- "$@"
    ;;
  test)
    ensure_packages "${TEST_PACKAGES[@]}"
    ensure_npm
    if [[ $(id -u) -eq 0 ]]; then bash scripts/setup-vscode.sh; else say "not root: the real-VS-Code suite is skipped unless scripts/setup-vscode.sh ran before"; fi
    exec npm test -- "$@"
    ;;
  *)
    echo "usage: ./dev.sh start [-- --port N --folder DIR] | ./dev.sh test [unit corpus property lsp grammar system lab vscode ...]" >&2
    exit 2
    ;;
esac
