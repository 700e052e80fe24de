# Sourced by Tasman's scripts: finds a JDK 25 (Tasman's build and runtime) and exports JAVA_HOME.
# Looks at $JAVA_HOME, then /usr/lib/jvm/*, then `java` on the PATH; says clearly when there is none.

tasman_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -1
}

tasman_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/* \
      "$(dirname "$(dirname "$(readlink -f "$(command -v java 2>/dev/null || echo /nonexistent)")")")"; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    local major
    major="$(tasman_java_major "$candidate")"
    if [ -n "$major" ] && [ "$major" -ge 25 ] 2>/dev/null; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

if ! TASMAN_JDK="$(tasman_find_jdk)"; then
  echo "Tasman needs a JDK 25 and found none (looked at \$JAVA_HOME, /usr/lib/jvm and the java on your PATH)." >&2
  echo "Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  exit 2
fi
export JAVA_HOME="$TASMAN_JDK"
export PATH="$JAVA_HOME/bin:$PATH"
