#pragma once
void fill(double* out, int n);  // a library function: it could write its argument
