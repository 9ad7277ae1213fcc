#!/usr/bin/env bash
# The command line behaves like a compiler's: --version and --help, bad
# options and build directories refused, -o into FIFOs and stdout, a file
# listed twice in compile_commands.json, one marked function in two inputs,
# and no temporary left behind by an interrupted run.
#   cli_test.sh <gradc> <c++> <runtime-include> <workdir>
set -uo pipefail
gradc=$1 cxx=$2 rt=$3 work=$4
rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 2
passed=0 failed=0
check() {  # check <name> <command...>: the command must succeed
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $name"; fi
}
flags=(-- -std=c++17 "-I$rt")
cat > in.cpp <<'SRC'
#include <gradc/gradc.h>
#include <cmath>
GRADC_GRAD
double f(double x, double y) { return std::sin(x) * y; }
SRC

check version bash -c "'$gradc' --version | grep -q '^gradc [0-9][0-9.]* (Clang/LLVM 19'"
check help_explains_dashes bash -c "'$gradc' --help | grep -q \"Everything after '--'\""
check help_example bash -c "'$gradc' --help | grep -q 'gradc model.cpp -o model.grad.hpp -- '"

# A rejected option value: an error, no output.
"$gradc" --dump=nonsense in.cpp -o out.hpp "${flags[@]}" 2> err.txt
rc=$?
check dump_rejected test "$rc" -ne 0
check dump_names_value grep -q "nonsense" err.txt
check dump_no_output test ! -e out.hpp
check no_doubled_prefix bash -c "! '$gradc' 2>&1 | grep -q 'gradc: error: gradc:'"

# A source with an error: the compiler's diagnostic, not ClangTool's
# "Error while processing" line after it.
printf 'double g(double x) { return x +; }\n' > broken.cpp
"$gradc" broken.cpp -o broken.hpp "${flags[@]}" 2> err.txt
rc=$?
check broken_rejected test "$rc" -ne 0
check broken_located grep -q "broken.cpp:1:.*error: expected expression" err.txt
check broken_no_tool_line bash -c "! grep -q 'Error while processing' err.txt"

# --graph onto the input: refused like -o, the source left as it was.
cp in.cpp keep.cpp
"$gradc" in.cpp -o out.hpp --graph=in.cpp "${flags[@]}" 2> err.txt
rc=$?
check graph_onto_input_rejected test "$rc" -eq 1
check graph_onto_input_message grep -q "refusing to overwrite it" err.txt
check graph_onto_input_kept cmp -s in.cpp keep.cpp
"$gradc" in.cpp -o out.hpp --graph=g.dot --emit-check "${flags[@]}" 2> err.txt
check graph_written grep -q "^digraph gradc {" g.dot
check emit_check_written grep -q "f_gradcheck(double x, double y)" out.hpp
rm -f out.hpp g.dot

# -p a directory that does not exist, or has no database: an error.
"$gradc" -p nowhere in.cpp -o out.hpp 2> err.txt
rc=$?
check p_missing_rejected test "$rc" -eq 1
check p_missing_message grep -q "error: -p nowhere: no such directory" err.txt
mkdir empty
"$gradc" -p empty in.cpp -o out.hpp 2> err.txt
rc=$?
check p_no_database_rejected test "$rc" -eq 1
check p_no_database_message grep -q "no compile_commands.json" err.txt
check p_no_output test ! -e out.hpp

# A source compiled twice (an app and its test): parsed once, one gradient.
mkdir build
cat > build/compile_commands.json <<JSON
[{"directory": "$work", "file": "$work/in.cpp", "command": "c++ -std=c++17 -I$rt -DAPP -c in.cpp"},
 {"directory": "$work", "file": "$work/in.cpp", "command": "c++ -std=c++17 -I$rt -DTEST -c in.cpp"}]
JSON
"$gradc" -p build in.cpp -o twice.hpp 2> err.txt
check p_twice_ok test $? -eq 0
check p_twice_one_grad test "$(grep -c '^inline double f_grad(' twice.hpp)" -eq 1
check p_twice_no_progress_lines bash -c "! grep -q 'Processing file' err.txt"

# -o - writes to standard output; a FIFO is written into, not replaced.
check stdout bash -c "'$gradc' in.cpp -o - ${flags[*]} | grep -q 'inline double f_grad('"
mkfifo pipe.hpp
cat pipe.hpp > from_pipe.txt &
reader=$!
"$gradc" in.cpp -o pipe.hpp "${flags[@]}"
check fifo_written test $? -eq 0
wait "$reader"
check fifo_read grep -q 'inline double f_grad(' from_pipe.txt
check fifo_still_fifo test -p pipe.hpp

# The same marked function in two inputs: an error naming both.
cp in.cpp other.cpp
"$gradc" in.cpp other.cpp -o both.hpp "${flags[@]}" 2> err.txt
rc=$?
check duplicate_rejected test "$rc" -eq 1
check duplicate_names_both bash -c "grep -q 'other.cpp:4: error: .f. is marked here and also in .*in.cpp:4' err.txt"
check duplicate_no_output test ! -e both.hpp
# Interrupted runs leave no temporary behind (a big input keeps the write busy).
python3 - > big.cpp <<'PY'
print('#include <gradc/gradc.h>\n#include <cmath>\nGRADC_GRAD\ndouble big(double x, double y) {\n  double s = x;')
for i in range(3000):
    print('  s = 0.999 * s + 0.001 * std::sin(s * y + %d.0);' % (i % 7))
print('  return s;\n}')
PY
# Each run is killed the moment its temporary output appears (polled).
cat > interrupt.py <<'PY'
import os, signal, subprocess, sys, time
argv, caught = sys.argv[1:], 0
for attempt in range(40):
    p = subprocess.Popen(argv, stderr=subprocess.DEVNULL)
    while p.poll() is None:
        if any('.tmp.' in n for n in os.listdir('.')):
            p.send_signal(signal.SIGINT if attempt % 2 else signal.SIGTERM)
            caught += 1
            break
    p.wait()
    if caught >= 6:
        break
print('interrupted while writing: %d' % caught)
sys.exit(0 if caught >= 3 else 1)
PY
check interrupts_hit_the_write python3 interrupt.py "$gradc" big.cpp -o big.hpp "${flags[@]}"
check no_temporaries_left bash -c "! ls | grep -q '\.tmp\.'"

echo "$passed passed, $failed failed"
((failed == 0))
