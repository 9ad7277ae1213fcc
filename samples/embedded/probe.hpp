// The arguments of each measured gradient call, as global buffers: the size
// probes (probe.cpp) read and write them, the bench firmware (bench.cpp)
// defines and fills them.
#ifndef GRADC_SAMPLES_EMBEDDED_PROBE_HPP
#define GRADC_SAMPLES_EMBEDDED_PROBE_HPP

#include "../mlp/model.hpp"
#include "models.hpp"

namespace probe {

struct Mlp16 {  // models.cpp: mlp_loss, 16-8-4
  float W1[embedded::kW1], b1[embedded::kB1], W2[embedded::kW2], b2[embedded::kB2];
  float x[embedded::kIn];
  int label;
  float dW1[embedded::kW1], db1[embedded::kB1], dW2[embedded::kW2], db2[embedded::kB2];
};

struct Logreg {  // models.cpp: logreg_loss
  float w[embedded::kFeatures], b, X[embedded::kSamples * embedded::kFeatures], y[embedded::kSamples], lambda;
  float dw[embedded::kFeatures], db;
};

struct Chain {  // models.cpp: chain_energy
  float px[embedded::kPoints], py[embedded::kPoints], k, rest, g;
  float dpx[embedded::kPoints], dpy[embedded::kPoints];
};

struct Mlp784 {  // samples/mlp: 784-128-10 sigmoid MLP, squared error
  float W1[mlp::kW1], b1[mlp::kB1], W2[mlp::kW2], b2[mlp::kB2], x[mlp::D], t[mlp::K];
  float dW1[mlp::kW1], db1[mlp::kB1], dW2[mlp::kW2], db2[mlp::kB2];
};

extern Mlp16 mlp16;
extern Logreg logreg;
extern Chain chain;
extern Mlp784 mlp784;

}  // namespace probe

#endif  // GRADC_SAMPLES_EMBEDDED_PROBE_HPP
