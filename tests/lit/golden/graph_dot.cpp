// --graph=FILE.dot: the computation graph, one node per operation labelled
// with its source line, loops as boxes, each node saying what the reverse
// sweep does with its value: taped (carried state), recomputed (a loop's
// temporaries), kept (straight-line values), passive (no adjoint). Graphviz
// must accept the file.
// RUN: %gradc %s -o %t.hpp --graph=%t.dot -- %flags
// RUN: %FileCheck %s < %t.dot
// RUN: dot -Tsvg %t.dot -o %t.svg
#include <gradc/gradc.h>

#include <cmath>

// CHECK: digraph gradc {
// CHECK: subgraph cluster_f0_ {
// CHECK-NEXT: label="rollout (line [[#@LINE+10]])";
// CHECK-NEXT: f0_p0 [shape=box, label="x\n(differentiated)", style=bold];
// CHECK-NEXT: f0_p1 [shape=box, label="k\n(differentiated)", style=bold];
// CHECK-NEXT: f0_p2 [shape=box, label="steps", color=grey50, fontcolor=grey50];
// CHECK: label="line [[#@LINE+7]]: for (int i = 0; i < steps; ++i)"; style=rounded;
// CHECK: label="line [[#@LINE+7]]: t{{[0-9]+}} = std::exp(x)\nrecomputed", style="filled,dashed", fillcolor=lightblue];
// CHECK: label="line [[#@LINE+6]]: x = t{{[0-9]+}}\ntaped", style=filled, fillcolor=orange];
// CHECK: label="line [[#@LINE+6]]: y = 2.0 * x\nkept", style=filled, fillcolor=palegreen];
// CHECK: f0_out [shape=doublecircle, label="return"];
GRADC_GRAD
double rollout(double x, double k, int steps) {
  for (int i = 0; i < steps; ++i)
    x = x - k * std::exp(x) * 0.01;
  double y = 2.0 * x;
  return y * y;
}
