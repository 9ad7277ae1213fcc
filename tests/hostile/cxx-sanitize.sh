#!/usr/bin/env bash
# A C++ compiler command that adds -fsanitize=address,undefined: for test
# scripts that take a compiler but no flags (tests/arrays/run_arrays.sh).
# GRADC_SANITIZE_CXX picks the compiler (default g++).
exec "${GRADC_SANITIZE_CXX:-g++}" "$@" -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
