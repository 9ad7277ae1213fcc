// The binomial schedule of gradc/revolve.h, driven exactly as the reverse
// sweep gradc writes for a checkpointed loop drives it (reverse/Checkpoint.cpp):
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
  long long advances = 0;
  int maxSlots = 0;
};

// The generated driver, with the loop body replaced by counting.
Schedule drive(int n, int c) {
  Schedule run;
  std::vector<int> at(static_cast<size_t>(c), -1);
  int top = 0;
  at[0] = 0;  // the forward sweep keeps the entry state
  run.maxSlots = 1;
  for (int i = n - 1; i >= 0; --i) {
    int p = at[static_cast<size_t>(top)];
    int next = p + gradc_revolve_split(i + 1 - p, c - 1 - top);
    for (int j = p; j < i; ++j) {
      if (j == next) {
        ++top;
        at[static_cast<size_t>(top)] = j;
        run.maxSlots = std::max(run.maxSlots, top + 1);
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
  for (int c : {1, 2, 3, 4, 8, 32})
    for (int n : {0, 1, 2, 3, 7, 10, 100, 1000, 10000}) {
      Schedule run = drive(n, c);
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
      EXPECT_EQ(drive(n, c).advances, best) << n << " steps, " << c << " slots";
      EXPECT_EQ(gradc_revolve_advances(n, c), best) << n << " steps, " << c << " slots";
    }
  // Long runs: the closed form, and the repetition bound per step.
  for (int c : {4, 8, 16, 32})
    for (int n : {100, 1000, 10000, 100000}) {
      Schedule run = drive(n, c);
      EXPECT_EQ(run.advances, gradc_revolve_advances(n, c)) << n << " steps, " << c << " slots";
      EXPECT_LE(run.advances, static_cast<long long>(gradc_revolve_repetitions(n, c)) * n);
    }
}

TEST(CkptRevolve, OneSlotIsQuadratic) {
  EXPECT_EQ(drive(10, 1).advances, 45);
  EXPECT_EQ(gradc_revolve_split(10, 0), 10);
  EXPECT_EQ(gradc_revolve_split(1, 5), 1);
}

}  // namespace
