#!/usr/bin/env bash
# `npm test`: every check, in the order a failure is cheapest to find.
#   types → lint → dependency audit → unit + integration on embedded PGlite → integration on PostgreSQL
#   → production build (once) → end-to-end in Chromium against PostgreSQL → benchmark smoke test.
# PostgreSQL comes from TEST_POSTGRES_URL (default: the local server on 127.0.0.1:5432).
# Outside CI, steps whose PostgreSQL or Chromium is missing are skipped with a note;
# in CI (CI=true) a missing piece is a failure.
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
PG_URL="${TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
RESULTS="$(mktemp -d)"
failures=0

step() {
  local name="$1"; shift
  printf '\n\033[1m== %s ==\033[0m\n' "$name"
  if "$@"; then return 0; fi
  printf '\033[31m%s failed\033[0m\n' "$name"
  failures=$((failures + 1))
  return 1
}

missing() {
  if [ "${CI:-}" = "true" ]; then
    printf '\033[31m%s: %s (required in CI)\033[0m\n' "$1" "$2"
    failures=$((failures + 1))
  else
    printf '\033[33mSkipped %s: %s\033[0m\n' "$1" "$2"
  fi
}

postgres_reachable() {
  node -e "
    const postgres = require('postgres');
    const sql = postgres(process.argv[1], { max: 1, connect_timeout: 3, onnotice: () => {} });
    sql\`select 1\`.then(() => sql.end().then(() => process.exit(0)), () => process.exit(1));
  " "$PG_URL" 2>/dev/null
}

step "Type check" npx tsc --noEmit
step "Lint (Prettier and ESLint)" npm run lint
step "Dependency audit (npm audit --omit=dev --audit-level=high)" npx tsx --conditions=react-server scripts/audit-deps.ts
step "Unit and integration tests on embedded PGlite" env -u DATABASE_URL npx vitest run --reporter=default --reporter=json --outputFile.json="$RESULTS/vitest-pglite.json"

if postgres_reachable; then
  step "Integration tests on PostgreSQL" env DATABASE_URL="$PG_URL" npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$RESULTS/vitest-postgres.json"
  if [ -x "$CHROMIUM" ]; then
    if step "Production build" env -u DATABASE_URL npx next build; then
      e2e_db="portal_e2e_$(date +%s)_$$"
      e2e_url="$(node -e 'const u = new URL(process.argv[1]); u.pathname = "/" + process.argv[2]; console.log(u.toString())' "$PG_URL" "$e2e_db")"
      step "End-to-end tests in Chromium on PostgreSQL" env E2E_DATABASE_URL="$e2e_url" CHROMIUM_PATH="$CHROMIUM" PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/playwright.json" npx playwright test --reporter=list,json
      node -e "
        const postgres = require('postgres');
        const sql = postgres(process.argv[1], { max: 1, onnotice: () => {} });
        sql.unsafe('drop database if exists ' + process.argv[2] + ' with (force)').finally(() => sql.end());
      " "$PG_URL" "$e2e_db" || true
      # The benchmark at a hundredth of its size, on the same build: it checks every timed route
      # answers as a signed-in person would see it, not how fast (figures here are not comparable).
      bench_out="$(mktemp -d)"
      step "Benchmark smoke test (npm run bench at 1/100 size)" env DATABASE_URL="$PG_URL" npx tsx --conditions=react-server scripts/bench.ts --scale 0.01 --seconds 2 --soak-minutes 0.25 --skip-growth --out "$bench_out"
      rm -rf "$bench_out"
    fi
  else
    missing "the end-to-end tests" "no Chromium at $CHROMIUM (apt-get install -y chromium)"
  fi
else
  missing "the PostgreSQL integration and end-to-end tests" "no PostgreSQL answers at $PG_URL (set TEST_POSTGRES_URL)"
fi

# One closing line over every runner: "N passed, N failed, N skipped".
node -e "
  const fs = require('fs');
  const path = require('path');
  let passed = 0, failed = 0, skipped = 0;
  for (const file of fs.readdirSync(process.argv[1])) {
    const report = JSON.parse(fs.readFileSync(path.join(process.argv[1], file), 'utf8'));
    if (report.stats) {
      passed += report.stats.expected + report.stats.flaky; failed += report.stats.unexpected; skipped += report.stats.skipped;
    } else {
      passed += report.numPassedTests; failed += report.numFailedTests; skipped += report.numPendingTests + (report.numTodoTests || 0);
    }
  }
  failed += Number(process.argv[2]) > 0 && failed === 0 ? Number(process.argv[2]) : 0;
  console.log('\nTotal: ' + passed + ' passed, ' + failed + ' failed, ' + skipped + ' skipped');
" "$RESULTS" "$failures"
rm -rf "$RESULTS"

if [ "$failures" -gt 0 ]; then
  printf '\033[31m%d step(s) failed\033[0m\n' "$failures"
  exit 1
fi
