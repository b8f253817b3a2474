# Sourced by ./tokenhook and ./run-tests: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/* (newest first).

java_feature_version() {
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2; exit}' | cut -d. -f1
}

is_jdk21() {
  local home="$1"
  [ -x "$home/bin/java" ] && [ -x "$home/bin/javac" ] || return 1
  local v
  v=$(java_feature_version "$home/bin/java")
  [ -n "$v" ] && [ "$v" -ge 21 ] 2>/dev/null
}

find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && is_jdk21 "$JAVA_HOME"; then return 0; fi
  if command -v java >/dev/null 2>&1; then
    local home
    home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    if is_jdk21 "$home"; then JAVA_HOME="$home"; export JAVA_HOME; return 0; fi
  fi
  local candidate
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate="${candidate%/}"
    if is_jdk21 "$candidate"; then JAVA_HOME="$candidate"; export JAVA_HOME; return 0; fi
  done
  echo "tokenhook: no JDK 21 or newer found (looked at JAVA_HOME, java on PATH, /usr/lib/jvm/*)" >&2
  return 1
}
