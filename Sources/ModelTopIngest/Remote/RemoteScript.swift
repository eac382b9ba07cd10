/// The shell script modeltop runs on a remote node (as the command of `ssh`): it follows the
/// files there on request, and needs only `sh` and coreutils (`stat`, `tail`, `head`,
/// `base64`, `cksum`, `date`). Nothing is installed; it exits when its input ends.
///
/// Protocol, a round at a time. modeltop writes `POLL BUDGET`, then a line `K DEV INO OFFSET
/// HEADLEN HEADSUM PATH` per file it follows (its identity, the bytes it has, the checksum of
/// the file's first HEADLEN bytes), then `END`. The script answers:
/// - `S DEV INO SIZE HEADLEN HEADSUM PATH` for every regular file the patterns match now (but
///   compressed ones: `.gz`, `.bz2`, `.xz`, `.zst`, `.lz4`, `.Z`);
/// - `D DEV INO OFFSET PATH` and a line of base64: bytes of a followed file from OFFSET (at most
///   BUDGET of them);
/// - `R DEV INO OFFSET PATH` and a line of base64: the same, for a followed file found under
///   another name in its directory (rotated by rename); `Z DEV INO` when it has nothing new;
/// - `C DEV INO OFFSET PATH` and a line of base64: a followed file was truncated
///   (copytruncate: it is shorter than OFFSET, or its first bytes changed because it grew again
///   since); these are the bytes after OFFSET of its copy beside it (the file with the same
///   first bytes), then `T DEV INO`;
/// - `X DEV INO` for a followed file found nowhere (deleted);
/// - `DONE UNIXTIME` at the end of the round.
public enum RemoteScript {
    public static let text = #"""
set -f
nl='
'
head_sum() {
  head -c "$2" -- "$1" 2>/dev/null | cksum | { IFS=' ' read -r c n; printf %s "$c"; }
}
emit() {
  printf '%s %s %s %s %s\n' "$1" "$2" "$3" "$4" "$5"
  tail -c +"$(($4 + 1))" -- "$5" 2>/dev/null | head -c "$6" | base64 -w 0
  printf '\n'
}
identity_in() {
  found= fsize=
  set +f
  for g in "$1"/* "$1"/.[!.]*; do
    [ -f "$g" ] || continue
    s=$(stat -L -c '%d %i %s' -- "$g" 2>/dev/null) || continue
    if [ "${s% *}" = "$2" ]; then found=$g fsize=${s##* }; break; fi
  done
  set -f
}
copy_in() {
  copy= csize=
  set +f
  for g in "$1"/* "$1"/.[!.]*; do
    [ -f "$g" ] || continue
    s=$(stat -L -c '%d %i %s' -- "$g" 2>/dev/null) || continue
    [ "${s% *}" = "$2" ] && continue
    [ "${s##* }" -ge "$3" ] || continue
    [ "$4" -gt 0 ] && [ "$(head_sum "$g" "$4")" = "$5" ] || continue
    copy=$g csize=${s##* }
    break
  done
  set -f
}
follow() {
  dir=${6%/*}
  [ "$dir" = "$6" ] && dir=.
  cur=$(stat -L -c '%d %i %s' -- "$6" 2>/dev/null)
  if [ -n "$cur" ] && [ "${cur% *}" = "$1 $2" ]; then
    size=${cur##* }
    if [ "$size" -lt "$3" ] || { [ "$4" -gt 0 ] && [ "$(head_sum "$6" "$4")" != "$5" ]; }; then
      copy_in "$dir" "$1 $2" "$3" "$4" "$5"
      [ -n "$copy" ] && emit C "$1" "$2" "$3" "$copy" $((csize - $3))
      printf 'T %s %s\n' "$1" "$2"
    elif [ "$size" -gt "$3" ]; then
      n=$((size - $3))
      [ "$n" -gt "$7" ] && n=$7
      emit D "$1" "$2" "$3" "$6" "$n"
    fi
    return
  fi
  identity_in "$dir" "$1 $2"
  if [ -z "$found" ]; then
    printf 'X %s %s\n' "$1" "$2"
  elif [ "$fsize" -gt "$3" ]; then
    n=$((fsize - $3))
    [ "$n" -gt "$7" ] && n=$7
    emit R "$1" "$2" "$3" "$found" "$n"
  else
    printf 'Z %s %s\n' "$1" "$2"
  fi
}
while read -r cmd budget; do
  [ "$cmd" = POLL ] || exit 0
  set +f
  IFS=$nl
  for pattern in "$@"; do
    for f in $pattern; do
      case $f in *.gz|*.bz2|*.xz|*.zst|*.lz4|*.Z) continue ;; esac
      [ -f "$f" ] || continue
      s=$(stat -L -c '%d %i %s' -- "$f" 2>/dev/null) || continue
      h=${s##* }
      [ "$h" -gt 256 ] && h=256
      printf 'S %s %s %s %s\n' "$s" "$h" "$(head_sum "$f" "$h")" "$f"
    done
  done
  IFS=' '
  set -f
  while read -r tag dev ino off hlen hsum path; do
    [ "$tag" = K ] || break
    follow "$dev" "$ino" "$off" "$hlen" "$hsum" "$path" "$budget"
  done
  printf 'DONE %s\n' "$(date +%s)"
done
"""#

    /// `text` quoted for a POSIX shell: one argument however it is re-parsed by `ssh`'s remote
    /// shell.
    public static func quoted(_ argument: String) -> String {
        "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The remote command: the script run by `sh` with the patterns as its arguments.
    public static func command(patterns: [String]) -> String {
        (["exec", "sh", "-c", quoted(text), "modeltop-remote"] + patterns.map(quoted)).joined(separator: " ")
    }
}
