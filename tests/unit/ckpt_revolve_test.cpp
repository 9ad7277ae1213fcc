// The binomial schedule of gradc/revolve.h, driven exactly as the code gradc
// writes for a checkpointed loop drives it (reverse/Checkpoint.cpp):
// every step reversed once, last first; never more than c slots; and the
// steps advanced are the binomial optimum, checked against a brute-force
// minimum over all schedules for small n.
#include <gradc/revolve.h>

#include <gtest/gtest.h>

#include <algorithm>
#include <vector>

namespace {

struct Schedule {
  std::vector<int> reversed;  // steps in the order they were reversed
  long long advances = 0;     // steps the reverse sweep runs again, primal only
  int lastForwardShot = 0;    // the newest state the forward sweep kept
  int maxSlots = 0;
};

// The generated code, with the loop body replaced by counting. The forward
// sweep keeps the entry state and, with forwardShots, the states the
// schedule keeps on the way to the last step.
Schedule drive(int n, int c, bool forwardShots = true) {
  Schedule run;
  std::vector<int> at(static_cast<size_t>(c), -1);
  int top = 0;
  at[0] = 0;
  run.maxSlots = 1;
  auto keep = [&](int j) {
    ++top;
    at[static_cast<size_t>(top)] = j;
    run.maxSlots = std::max(run.maxSlots, top + 1);
  };
  if (forwardShots) {
    int next = 0 + gradc_revolve_split(n - 0, c - 1 - top);
    for (int k = 0; k < n; ++k)
      if (k == next) {
        keep(k);
        run.lastForwardShot = k;
        next = k + gradc_revolve_split(n - k, c - 1 - top);
      }
  }
  for (int i = n - 1; i >= 0; --i) {
    int p = at[static_cast<size_t>(top)];
    int next = p + gradc_revolve_split(i + 1 - p, c - 1 - top);
    for (int j = p; j < i; ++j) {
      if (j == next) {
        keep(j);
        next = j + gradc_revolve_split(i + 1 - j, c - 1 - top);
      }
      ++run.advances;
    }
    run.reversed.push_back(i);
    if (at[static_cast<size_t>(top)] == i) --top;
  }
  return run;
}

// Least steps advanced over every schedule: advance m, keep, reverse the
// right part with one slot less, then the left part.
long long optimum(int l, int free, std::vector<std::vector<long long>>& memo) {
  if (l <= 1) return 0;
  if (free == 0) return static_cast<long long>(l) * (l - 1) / 2;
  long long& m = memo[static_cast<size_t>(l)][static_cast<size_t>(free)];
  if (m >= 0) return m;
  long long best = -1;
  for (int k = 1; k < l; ++k) {
    long long t = k + optimum(l - k, free - 1, memo) + optimum(k, free, memo);
    if (best < 0 || t < best) best = t;
  }
  return m = best;
}

TEST(CkptRevolve, EveryStepReversedOnceLastFirst) {
  for (bool forwardShots : {false, true})
  for (int c : {1, 2, 3, 4, 8, 32})
    for (int n : {0, 1, 2, 3, 7, 10, 100, 1000, 10000}) {
      Schedule run = drive(n, c, forwardShots);
      ASSERT_EQ(run.reversed.size(), static_cast<size_t>(n)) << n << " steps, " << c << " slots";
      for (int k = 0; k < n; ++k) ASSERT_EQ(run.reversed[static_cast<size_t>(k)], n - 1 - k);
      EXPECT_LE(run.maxSlots, c) << n << " steps, " << c << " slots";
    }
}

TEST(CkptRevolve, AdvancesAreTheBinomialOptimum) {
  const int kMax = 160;
  std::vector<std::vector<long long>> memo(kMax + 1, std::vector<long long>(8, -1));
  for (int c = 1; c <= 7; ++c)
    for (int n = 1; n <= kMax; ++n) {
      long long best = optimum(n, c - 1, memo);
      EXPECT_EQ(drive(n, c, false).advances, best) << n << " steps, " << c << " slots";
      EXPECT_EQ(gradc_revolve_advances(n, c), best) << n << " steps, " << c << " slots";
      // The forward sweep's states spare the first reverse step's advance.
      Schedule run = drive(n, c);
      EXPECT_EQ(run.advances + run.lastForwardShot, best) << n << " steps, " << c << " slots";
    }
  // Long runs: the closed form, and the repetition bound per step.
  for (int c : {4, 8, 16, 32})
    for (int n : {100, 1000, 10000, 100000}) {
      Schedule run = drive(n, c, false);
      EXPECT_EQ(run.advances, gradc_revolve_advances(n, c)) << n << " steps, " << c << " slots";
      EXPECT_LE(run.advances, static_cast<long long>(gradc_revolve_repetitions(n, c)) * n);
    }
}

TEST(CkptRevolve, OneSlotIsQuadratic) {
  EXPECT_EQ(drive(10, 1).advances, 45);  // (no slot for the forward sweep to fill)
  EXPECT_EQ(gradc_revolve_split(10, 0), 10);
  EXPECT_EQ(gradc_revolve_split(1, 5), 1);
}

}  // namespace
