// Hand-written backward passes for the examples in model.cpp, written the way
// the lecture notes write them: the forward pass with a named intermediate per
// gate, then the backward pass line by line in reverse, each line "local
// derivative times upstream gradient", with += where a value fans out.
//
// Same calling convention as the generated seeds::<name>_grad: the primal
// arguments, then one adjoint pointer per parameter. Returns the primal value
// and ACCUMULATES into the adjoints (*d_p += df/dp); the caller zeroes them.
#ifndef GRADC_SAMPLES_SEEDS_HANDWRITTEN_HPP
#define GRADC_SAMPLES_SEEDS_HANDWRITTEN_HPP

#include <cmath>

namespace seeds_hand {

// Example 1: f = 1 / (1 + exp(-(w0 + w1*x1 + w2*x2))).
inline double sigmoid_neuron_grad(double w0, double w1, double w2, double x1, double x2,
                                  double* d_w0, double* d_w1, double* d_w2, double* d_x1,
                                  double* d_x2) {
  // forward
  const double dot = w0 + w1 * x1 + w2 * x2;
  const double f = 1.0 / (1.0 + std::exp(-dot));  // sigmoid function
  // backward
  const double ddot = (1.0 - f) * f;  // gradient on dot, via the sigmoid's derivative
  *d_w0 += 1.0 * ddot;                // backprop into the bias
  *d_w1 += x1 * ddot;                 // ... into the weights
  *d_w2 += x2 * ddot;
  *d_x1 += w1 * ddot;                 // ... into the inputs
  *d_x2 += w2 * ddot;
  return f;
}

// Example 2: f = (x + y) * z.
inline double add_mul_grad(double x, double y, double z, double* d_x, double* d_y, double* d_z) {
  // forward
  const double q = x + y;
  const double f = q * z;
  // backward: first through f = q * z
  const double dfdz = q;  // df/dz = q
  const double dfdq = z;  // df/dq = z
  // now through q = x + y
  const double dfdx = 1.0 * dfdq;  // dq/dx = 1, chain rule
  const double dfdy = 1.0 * dfdq;  // dq/dy = 1
  *d_x += dfdx;
  *d_y += dfdy;
  *d_z += dfdz;
  return f;
}

// Example 3: f = (x + sig(y)) / (sig(x) + (x + y)^2).
inline double sigmoid_ratio_grad(double x, double y, double* d_x, double* d_y) {
  // forward
  const double sigy = 1.0 / (1.0 + std::exp(-y));  // sigmoid in numerator   #(1)
  const double num = x + sigy;                      // numerator              #(2)
  const double sigx = 1.0 / (1.0 + std::exp(-x));  // sigmoid in denominator #(3)
  const double xpy = x + y;                         //                        #(4)
  const double xpysqr = xpy * xpy;                  //                        #(5)
  const double den = sigx + xpysqr;                 // denominator            #(6)
  const double invden = 1.0 / den;                  //                        #(7)
  const double f = num * invden;                    // done!                  #(8)
  // backward
  // backprop f = num * invden
  const double dnum = invden;  // gradient on numerator                      #(8)
  const double dinvden = num;  //                                            #(8)
  // backprop invden = 1.0 / den
  const double dden = (-1.0 / (den * den)) * dinvden;  //                    #(7)
  // backprop den = sigx + xpysqr
  const double dsigx = (1) * dden;    //                                     #(6)
  const double dxpysqr = (1) * dden;  //                                     #(6)
  // backprop xpysqr = xpy**2
  const double dxpy = (2 * xpy) * dxpysqr;  //                               #(5)
  // backprop xpy = x + y
  double dx = (1) * dxpy;  //                                                #(4)
  double dy = (1) * dxpy;  //                                                #(4)
  // backprop sigx = 1.0 / (1 + math.exp(-x))
  dx += ((1 - sigx) * sigx) * dsigx;  // notice += !!                        #(3)
  // backprop num = x + sigy
  dx += (1) * dnum;                  //                                      #(2)
  const double dsigy = (1) * dnum;   //                                      #(2)
  // backprop sigy = 1.0 / (1 + math.exp(-y))
  dy += ((1 - sigy) * sigy) * dsigy;  //                                     #(1)
  *d_x += dx;
  *d_y += dy;
  return f;
}

// Example 4: y = ln(x1) + x1*x2 - sin(x2), as Baydin et al.'s evaluation trace
// (v_-1 = x1, v0 = x2) and its adjoint trace (vN_bar = dy/dvN).
inline double log_mul_sin_grad(double x1, double x2, double* d_x1, double* d_x2) {
  // forward primal trace
  const double vm1 = x1;
  const double v0 = x2;
  const double v1 = std::log(vm1);
  const double v2 = vm1 * v0;
  const double v3 = std::sin(v0);
  const double v4 = v1 + v2;
  const double v5 = v4 - v3;
  // reverse adjoint trace
  const double v5_bar = 1.0;  // y_bar
  const double v4_bar = v5_bar * 1.0;
  const double v3_bar = v5_bar * -1.0;
  const double v1_bar = v4_bar * 1.0;
  const double v2_bar = v4_bar * 1.0;
  double v0_bar = v3_bar * std::cos(v0);
  double vm1_bar = v2_bar * v0;
  v0_bar += v2_bar * vm1;
  vm1_bar += v1_bar / vm1;
  *d_x1 += vm1_bar;
  *d_x2 += v0_bar;
  return v5;
}

}  // namespace seeds_hand

#endif  // GRADC_SAMPLES_SEEDS_HANDWRITTEN_HPP
