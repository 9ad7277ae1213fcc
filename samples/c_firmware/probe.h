/* The arguments of the measured gradient calls, as global buffers (bench.c
 * defines them): probe_c.c calls gradc's C99 output, probe_cxx.cpp its C++
 * output of the same model. Each probe object holds one gradient and what it
 * inlined, nothing else: samples/embedded/report.sh reads its .text size and
 * stack (-fcallgraph-info=su), bench.c counts its instructions on the board. */
#ifndef C_FIRMWARE_PROBE_H
#define C_FIRMWARE_PROBE_H

#include "model.h"

#ifdef __cplusplus
extern "C" {
#endif

extern struct net probe_net, probe_grad;
extern float probe_x[NET_IN];
extern int probe_label;

float probe_c(void);
float probe_cxx(void);

#ifdef __cplusplus
}
#endif

#endif
