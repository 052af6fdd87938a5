#!/usr/bin/env bash
# Installs what the end-to-end tests need, outside the project's package.json: Debian's Chromium (driven by
# playwright-core), ripgrep and libkrb5-dev (and a compiler, for code-server's native modules), and code-server pinned to
# 4.100.3 (VS Code 1.100.3, the newest whose engines allow Node 20) in .cache/code-server.
# Idempotent: a second run only checks. See ../../../shared/recipes/vscode-in-browser.md for why each step.
set -euo pipefail
cd "$(dirname "$0")/../.."

CODE_SERVER_VERSION=4.100.3
# @vscode/ripgrep as code-server 4.100.3 ships it: its version and the prebuilt it would download
RIPGREP_PACKAGE=1.15.11
RIPGREP_PREBUILT=v13.0.0-10
DEST=.cache/code-server

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
# code-server's native modules (node-pty, kerberos) are compiled on install
command -v g++ >/dev/null || missing+=(g++)
command -v make >/dev/null || missing+=(make)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

installed=$(node -p "try { require('./$DEST/node_modules/code-server/package.json').version } catch { '' }")
if [ "$installed" != "$CODE_SERVER_VERSION" ] || [ ! -f "$DEST/node_modules/code-server/lib/vscode/out/server-main.js" ]; then
  echo "setup: npm install code-server@$CODE_SERVER_VERSION into $DEST"
  # GitHub is unreachable on some machines: @vscode/ripgrep's postinstall finds Debian's rg in its download cache
  case "$(uname -m)" in
    aarch64|arm64) target=aarch64-unknown-linux-musl ;;
    *) target=x86_64-unknown-linux-musl ;;
  esac
  tmp=$(node -p "require('os').tmpdir()")
  cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PACKAGE"
  tarball="$cache/ripgrep-$RIPGREP_PREBUILT-$target.tar.gz"
  if [ ! -f "$tarball" ]; then
    stage=$(mktemp -d)
    cp "$(command -v rg)" "$stage/rg"
    mkdir -p "$cache"
    tar czf "$tarball" -C "$stage" rg
    rm -rf "$stage"
  fi
  rm -rf "$DEST"
  mkdir -p "$DEST"
  echo '{ "name": "state-map-e2e-code-server", "private": true }' > "$DEST/package.json"
  # unsafe_perm: code-server's postinstall refuses root without it; yes: node-pty's postinstall runs `npx node-gyp`
  (cd "$DEST" && npm_config_yes=true npm_config_unsafe_perm=true npm install --no-audit --no-fund --loglevel=error \
    "code-server@$CODE_SERVER_VERSION" >/dev/null)
fi
echo "setup: chromium $(chromium --version 2>/dev/null | awk '{print $2}'), code-server $CODE_SERVER_VERSION in $DEST"
