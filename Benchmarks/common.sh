# Sourced by the benchmark scripts that build modeltop when it is missing: sets `root` (the
# repository) and `bin` (the release binary, or MODELTOP_BIN to compare another build), building
# it first if needed.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=${MODELTOP_BIN:-$root/.build/release/modeltop}
[ -x "$bin" ] || (cd "$root" && swift build -c release >/dev/null)
