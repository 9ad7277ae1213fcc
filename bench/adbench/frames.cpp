// Compiled with -fstack-usage by run.sh, only for the frame sizes: taking each
// gradient's address makes the compiler emit it out of line, under its own
// name, in frames.su.
#include "ba.cpp"
#include "det.cpp"
#include "gmm.cpp"
#include "kmeans.cpp"
#include "llsq.cpp"
#include "lse.cpp"
#include "lstm.cpp"
#include "ode.cpp"

#include "ba.grad.hpp"
#include "det.grad.hpp"
#include "gmm.grad.hpp"
#include "kmeans.grad.hpp"
#include "llsq.grad.hpp"
#include "lse.grad.hpp"
#include "lstm.grad.hpp"
#include "ode.grad.hpp"

#include "ba_hand.hpp"
#include "det_hand.hpp"
#include "gmm_hand.hpp"
#include "kmeans_hand.hpp"
#include "llsq_hand.hpp"
#include "lse_hand.hpp"
#include "lstm_hand.hpp"
#include "ode_hand.hpp"

void* volatile adbench_frames[] = {
    reinterpret_cast<void*>(&adb_lse::logsumexp_grad),
    reinterpret_cast<void*>(&adb_lse_hand::logsumexp_grad),
    reinterpret_cast<void*>(&adb_kmeans::kmeans_objective_grad),
    reinterpret_cast<void*>(&adb_kmeans_hand::kmeans_objective_grad),
    reinterpret_cast<void*>(&adb_gmm::gmm_objective_grad),
    reinterpret_cast<void*>(&adb_gmm_hand::gmm_objective_grad),
    reinterpret_cast<void*>(&adb_ba::ba_objective_grad),
    reinterpret_cast<void*>(&adb_ba_hand::ba_objective_grad),
    reinterpret_cast<void*>(&adb_ode::ode_objective_grad),
    reinterpret_cast<void*>(&adb_ode_hand::ode_objective_grad),
    reinterpret_cast<void*>(&adb_det::det7_grad),
    reinterpret_cast<void*>(&adb_det::det9_grad),
    reinterpret_cast<void*>(&adb_det_hand::det_minor_grad<7>),
    reinterpret_cast<void*>(&adb_det_hand::det_minor_grad<9>),
    reinterpret_cast<void*>(&adb_lstm::lstm_objective_grad),
    reinterpret_cast<void*>(&adb_lstm_hand::lstm_objective_grad),
    reinterpret_cast<void*>(&adb_llsq::llsq_objective_grad),
    reinterpret_cast<void*>(&adb_llsq_hand::llsq_objective_grad),
};
