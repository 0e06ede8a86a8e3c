#!/bin/sh
# Instructions per input message, in-module under V8 (TurboFan only, no tier-up
# noise), counted with valgrind: the difference between K2 and K1 batches of
# 1,000 messages, so start-up and configure cancel out. Immune to machine noise.
#   sh bench/instr.sh W1 [wasm]
W=${1:-W1}; WASM=${2:-build/stream_processor.wasm}; K1=${K1:-4}; K2=${K2:-24}
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null --smc-check=all-non-file \
    node --no-liftoff bench/instr.mjs "$W" "$1" "$WASM" 2>&1 | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
a=$(count "$K1"); b=$(count "$K2")
echo "$W $WASM instructions/msg: $(( (b - a) / ((K2 - K1) * 1000) ))"
