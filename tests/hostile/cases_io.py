"""Hostile cases: what gradc is given (empty, broken or binary files, odd
paths, unwritable outputs) and how big it is (10,000 statements, deep
expressions, huge arrays)."""

import os
import random

from cases import GRADC, HEADER, Case, error, ok

FLAGS = ['--', '-std=c++17', '-I{rt}']
SIMPLE = HEADER + 'GRADC_GRAD\ndouble f(double x, double y) { return std::sin(x) * y; }\n'
CHECK_F = 'GRADCHECK(double, f, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});'


def mkfifo(d):
    os.mkfifo(os.path.join(d, 'in.cpp'))


def mkdir_input(d):
    os.mkdir(os.path.join(d, 'in.cpp'))


def mkdir_output(d):
    os.mkdir(os.path.join(d, 'out.hpp'))


def unreadable(d):
    os.chmod(os.path.join(d, 'in.cpp'), 0)


def unwritable_dir(d):
    os.mkdir(os.path.join(d, 'ro'))
    os.chmod(os.path.join(d, 'ro'), 0o555)


def symlink_output(d):
    os.symlink('in.cpp', os.path.join(d, 'out.hpp'))


def garbage():
    rng = random.Random('gradc-hostile-garbage')
    return bytes(rng.randrange(256) for _ in range(4096))


# ---- big inputs, built when the case runs -----------------------------------------

def statements(n):
    """n statements of four kinds in turn; s stays bounded (a contraction)."""
    def make():
        body = ['  double s = x;']
        for i in range(n):
            k = i % 4
            if k == 0:
                body.append('  s = 0.999 * s + 0.001 * std::sin(s * y + %d.0);' % (i % 7))
            elif k == 1:
                body.append('  double t%d = s * x - 0.5 * y;' % i)
            elif k == 2:
                body.append('  s += 1e-4 * std::tanh(t%d);' % (i - 1))
            else:
                body.append('  if (s > 1.0) s -= 1e-3 * x; else s += 1e-3 * y;')
        return HEADER + 'GRADC_GRAD\ndouble f(double x, double y) {\n%s\n  return s;\n}\n' % '\n'.join(body)
    return make


def chain(n):
    """One expression of n terms: a left-nested tree n deep."""
    def make():
        terms = ['x * %.3f' % (0.5 + (i % 5) * 0.1) if i % 2 else 'y * x * %.4f' % (1e-3 * (i % 3 + 1))
                 for i in range(n)]
        return HEADER + 'GRADC_GRAD\ndouble f(double x, double y) {\n  return %s;\n}\n' % ' + '.join(terms)
    return make


def parens(n):
    def make():
        e = 'x'
        for i in range(n):
            e = '(%s * 0.5 + %s)' % (e, 'y' if i % 2 else '0.25')
        return HEADER + 'GRADC_GRAD\ndouble f(double x, double y) {\n  return %s;\n}\n' % e
    return make


def calls(n):
    def make():
        e = 'x * y'
        for i in range(n):
            e = 'std::%s(%s)' % (('sin', 'tanh', 'atan')[i % 3], e)
        return HEADER + 'GRADC_GRAD\ndouble f(double x, double y) {\n  return %s;\n}\n' % e
    return make


def nested_ifs(n):
    def make():
        lines, pad = ['  double s = x;'], '  '
        for i in range(n):
            lines.append('%sif (s > %.2f) {' % (pad, -20.0 + i * 0.01))
            pad += '  '
            lines.append('%ss = s * 0.99 + 0.01 * std::sin(y + s);' % pad)
        for i in range(n):
            pad = pad[:-2]
            lines.append('%s}' % pad)
        return HEADER + 'GRADC_GRAD\ndouble f(double x, double y) {\n%s\n  return s;\n}\n' % '\n'.join(lines)
    return make


def nested_loops(n):
    def make():
        lines, pad = ['  double s = 0.0;'], '  '
        for i in range(n):
            lines.append('%sfor (int i%d = 0; i%d < 2; ++i%d) {' % (pad, i, i, i))
            pad += '  '
        idx = ' + '.join('i%d' % i for i in range(n))
        lines.append('%ss += 0.01 * std::sin(x * (%s) + y);' % (pad, idx))
        for i in range(n):
            pad = pad[:-2]
            lines.append('%s}' % pad)
        return HEADER + 'GRADC_GRAD\ndouble f(double x, double y) {\n%s\n  return s;\n}\n' % '\n'.join(lines)
    return make


def many_functions(n):
    def make():
        fns = ['GRADC_GRAD\ndouble f%d(double x) { return std::sin(%.3f * x) * x; }' % (i, 0.01 * (i + 1))
               for i in range(n)]
        fns.append('GRADC_GRAD\ndouble f(double x, double y) { return f0(x) * f%d(y); }' % (n - 1))
        return HEADER + '\n'.join(fns) + '\n'
    return make


