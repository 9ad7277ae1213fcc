// One call of the C++ gradient of the same model (gradc/cxx/model.grad.hpp,
// from the C++ copy of model.c), for measuring.
#include "probe.h"

#include "model.grad.hpp"

extern "C" float probe_cxx(void) { return net_loss_grad(&probe_net, probe_x, probe_label, &probe_grad); }
