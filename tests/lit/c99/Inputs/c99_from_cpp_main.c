/* c99_from_cpp's check main, built as C (against the --emit=c99 output) and
   as C++ (against the C++ output): both print the gradients' bits. */
#include GRADC_GRAD_HEADER
#include <stdio.h>

int main(void) {
  const float w[4] = {0.3f, -0.8f, 1.1f, 0.4f}, x[4] = {0.9f, -0.2f, 0.5f, 1.3f};
  float dw[4] = {0.0f, 0.0f, 0.0f, 0.0f}, db = 0.0f;
  float v = layer_grad(w, x, 0.25f, dw, &db);
  printf("layer %a:", (double)v);
  for (int i = 0; i < 4; ++i) printf(" %a", (double)dw[i]);
  printf(" %a\n", (double)db);
  double dq = 0.0, dp = 0.0;
  double e = energy_grad(0.7, -1.2, 2, &dq, &dp);
  printf("energy %a: %a %a\n", e, dq, dp);
  return 0;
}
