/* One call of the C99 gradient (gradc/model.grad.h), for measuring. */
#include "probe.h"

#include "model.grad.h"

float probe_c(void) { return net_loss_grad(&probe_net, probe_x, probe_label, &probe_grad); }