def params(n):
    return ('GRADC_GRAD\ndouble f(' + ', '.join('double p%d' % i for i in range(n)) + ') { return '
            + ' + '.join('p%d * p%d' % (i, (i + 1) % n) for i in range(n)) + '; }')


def carried(trips):
    return HEADER + '''GRADC_GRAD
double f(double x, double y) {
  double s = x;
  for (int i = 0; i < %d; ++i) s = 0.5 * std::sin(s) + 0.25 * y;
  return s;
}
''' % trips


CHECK_RUNTIME_TAPE = '''
const int n = 4000000;
std::vector<double> work(f_grad_work_bytes(n) / sizeof(double) + 1);
double dx = 0, dy = 0;
const double v = f_grad(0.3, 0.7, n, &dx, &dy, work.data(), f_grad_work_bytes(n));
const double h = 1e-6;
const double fx = (f(0.3 + h, 0.7, n) - f(0.3 - h, 0.7, n)) / (2 * h);
const double fy = (f(0.3, 0.7 + h, n) - f(0.3, 0.7 - h, n)) / (2 * h);
std::printf("f = %g, d/dx %g (fd %g), d/dy %g (fd %g)\\n", v, dx, fx, dy, fy);
if (!(v == f(0.3, 0.7, n)) || std::fabs(dx - fx) > 1e-6 || std::fabs(dy - fy) > 1e-6) return 1;
'''

# A constant trip count whose tape is too big for the stack: in a work buffer.
CHECK_CONSTANT_TAPE = '''
std::vector<double> work(f_grad_work_bytes() / sizeof(double) + 1);
double dx = 0, dy = 0;
const double v = f_grad(0.3, 0.7, &dx, &dy, work.data(), f_grad_work_bytes());
const double h = 1e-6;
const double fx = (f(0.3 + h, 0.7) - f(0.3 - h, 0.7)) / (2 * h);
const double fy = (f(0.3, 0.7 + h) - f(0.3, 0.7 - h)) / (2 * h);
std::printf("f = %g, d/dx %g (fd %g), d/dy %g (fd %g)\\n", v, dx, fx, dy, fy);
if (!(v == f(0.3, 0.7)) || std::fabs(dx - fx) > 1e-6 || std::fabs(dy - fy) > 1e-6) return 1;
'''

CHECK_HUGE_REDUCTION = '''
const int n = 4000000;
std::vector<double> x(n), d(n, 0.0);
for (int i = 0; i < n; ++i) x[i] = std::sin(0.001 * i);
const double v = f_grad(x.data(), d.data());
if (!(v == f(x.data()))) { std::printf("f_grad returned %.17g\\n", v); return 1; }
for (int i = 0; i < n; i += 99991)
  if (std::fabs(d[i] - 2 * x[i]) > 1e-12) { std::printf("d[%d] = %g, want %g\\n", i, d[i], 2 * x[i]); return 1; }
std::printf("1 passed, 0 failed\\n");
'''

# expression_5000_terms: f sums 5,000 terms and reaches |f| ~ 3,500, so each
# evaluation of f rounds 5,000 times: ~sqrt(5000) * ulp(3500) ~ 3e-11 apart
# from the exact sum. Central differences divide that by 2h = 2e-6: ~2e-5 of
# error on df/dy (~5|x|), beyond gradcheck's 1e-6 (seen: gradc -4.0289713437,
# exact -4.0289713445, FD -4.02898707). 1e-4 still rejects a wrong
# derivative, which is off by O(1); gradc's value itself stays ~1e-9 exact.
CHECK_CHAIN_5000 = '''
int failed = 0;
auto close_enough = [](double want, double got, double tol) {
  return std::fabs(got - want) <= tol * std::max(1.0, std::fabs(want));
};
for (int k = 0; k < 8; ++k) {
  const double x = -1.9 + 0.5 * k, y = 1.7 - 0.45 * k, h = 1e-6;
  double dx = 0, dy = 0;
  const double v = f_grad(x, y, &dx, &dy);
  const double xp = x + h, xm = x - h, yp = y + h, ym = y - h;
  const double fx = (f(xp, y) - f(xm, y)) / (xp - xm), fy = (f(x, yp) - f(x, ym)) / (yp - ym);
  double px = 0.5, py = -0.5;
  f_pullback(x, y, 2.0, &px, &py);
  bool ok = v == f(x, y) && close_enough(fx, dx, 1e-4) && close_enough(fy, dy, 1e-4) &&
            close_enough(0.5 + 2 * dx, px, 1e-9) && close_enough(-0.5 + 2 * dy, py, 1e-9);
  if (!ok) {
    std::printf("FAIL at (%g, %g): f_grad %.17g (f %.17g), d %.10g %.10g, FD %.10g %.10g, pullback %.10g %.10g\\n",
                x, y, v, f(x, y), dx, dy, fx, fy, px, py);
    ++failed;
  }
}
std::printf("%d passed, %d failed\\n", failed ? 0 : 1, failed ? 1 : 0);
if (failed) return 1;
'''

