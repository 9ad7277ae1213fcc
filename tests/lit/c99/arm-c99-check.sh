#!/usr/bin/env bash
# arm-c99-check.sh <runtime-include> <arm-none-eabi-gcc|none> <source.c> <generated.h> [extra flags]
# Compiles a C test and its generated header for the Cortex-M4F (single-
# precision FPU): any float promoted to double is an error.
set -euo pipefail
inc=$1 cc=$2 src=$3 hdr=$4
shift 4
if [[ $cc == none ]]; then echo "arm-none-eabi-gcc not installed: skipped"; exit 0; fi
"$cc" -std=c99 -pedantic -Wall -Wextra -Werror -Wdouble-promotion -O2 -mcpu=cortex-m4 -mfpu=fpv4-sp-d16 \
  -mfloat-abi=hard -I"$inc" "-DGRADC_GRAD_HEADER=\"$hdr\"" "$@" -c "$src" -o "${hdr%.h}.arm.o"
echo "arm-none-eabi-gcc: compiled"
