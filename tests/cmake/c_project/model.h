/* Logistic regression on int-labelled points, in C. */
#ifndef MODEL_H
#define MODEL_H

#define FEATURES 3

struct logreg {
  float w[FEATURES];
  float b;
};

float logreg_loss(const struct logreg* m, const float* x, int label);

#endif
