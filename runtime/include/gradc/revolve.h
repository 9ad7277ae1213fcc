/* Binomial checkpointing (Griewank's revolve) for gradients under a storage
 * budget (docs/checkpointing.md). Header-only, freestanding, C99 and C++: no
 * includes, no allocation, no state but the caller's.
 *
 * The code gradc writes for a checkpointed loop of n steps keeps c states
 * ("slots"): its forward sweep keeps the entry state in slot 0 and the
 * states gradc_revolve_split chooses on the way to the last step. To reverse
 * step i (last first) the reverse sweep restores the newest slot (step
 * p <= i), advances to i, keeping a state every gradc_revolve_split steps
 * while slots are free, then runs step i again keeping its values and
 * reverses it; a slot at i is freed then. With c slots every step is run
 * again at most r times, r the least with C(c + r, c) >= n, and the steps
 * advanced are the least possible for c slots (Griewank 1992:
 * r n - C(c + r, c + 1), counting the forward sweep's as revolve does).
 */
#ifndef GRADC_REVOLVE_H
#define GRADC_REVOLVE_H

/* How many steps to advance from the newest kept state before keeping the
 * next one, when `steps` steps (from that state on) remain to be reversed and
 * `free_slots` slots are free: the binomial split, the left part reversed
 * later with one repetition less, the right part with one slot less. Returns
 * `steps` (keep nothing) when no slot is free or one step remains. */
static inline int gradc_revolve_split(int steps, int free_slots) {
  long long c, r, range, left, right_min, m;
  if (free_slots <= 0 || steps <= 1) return steps;
  c = (long long)free_slots + 1; /* with the slot being advanced from */
  r = 0;
  range = 1; /* C(c + r, c) */
  while (range < steps) {
    ++r;
    range = range * (c + r) / r;
  }
  left = range * r / (c + r);  /* C(c + r - 1, c): what c slots reverse with r - 1 repetitions */
  right_min = left * c / (c + r - 1); /* C(c + r - 2, c - 1): a shorter right part wastes a repetition */
  m = steps - right_min;
  if (m > left) m = left;
  if (m < 1) m = 1;
  if (m > steps - 1) m = steps - 1;
  return (int)m;
}

/* The least r with C(slots + r, slots) >= steps: how often a step is run
 * again at most (beyond the forward sweep and the one that keeps its values). */
static inline int gradc_revolve_repetitions(int steps, int slots) {
  long long r = 0, range = 1;
  if (slots < 1) return -1;
  while (range < steps) {
    ++r;
    range = range * (slots + r) / r;
  }
  return (int)r;
}

/* Steps advanced (run without keeping values) by the reverse sweep of
 * `steps` steps with `slots` slots, slot 0 the entry state: the binomial
 * optimum r n - C(slots + r, slots + 1). gradc's f_grad runs each step once
 * more in its forward sweep and once to keep its values before reversing it. */
static inline long long gradc_revolve_advances(int steps, int slots) {
  long long r, b;
  long long i;
  if (steps <= 1 || slots < 1) return 0;
  r = gradc_revolve_repetitions(steps, slots);
  /* C(slots + r, slots + 1) = C(slots + r, r - 1) */
  b = 1;
  for (i = 1; i <= r - 1; ++i) b = b * (slots + 1 + i) / i;
  return r * steps - b;
}

#endif /* GRADC_REVOLVE_H */
