# Sourced by the benchmark scripts that build modeltop when it is missing: sets `root` (the
# repository) and `bin` (the release binary), building it first if needed.
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin=$root/.build/release/modeltop
[ -x "$bin" ] || (cd "$root" && swift build -c release >/dev/null)
