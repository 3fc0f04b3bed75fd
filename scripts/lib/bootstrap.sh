# Sourced by ./start and ./test (from the repository root): installs packages and generates the
# Prisma client when needed, so both work on a fresh clone.

# npm ci when node_modules is missing or older than package-lock.json.
# On these machines the npm registry answers 404 for other platforms' optional packages
# (@next/swc-darwin-*, @swc/core-win32-*, …), so package-lock.json cannot list them and
# `npm ci` rejects it ("Missing: … from lock file"). Then `npm install --no-save` installs
# the same locked versions without rewriting package-lock.json.
install_packages() {
  if [ -d node_modules ] && [ ! package-lock.json -nt node_modules/.package-lock.json ]; then
    return 0
  fi
  echo "[setup] installing packages (npm ci)" >&2
  local log
  log="$(mktemp)"
  if npm ci --no-audit --no-fund >"$log" 2>&1; then
    grep -v "^npm warn" "$log" | tail -n 3 >&2 || true
    rm -f "$log"
    return 0
  fi
  if grep -q "from lock file" "$log"; then
    echo "[setup] npm ci refused package-lock.json (it lacks other platforms' optional packages, which this registry does not serve); using npm install --no-save" >&2
    rm -f "$log"
    npm install --no-save --no-audit --no-fund
    return
  fi
  cat "$log" >&2
  rm -f "$log"
  echo "[setup] npm ci failed" >&2
  return 1
}

# prisma generate when lib/generated/prisma is missing or older than the schema or the packages.
generate_prisma_client() {
  local stamp=lib/generated/prisma/client.ts
  if [ -f "$stamp" ] && [ ! prisma/schema.prisma -nt "$stamp" ] && [ ! node_modules/.package-lock.json -nt "$stamp" ]; then
    return 0
  fi
  echo "[setup] generating the Prisma client (prisma generate)" >&2
  # generate does not connect; it only needs a well-formed URL for env("DATABASE_URL").
  DATABASE_URL="${DATABASE_URL:-postgresql://x:y@localhost:5432/z}" node_modules/.bin/prisma generate
}

install_packages
generate_prisma_client
