#!/bin/sh
# A launch script shaped like TVM's Zephyr/Arduino ones: it gets the server's .py path as $1 and
# forwards only $1..$5 (so --debug, the 6th argument, is dropped), running Python as a child
# rather than exec'ing it. It also prints to stdout first, which must not reach the JSON channel.
echo "launch script: preparing the environment (this line goes to stdout)"
LAUNCH_SCRIPT_PATH="$0"
LAUNCH_SCRIPT_ARGC="$#"
LAUNCH_SCRIPT_ARG6="${6:-}"
export LAUNCH_SCRIPT_PATH LAUNCH_SCRIPT_ARGC LAUNCH_SCRIPT_ARG6
"${LAUNCH_PYTHON:-python3}" "$1" "$2" "$3" "$4" "$5"
