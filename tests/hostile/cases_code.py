"""Hostile cases: names that collide with generated names, macros, odd but
valid C++ that must give correct gradients, and constructs gradc must reject
with a clear diagnostic."""

from cases import HEADER, Case, error, ok

XY = 'GRADCHECK(double, f, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});'

CHECK_WORK = '''
const int n = 7;
std::vector<double> buf(f_grad_work_bytes(n) / sizeof(double) + 1);
gradcheck::check<double>("f", "f(work, work_bytes, 7)", {{"work", -2, 2}, {"work_bytes", -2, 2}},
    [](const auto& x) { return f(x[0], x[1], n); },
    [&](const auto& x, double* a, double* b) { return f_grad(x[0], x[1], n, a, b, buf.data(), f_grad_work_bytes(n)); },
    [&](const auto& x, double s, double* a, double* b) {
      f_pullback(x[0], x[1], n, s, a, b, buf.data(), f_grad_work_bytes(n)); });
'''

CHECK_LONG_LOOP = '''
const long n = 6;
std::vector<double> buf(f_grad_work_bytes(n) / sizeof(double) + 1);
gradcheck::check<double>("f", "f(x, y, 6)", {{"x", -2, 2}, {"y", -2, 2}},
    [](const auto& x) { return f(x[0], x[1], n); },
    [&](const auto& x, double* a, double* b) { return f_grad(x[0], x[1], n, a, b, buf.data(), f_grad_work_bytes(n)); },
    [&](const auto& x, double s, double* a, double* b) {
      f_pullback(x[0], x[1], n, s, a, b, buf.data(), f_grad_work_bytes(n)); });
'''

CHECK_REFS = '''
gradcheck::check<double>("f", "f(double& x, const double& y)", {{"x", -2, 2}, {"y", -2, 2}},
    [](const auto& x) { double a = x[0]; return f(a, x[1]); },
    [](const auto& x, double* a, double* b) { double v = x[0]; return f_grad(v, x[1], a, b); },
    [](const auto& x, double s, double* a, double* b) { double v = x[0]; f_pullback(v, x[1], s, a, b); });
'''

CHECK_MEMBER = '''
gradcheck::check<double>("S::f", "S::f(x)", {{"x", -2, 2}},
    [](const auto& x) { S s; return s.f(x[0]); },
    [](const auto& x, double* a) { S s, d{0.0}; return S_f_grad(s, x[0], &d, a); },
    [](const auto& x, double sd, double* a) { S s, d{0.0}; S_f_pullback(s, x[0], sd, &d, a); });
'''

CHECK_STATIC_MEMBER = '''
gradcheck::check<double>("S::f", "S::f(x, y)", {{"x", -2, 2}, {"y", -2, 2}},
    [](const auto& x) { return S::f(x[0], x[1]); },
    [](const auto& x, double* a, double* b) { return S_f_grad(x[0], x[1], a, b); },
    [](const auto& x, double s, double* a, double* b) { S_f_pullback(x[0], x[1], s, a, b); });
'''

CHECK_STRUCT_PARAM = '''
gradcheck::check<double>("f", "f(P p, x)", {{"a", -2, 2}, {"x", -2, 2}},
    [](const auto& x) { return f(P{x[0]}, x[1]); },
    [](const auto& x, double* a, double* b) { P d{0.0}; double v = f_grad(P{x[0]}, x[1], &d, b); *a += d.a; return v; },
    [](const auto& x, double s, double* a, double* b) { P d{0.0}; f_pullback(P{x[0]}, x[1], s, &d, b); *a += d.a; });
'''

CHECK_ARRAY3 = '''
gradcheck::check<double>("f", "f(x[3])", {{"x0", -2, 2}, {"x1", -2, 2}, {"x2", -2, 2}},
    [](const auto& x) { return f(x.data()); },
    [](const auto& x, double* a, double* b, double* c) {
      double d[3] = {0, 0, 0};
      double v = f_grad(x.data(), d);
      *a += d[0], *b += d[1], *c += d[2];
      return v; },
    [](const auto& x, double s, double* a, double* b, double* c) {
      double d[3] = {0, 0, 0};
      f_pullback(x.data(), s, d);
      *a += d[0], *b += d[1], *c += d[2]; });
'''

