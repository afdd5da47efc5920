#!/usr/bin/env bash
# The test command (README, CI): installs the system packages the tests need when they are missing, then runs every
# module's tests. Root (or sudo) is needed only when something is missing.
#   bash scripts/test.sh            # everything
#   bash scripts/test.sh -pl core   # extra arguments go to Maven
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian package -> the file that proves it is installed. Adding a package is one word in PACKAGES (a package
# whose program is not /usr/bin/<package> also needs a line in needs()).
PACKAGES=(chromium chromium-driver redis-server)

needs() {
  case "$1" in
    chromium) echo /usr/bin/chromium ;;
    chromium-driver) echo /usr/bin/chromedriver ;;
    *) echo "/usr/bin/$1" ;;
  esac
}

missing=()
for p in "${PACKAGES[@]}"; do
  [[ -e "$(needs "$p")" ]] || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  echo "installing ${missing[*]} (needed by the tests)"
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y "${missing[@]}"
fi

exec mvn -B -ntp verify "$@"