CASES = [
    # ---- what the input is
    Case('empty_file', 'an empty file: a warning, an output that defines nothing', src='',
         diag=r'warning: no function is marked'),
    ok('no_marked_function', 'no function marked: a warning, an output that defines nothing',
       'double f(double x) { return x * x; }', diag=r'warning: no function is marked'),
    error('syntax_error', 'a syntax error in a marked function',
          'GRADC_GRAD\ndouble f(double x) { return x +; }', r'in\.cpp:5:\d+: error: expected expression'),
    error('unbalanced_braces', 'a missing closing brace',
          'GRADC_GRAD\ndouble f(double x) { if (x > 0) { return x; }', r'error: expected .}.'),
    Case('binary_garbage', '4 KiB of random bytes', files={'in.cpp': garbage()}, expect='error',
         diag=r'error'),
    Case('nul_and_bom', 'a UTF-8 byte order mark and NUL bytes in a comment',
         files={'in.cpp': b'\xef\xbb\xbf' + SIMPLE.encode() + b'// \x00\x00 tail\n'}, check=CHECK_F),
    Case('crlf_and_cr', 'CRLF line ends, and a lone CR inside a statement',
         src=SIMPLE.replace('\n', '\r\n').replace('return std::sin(x) * y;', 'return std::sin(x) *\r y;'),
         check=CHECK_F),
    Case('line_directive', '#line with a file name holding a line break and code',
         src=HEADER + '#line 7 "evil\\nint injected = 1;\\n"\n' + SIMPLE[len(HEADER):], check=CHECK_F),
    Case('missing_input', 'an input that does not exist',
         argv=['{gradc}', 'nothere.cpp', '-o', 'out.hpp'] + FLAGS, expect='error',
         diag=r"cannot read 'nothere\.cpp': no such file", unchanged=()),
    Case('input_in_missing_dir', 'an input below a path component that is a file',
         src=SIMPLE, argv=['{gradc}', 'in.cpp/x.cpp', '-o', 'out.hpp'] + FLAGS, expect='error',
         diag=r"cannot read 'in\.cpp/x\.cpp'"),
    Case('input_is_directory', 'a directory as input', setup=mkdir_input, expect='error',
         diag=r"cannot read 'in\.cpp': it is a directory", unchanged=()),
    Case('input_is_fifo', 'a FIFO as input (reading it would hang)', setup=mkfifo, expect='error',
         diag=r"cannot read 'in\.cpp': not a regular file", unchanged=(), timeout=20),
    Case('input_is_dev_zero', '/dev/zero as input (reading it never ends)',
         argv=['{gradc}', '/dev/zero', '-o', 'out.hpp'] + FLAGS, expect='error',
         diag=r"cannot read '/dev/zero': not a regular file", unchanged=(), timeout=20),
    Case('input_unreadable', 'an input without read permission', src=SIMPLE, setup=unreadable,
         expect='error', diag=r'error', unprivileged=True),
    Case('input_path_with_newline', 'an input whose name holds a line break and code',
         files={'a\nint bad = 2;\n.cpp': SIMPLE}, argv=['{gradc}', 'a\nint bad = 2;\n.cpp', '-o', 'out.hpp'] + FLAGS,
         expect='error', diag=r'contains a line break', unchanged=()),
    Case('two_inputs', 'two sources into one output', src=SIMPLE,
         files={'b.cpp': HEADER + 'GRADC_GRAD\ndouble g(double x) { return x * x * x; }\n'},
         argv=['{gradc}', 'in.cpp', 'b.cpp', '-o', 'out.hpp'] + FLAGS, includes=('in.cpp', 'b.cpp', 'out.hpp'),
         check=CHECK_F + '\nGRADCHECK(double, g, (x[0]), {"x", -2, 2});'),
    Case('no_arguments', 'gradc with no arguments', argv=['{gradc}'], expect='error', out=None, unchanged=(),
         diag=r'(?i)(required|must be specified|no input)'),
    Case('unknown_option', 'an unknown option', src=SIMPLE, argv=['{gradc}', '--no-such-option', 'in.cpp', '-o',
                                                                 'out.hpp'], expect='error', diag=r'no-such-option'),
    # ---- where the output goes
    Case('output_in_missing_dir', 'an output in a directory that does not exist', src=SIMPLE,
         argv=GRADC[:3] + ['nodir/out.hpp'] + GRADC[4:], out='nodir/out.hpp', expect='error',
         diag=r"cannot write 'nodir/out\.hpp'"),
    Case('output_is_directory', 'a directory as output', src=SIMPLE, setup=mkdir_output, out=None,
         expect='error', diag=r"cannot write 'out\.hpp'"),
    Case('output_unwritable', 'an output where nothing can be created (/proc)', src=SIMPLE,
         argv=GRADC[:3] + ['/proc/gradc-hostile.hpp'] + GRADC[4:], out=None, expect='error',
         diag=r"cannot write '/proc/gradc-hostile\.hpp'"),
    Case('output_in_readonly_dir', 'an output in a read-only directory', src=SIMPLE, setup=unwritable_dir,
         argv=GRADC[:3] + ['ro/out.hpp'] + GRADC[4:], out='ro/out.hpp', expect='error', diag=r'cannot write', unprivileged=True),
    Case('output_is_input', '-o naming the input: it must not be overwritten', src=SIMPLE,
         argv=GRADC[:3] + ['in.cpp'] + GRADC[4:], out=None, expect='error', diag=r'refusing to overwrite'),
    Case('output_links_to_input', 'an output that is a symlink to the input', src=SIMPLE, setup=symlink_output,
         out=None, expect='error', diag=r'refusing to overwrite'),
    Case('depfile_is_output', '--depfile naming the output', src=SIMPLE,
         argv=GRADC[:4] + ['--depfile', 'out.hpp'] + GRADC[4:], expect='error', diag=r'name the same file'),
    Case('failure_keeps_old_output', 'a failed run leaves an existing output as it was',
         src=HEADER + 'GRADC_GRAD\ndouble f(double x) { return x +; }\n',
         files={'out.hpp': '// an output from an earlier run\n'}, expect='error', diag=r'error',
         unchanged=('in.cpp', 'out.hpp')),
    # ---- how big it is
    Case('statements_10000', 'a function of 10,000 statements', src=statements(10000), check=CHECK_F,
         timeout=120, optimize='-O0'),
    Case('expression_5000_terms', 'one expression of 5,000 terms (a tree 5,000 deep)', src=chain(5000),
         check=CHECK_CHAIN_5000, timeout=120),
    ok('long_line', 'a 3,000-term sum on one line', 'GRADC_GRAD\ndouble f(double x, double y) { return '
       + ' + '.join(['x * y'] * 3000) + '; }', check=CHECK_F, timeout=120),
    Case('parens_200_deep', 'parentheses 200 deep', src=parens(200), check=CHECK_F),
    Case('parens_300_deep', 'parentheses 300 deep: past Clang\'s bracket limit', src=parens(300),
         expect='error', diag=r'bracket nesting level exceeded'),
    Case('calls_100_deep', 'math calls nested 100 deep', src=calls(100), check=CHECK_F),
    Case('ifs_60_deep', 'if statements nested 60 deep', src=nested_ifs(60), check=CHECK_F),
    Case('loops_8_deep', 'counted loops nested 8 deep', src=nested_loops(8), check=CHECK_F),
    Case('functions_300', '300 marked functions and a caller', src=many_functions(300), check=CHECK_F),
    ok('params_300', 'a function of 300 parameters', params(300)),
    ok('identifier_5000', 'a 5,000-character function name',
       'GRADC_GRAD\ndouble ' + 'f' * 5000 + '(double x, double y) { return std::sin(x) * y; }'),
    ok('huge_array_reduction', 'a reduction over 4,000,000 elements of a pointer parameter',
       'GRADC_GRAD\ndouble f(const double* x) {\n  double s = 0.0;\n'
       '  for (int i = 0; i < 4000000; ++i) s += x[i] * x[i];\n  return s;\n}', check=CHECK_HUGE_REDUCTION),
    ok('huge_constant_tape', 'carried state over 4,000,000 constant trips (its tape: a work buffer)',
       carried(4000000), check=CHECK_CONSTANT_TAPE),
    ok('huge_runtime_tape', 'carried state over 4,000,000 run-time trips (a work buffer)',
       'GRADC_GRAD\ndouble f(double x, double y, int n) {\n  double s = x;\n'
       '  for (int i = 0; i < n; ++i) s = 0.5 * std::sin(s) + 0.25 * y;\n  return s;\n}',
       check=CHECK_RUNTIME_TAPE),
    ok('huge_local_array', 'a local array of 10^8 doubles (generated, compiled, not run)',
       'GRADC_GRAD\ndouble f(double x) {\n  double a[100000000];\n'
       '  for (int i = 0; i < 100000000; ++i) a[i] = x * i;\n  return a[5];\n}'),
    error('array_too_large', 'an array larger than the address space',
          'GRADC_GRAD\ndouble f(double x) {\n  double a[1LL << 61];\n  a[0] = x;\n  return a[0];\n}',
          r'array is too large'),
]