MAKE = '#define MAKE(name, k) GRADC_GRAD double name(double x, double y) { return k * std::sin(x) * y; }\n'

CASES = [
    # ---- names gradc's own names could collide with
    ok('params_named_like_adjoints', 'parameters d_x and d_d_x beside x',
       'GRADC_GRAD\ndouble f(double x, double d_x, double d_d_x) { return x * d_x + std::sin(d_d_x) * x; }',
       check='GRADCHECK(double, f, (x[0], x[1], x[2]), {"x", -2, 2}, {"d_x", -2, 2}, {"d_d_x", -2, 2});'),
    ok('locals_named_like_generated', 'locals named d_ret, ret, t0, d_t0, cond0, sel0, next, s_tape, f, d_f',
       '''GRADC_GRAD
double f(double x, double y) {
  double d_ret = x * y, ret = d_ret + 1.0, t0 = std::sin(ret), d_t0 = t0 * t0;
  bool cond0 = x > y;
  double sel0 = cond0 ? d_t0 : t0, next = sel0 * x, s_tape = next - y;
  double d_f = s_tape * 0.5;
  double f = d_f + d_ret;
  return f;
}''', check=XY),
    ok('param_named_like_function', 'a parameter with the function\'s name',
       'GRADC_GRAD\ndouble f(double f, double y) { return std::sin(f) * y; }', check=XY),
    ok('params_named_like_math', 'parameters named sin and exp',
       'GRADC_GRAD\ndouble f(double sin, double exp) { return std::sin(sin) * std::exp(exp * 0.5); }', check=XY),
    ok('unicode_identifiers', 'non-ASCII identifiers',
       'GRADC_GRAD\ndouble f(double \u03b1, double \u00fc) { double \u03c3 = std::sin(\u03b1); return \u03c3 * \u00fc; }',
       check=XY),
    error('generated_name_declared', 'the file already defines f_grad',
          'double f_grad(double x, double* d) { *d = 1.0; return x; }\n'
          'GRADC_GRAD\ndouble f(double x) { return std::sin(x); }',
          r"gradc generates 'f_grad' for 'f', but this file already declares 'f_grad'"),
    Case('generated_name_in_header', 'a header declaring f_grad (an earlier output) is no clash',
         src=HEADER + '#include "old.hpp"\nGRADC_GRAD\ndouble f(double x, double y) { return std::sin(x) * y; }\n',
         files={'old.hpp': '#pragma once\ndouble f_grad(double x, double y, double* d_x, double* d_y);\n'},
         check=XY),
    ok('work_buffer_names', 'parameters named work and work_bytes in a function with a work buffer',
       '''GRADC_GRAD_WRT(work, work_bytes)
double f(double work, double work_bytes, int n) {
  double s = work;
  for (int i = 0; i < n; ++i) s = 0.5 * std::sin(s) + 0.25 * work_bytes;
  return s;
}''', check=CHECK_WORK),
    ok('callee_generated_names', 'a local named like the callee\'s generated g_pullback',
       '''GRADC_GRAD
double g(double x) { return x * x; }
GRADC_GRAD
double f(double x, double y) {
  double g_pullback = 2.0 * g(x);
  return g_pullback * y;
}''', check=XY),
    ok('namespace_gradc_src', 'a namespace gradc_src of the user\'s, beside a file-level constant',
       'namespace gradc_src { const double K = 1.0; }\nconst double K = 2.0;\n'
       'GRADC_GRAD\ndouble f(double x, double y) { return K * x * y * gradc_src::K; }',
       check=XY),
    # ---- macros
    Case('macro_defines_marked_functions', 'one macro expanding to several marked functions',
         src=HEADER + MAKE + 'MAKE(f, 2.0)\nMAKE(g, 3.0)\n',
         check=XY + '\nGRADCHECK(double, g, (x[0], x[1]), {"x", -2, 2}, {"y", -2, 2});'),
    ok('macro_body', 'a body and its expressions from macros',
       '#define SQ(a) ((a) * (a))\n#define BODY { double t = SQ(x) + std::sin(y); return SQ(t); }\n'
       'GRADC_GRAD\ndouble f(double x, double y) BODY', check=XY),
    ok('macro_marker_alias', 'the marker behind another macro, and the attribute spelled out',
       '#define DIFF GRADC_GRAD\nDIFF\ndouble f(double x, double y) { return x * y; }\n'
       '#ifdef __clang__\n#define MY_MARK __attribute__((annotate("gradc.grad")))\n#else\n#define MY_MARK\n#endif\n'
       'MY_MARK\ndouble g(double x) { return x * x * x; }',
       check=XY + '\nGRADCHECK(double, g, (x[0]), {"x", -2, 2});'),
    ok('line_continuations', 'backslash-newlines inside statements and comments',
       'GRADC_GRAD\ndouble f(double x, double y) {\n  double z = x * \\\n    y;  /* a comment \\\n end */\n'
       '  return z * \\\nx;\n}', check=XY),
    ok('comment_like_text', 'statement text that looks like comment ends and directives',
       'GRADC_GRAD\ndouble f(double x, double y) {\n  double z = x /* */ * y; // */ #define x\n'
       '  return z /**/ / (1.5 + y * y);\n}', check=XY),
    # ---- odd but valid: correct gradients
    ok('declared_then_defined', 'marked on a declaration, defined later',
       'GRADC_GRAD\ndouble f(double x, double y);\ndouble f(double x, double y) { return std::sin(x) * y; }',
       check=XY),
    ok('wrt_repeated_name', 'GRADC_GRAD_WRT(x, x): x once, not twice',
       'GRADC_GRAD_WRT(x, x)\ndouble f(double x, double y) { return std::sin(x) * y; }',
       check='gradcheck::check<double>("f", "f(x, 0.75)", {{"x", -2, 2}}, [](const auto& x) { return f(x[0], 0.75); },'
             ' [](const auto& x, double* d) { return f_grad(x[0], 0.75, d); },'
             ' [](const auto& x, double s, double* d) { f_pullback(x[0], 0.75, s, d); });'),
    ok('extern_c_and_anonymous_namespace', 'extern "C" and an anonymous namespace',
       'extern "C" {\nGRADC_GRAD\ndouble f(double x, double y) { return std::sin(x) * y; }\n}\n'
       'namespace {\nGRADC_GRAD\ndouble g(double x) { return x * x * x; }\n}',
       check=XY + '\nGRADCHECK(double, g, (x[0]), {"x", -2, 2});'),
    ok('constexpr_noexcept_static_inline', 'constexpr, noexcept, static and inline functions',
       'GRADC_GRAD\nconstexpr double f(double x, double y) noexcept { return x * y * y; }\n'
       'GRADC_GRAD\nstatic inline double g(double x) { return x * x * x; }',
       check=XY + '\nGRADCHECK(double, g, (x[0]), {"x", -2, 2});'),
    ok('unsigned_and_size_t_counters', 'unsigned and std::size_t loop counters',
       'GRADC_GRAD\ndouble f(const double* x) {\n  double s = 0.0;\n'
       '  for (unsigned i = 0; i < 3u; ++i) s += x[i] * x[i];\n'
       '  for (std::size_t j = 0; j < 3; ++j) s += std::sin(x[j]);\n  return s;\n}', check=CHECK_ARRAY3),
    ok('unsigned_counter_carried', 'an unsigned counter in a loop that must run backwards',
       'GRADC_GRAD\ndouble f(const double* x) {\n  double s = 0.0;\n'
       '  for (unsigned i = 0; i < 3u; ++i) s = s * std::cos(x[i]) + x[i];\n  return s;\n}', check=CHECK_ARRAY3),
    ok('long_counter_work_buffer', 'a long trip count sizing a work buffer',
       'GRADC_GRAD\ndouble f(double x, double y, long n) {\n  double s = x;\n'
       '  for (long i = 0; i < n; ++i) s = s * 0.5 + std::sin(y * s);\n  return s;\n}', check=CHECK_LONG_LOOP),
    ok('fixed_size_const_array_param', 'a const double x[3] parameter',
       'GRADC_GRAD\ndouble f(const double x[3]) { return x[0] * x[2] + std::sin(x[1]); }', check=CHECK_ARRAY3),
    ok('variadic', 'a C variadic function (the ... is not differentiated)',
       'GRADC_GRAD\ndouble f(double x, ...) { return x * x; }'),
    ok('huge_and_tiny_literals', 'literals near the ends of double\'s range',
       'GRADC_GRAD\ndouble f(double x, double y) { return x * 1e300 * 1e-300 + y * 4.9e-324 * 1e300 + x * y; }',
       check=XY),
    # ---- rejected, with a clear diagnostic
    ok('template', 'a marked function template, instantiated for double by a use',
       'template <class T>\nGRADC_GRAD T f(T x, T y) { return x * x * y; }\n'
       'double g(double x) { return f(x, 2.0); }',
       check=XY),
    ok('member_function', 'a marked member function (the object first: S_f_grad(self, x, d_self, d_x))',
       'struct S {\n  double k = 2.0;\n  GRADC_GRAD double f(double x) { return k * x * x; }\n};',
       check=CHECK_MEMBER),
    ok('static_member_function', 'a marked static member function (S_f_grad(x, d_x))',
       'struct S {\n  GRADC_GRAD static double f(double x, double y) { return x * x * y; }\n};',
       check=CHECK_STATIC_MEMBER),
    error('member_function_writes', 'a marked member function writing a member of its object',
          'struct S {\n  double k = 2.0;\n  GRADC_GRAD double f(double x) { k = x; return k * x; }\n};',
          r"'S::f' writes the member 'k' of its object"),
    error('lambda', 'a marked lambda', 'auto l = [](double x) GRADC_GRAD { return x * x; };',
          r'a lambda cannot be marked'),
    error('marked_declaration_only', 'a marked function with no definition',
          'GRADC_GRAD\ndouble f(double x);', r"'f' is marked for differentiation but is not defined"),
    error('two_markers', 'GRADC_GRAD and GRADC_GRAD_WRT on one function',
          'GRADC_GRAD GRADC_GRAD_WRT(x)\ndouble f(double x, double y) { return x * y; }',
          r'more than one GRADC_GRAD / GRADC_GRAD_WRT marker'),
    error('wrt_unknown_spacing', 'GRADC_GRAD_WRT names spelled "x y"',
          '__attribute__((annotate("gradc.grad: x y")))\ndouble f(double x, double y) { return x * y; }',
          r"names 'x y', which is not a parameter"),
    error('switch', "a case label inside a switch's nested block (Duff's device)",
          'GRADC_GRAD\ndouble f(double x, int n) {\n  switch (n) {\n'
          '    case 1: if (x > 0) { case 2: return x; }\n    default: return 2 * x;\n  }\n}',
          r"a 'case' or 'default' label inside a block"),
    ok('struct_parameter', 'a struct parameter whose struct the source defines (the header comes after it)',
       'struct P { double a; };\nGRADC_GRAD\ndouble f(P p, double x) { return p.a * x; }', check=CHECK_STRUCT_PARAM),
    ok('pointer_arithmetic', 'pointer arithmetic (a view: *(x + 1) is x[1])',
       'GRADC_GRAD\ndouble f(const double* x) { return *(x + 1) * *x + x[2]; }', check=CHECK_ARRAY3),
    ok('address_of', 'a local pointer to a scalar (another name for it)',
       'GRADC_GRAD\ndouble f(double x, double y) { double* p = &x; *p = *p * y; return *p + x * y; }', check=XY),
    error('address_of_moved', 'a pointer moved between scalars',
          'GRADC_GRAD\ndouble f(double x, double y) { const double* p = &x; double s = *p; p = &y; return s * *p; }',
          r"moving a pointer to '&x'"),
    ok('array_2d', 'a 2-D local array', 'GRADC_GRAD\ndouble f(double x, double y) {\n  double a[2][2] = {};\n'
       '  a[0][1] = x;\n  a[1][0] = y * a[0][1];\n  return a[1][0] * a[0][1] + a[1][1];\n}', check=XY),
    error('function_pointer', 'a call through a function pointer', 'double sq(double x) { return x * x; }\n'
          'GRADC_GRAD\ndouble f(double x) { double (*p)(double) = sq; return p(x); }', r'is not supported'),
    error('long_double', 'long double', 'GRADC_GRAD\nlong double f(long double x) { return x * x; }',
          r"returns 'long double'"),
    error('complex', 'std::complex', '#include <complex>\n'
          'GRADC_GRAD\ndouble f(double x) { std::complex<double> c(x, 1.0); return std::abs(c); }',
          r"the local 'c' of type 'std::complex<double>', a struct with .* is not supported"),
    error('comma_operator', 'the comma operator', 'GRADC_GRAD\ndouble f(double x) { double y = (x, 2.0 * x); return y; }',
          r'is not supported'),
    error('static_local', 'a static local', 'GRADC_GRAD\ndouble f(double x) { static double c = 2.0; return c * x; }',
          r'a static or extern local variable is not supported'),
    ok('new_delete', 'new and delete of a scalar and of a constant-size array (locals: nothing is allocated)',
       'GRADC_GRAD\ndouble f(double x, double y) {\n  double* p = new double(x);\n  double* a = new double[2]();\n'
       '  a[1] = *p * y;\n  double r = *p + a[0] + a[1];\n  delete p;\n  delete[] a;\n  return r;\n}', check=XY),
    error('new_runtime_size', 'new of a run-time size',
          'GRADC_GRAD\ndouble f(double x, int n) {\n  double* p = new double[n];\n  p[0] = x;\n  double r = p[0];\n'
          '  delete[] p;\n  return r;\n}', r"allocates heap storage of a run-time size.*double p\[kMax\]"),
    error('statement_expression', 'a GNU statement expression',
          'GRADC_GRAD\ndouble f(double x) { double y = ({ double t = x; t * t; }); return y; }', r'is not supported'),
    error('label', 'a label', 'GRADC_GRAD\ndouble f(double x) {\nl:\n  return x;\n}', r'is not supported'),
    ok('nan_macro', 'NAN and INFINITY (builtin calls, taken as constants)',
       'GRADC_GRAD\ndouble f(double x, double y) {\n  double m = -INFINITY;\n  if (x < NAN) m = 1.0;\n'
       '  return std::fmax(m, x * y);\n}', check=XY),
    ok('array_initializer_list', 'an array initializer list (one element write each)',
       'GRADC_GRAD\ndouble f(double x, double y) { double a[3] = {x, 2.0 * y}; return a[0] * a[1] + a[2]; }', check=XY),
    error('integer_return', 'a function returning int', 'GRADC_GRAD\nint f(double x) { return (int)x; }',
          r"returns 'int'"),
    ok('reference_parameter', 'reference parameters (double& x is one element, const double& y a value)',
       'GRADC_GRAD\ndouble f(double& x, const double& y) { return x * x * y; }', check=CHECK_REFS),
    error('reference_to_pointer', 'a reference to a pointer parameter',
          'GRADC_GRAD\ndouble f(const double*& x) { return x[0] * x[0]; }',
          r"type 'const double \*&' of 'x' is not supported"),
    error('missing_return', 'a path without a return', 'GRADC_GRAD\ndouble f(double x) { if (x > 0) return x; }',
          r"can reach its end without returning"),
    error('recursion', 'recursion', 'GRADC_GRAD\ndouble f(double x, int n) { return n > 0 ? f(x * x, n - 1) : x; }',
          r"'f' is recursive"),
]
