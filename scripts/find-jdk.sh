# Sourced by ./tokenhook and ./run-tests: sets JAVA_HOME to a JDK 21 or newer.
# Order: $JAVA_HOME, then `java` on PATH, then /usr/lib/jvm/* (newest first).

# The full version (25.0.3) of the java binary $1: from its JDK's release file, which costs no JVM start.
java_full_version() {
  local release
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ] && grep -q '^JAVA_VERSION=' "$release"; then
    sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$release" | head -1
  else
    "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/^ *java.version =/ {print $2; exit}'
  fi
}

java_feature_version() {
  local v
  v=$(java_full_version "$1")
  v="${v#1.}"
  echo "${v%%[.+-]*}"
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
