# Finds (or installs with apt-get, when missing) Debian's chromium and chromium-driver for the console's browser
# tests. Sourced by .ci/run; sets CHROMIUM_ARGS to the -D options that name them, or leaves it empty and says why in
# CHROMIUM_NOT_FOUND, and the browser tests are then reported as not run.

CHROMIUM_ARGS=()
CHROMIUM_NOT_FOUND=""

find_chromium() {
  if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 chromium chromium-driver >/dev/null 2>&1 \
        || { apt-get update -q >/dev/null 2>&1 \
             && DEBIAN_FRONTEND=noninteractive apt-get install -y -q -o Dpkg::Use-Pty=0 chromium chromium-driver >/dev/null 2>&1; }
    fi
  fi
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    CHROMIUM_ARGS=("-Dgateway.test.chromium=$(command -v chromium)" "-Dgateway.test.chromedriver=$(command -v chromedriver)")
  else
    CHROMIUM_NOT_FOUND="chromium and chromium-driver are not installed and could not be installed with apt-get (needs root and apt)"
  fi
}
