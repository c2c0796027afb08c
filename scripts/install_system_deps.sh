#!/usr/bin/env bash
# Installs the Debian packages the coach and its tests need, if any is missing.
#   libsndfile1  reading WAV/FLAC (python-soundfile)
#   espeak-ng    synthesising test and demo calls (scripts/synth_calls.py)
#   flite        more voices for the evaluation call set (awb, kal, kal16, rms, slt; scripts/synth_voices.py)
#   festival, festvox-us-slt-hts  one more voice for the evaluation call set (HTS, US English female)
#   sox          handy for preparing recordings (README examples)
#   redis-server, postgresql  the cluster backends' tests start private servers on loopback ports
#                (Debian's own service instances are not used)
#   chromium     the browser tests (Playwright drives Debian's chromium; no `playwright install`)
# Run as root (CI and the development machines are); otherwise it prints what to install.
set -euo pipefail
packages=(libsndfile1 espeak-ng flite festival festvox-us-slt-hts sox chromium redis-server postgresql)
missing=()
for p in "${packages[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "missing system packages: ${missing[*]}; install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
