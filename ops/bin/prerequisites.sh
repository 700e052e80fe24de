# Sourced by Tasman's scripts: installs the system packages the platform and its tests need.
# bubblewrap isolates builds (decision 0009); without it builds are refused.

tasman_require_package() {   # command package
  command -v "$1" > /dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
    echo "Installing $2 (needed by Tasman)..."
    apt-get install -y -q "$2" > /dev/null 2>&1 || { apt-get update -q > /dev/null 2>&1 && apt-get install -y -q "$2" > /dev/null; } \
      || { echo "Could not install $2 with apt-get; install it and run again." >&2; return 1; }
  else
    echo "Tasman needs '$1' (Debian/Ubuntu package $2). Install it, e.g.: sudo apt-get install $2" >&2
    return 1
  fi
}

tasman_require_package bwrap bubblewrap

# Only the benchmark scripts call this (ops/bench/edge-static.sh, propagation.sh): nginx is the reference
# the edge is measured against, wrk the load generator. Debian keeps nginx in /usr/sbin, which a
# non-root user's PATH may lack.
tasman_require_bench_tools() {
  case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin" ;; esac
  tasman_require_package nginx nginx-light && tasman_require_package wrk wrk
}

# The dashboard's browser test (ops/drills DashboardBrowserIT) drives Debian's Chromium through its
# matching chromedriver; both come from the distribution, so nothing is downloaded at test time.
tasman_require_browser() {
  [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null 2>&1; then
    echo "Installing chromium and chromium-driver (needed by the dashboard's browser test)..."
    { apt-get update -q > /dev/null 2>&1 && apt-get install -y -q chromium chromium-driver > /dev/null; } \
      || { echo "Could not install chromium and chromium-driver with apt-get; install them and run again." >&2; return 1; }
  else
    echo "The dashboard's browser test needs /usr/bin/chromium and /usr/bin/chromedriver (Debian packages" \
      "chromium, chromium-driver). Install them, e.g.: sudo apt-get install chromium chromium-driver" >&2
    return 1
  fi
}
