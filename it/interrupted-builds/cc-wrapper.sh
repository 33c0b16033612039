#!/bin/sh
# The C compiler of this IT's project: cc itself, unless verify.groovy asks for a compile that hangs
# (as a stuck toolchain does) by creating hang-cc.flag beside this script.
if [ -f "$(dirname "$0")/hang-cc.flag" ]; then
  echo "cc-wrapper: hanging" >&2
  sleep 300
fi
exec cc "$@"
