#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, runs on Node 20) into .cache/code-server, from the
# npm registry only; a second run finds it there and returns at once. Needs the Debian packages
# libkrb5-dev (kerberos builds from source) and ripgrep (seeded into @vscode/ripgrep's download cache).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=4.100.3
PREFIX="$PWD/.cache/code-server"
CS="$PREFIX/lib/node_modules/code-server"
if [ -f "$CS/.installed-$VERSION" ]; then
  echo "code-server $VERSION: cached in $PREFIX"
  exit 0
fi
for tool in rg; do
  command -v "$tool" >/dev/null || { echo "install-code-server: $tool is missing (apt-get install ripgrep libkrb5-dev)" >&2; exit 1; }
done
[ -f /usr/include/gssapi.h ] || [ -f /usr/include/gssapi/gssapi.h ] || { echo "install-code-server: gssapi.h is missing (apt-get install libkrb5-dev)" >&2; exit 1; }

export TMPDIR="${TMPDIR:-/tmp}"
# @vscode/ripgrep would download rg from GitHub: give it Debian's rg in the cache it looks in first.
mkdir -p "$TMPDIR/vscode-ripgrep-cache-1.15.11"
tar czf "$TMPDIR/vscode-ripgrep-cache-1.15.11/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C /usr/bin rg
# node-pty's build runs `npx node-gyp`, which otherwise asks before installing.
export npm_config_yes=true

rm -rf "$PREFIX"
mkdir -p "$PREFIX"
npm i -g --prefix "$PREFIX" --ignore-scripts --no-audit --no-fund "code-server@$VERSION"
cd "$CS"
npm rebuild argon2
env npm_config_user_agent="npm/$(npm -v) node/$(node -v) linux x64" npm_config_unsafe_perm=true sh ./postinstall.sh
touch "$CS/.installed-$VERSION"
echo "code-server $VERSION: installed in $PREFIX"
