// For marked_function_kinds.cpp: a function the source marks but does not define.
inline double in_header(double x) { return x * x; }
