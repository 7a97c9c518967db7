# Sourced by ./haetae and ./test: sets JAVA_HOME to the newest JDK >= 21 found, or exits.
# Looks at HAETAE_JAVA_HOME, JAVA_HOME, the java on the PATH, then /usr/lib/jvm, /opt.

java_major() { "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }

find_jdk() {
  local candidates=() best="" best_v=0 c v
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  command -v java >/dev/null 2>&1 && candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  for c in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do [ -d "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    v=$(java_major "$c/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ] && [ "$v" -gt "$best_v" ]; then best="$c"; best_v=$v; fi
  done
  [ -n "$best" ] && echo "$best"
}

if [ -n "${HAETAE_JAVA_HOME:-}" ]; then
  JAVA_HOME="$HAETAE_JAVA_HOME"
else
  JAVA_HOME="$(find_jdk)" || true
fi
if [ -z "${JAVA_HOME:-}" ]; then
  echo "haetae: no JDK 21 or newer found; install one or set JAVA_HOME" >&2
  exit 2
fi
export JAVA_HOME
