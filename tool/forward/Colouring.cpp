// The star colouring of a symmetric Hessian pattern and where each nonzero is
// read from (Gebremedhin, Manne, Pothen, "What color is your Jacobian?",
// SIAM Review 47(4), 2005, section 4.3). A distance-2 colouring reads every
// H_ij from column j's sweep, so a dense row (an arrow) forces n colours; a
// star colouring reads H_ij from column j's sweep or column i's, whichever
// stands alone in its row, and an arrow takes 2.
#include "forward/Sparsity.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

namespace gradc {

namespace {

// The adjacency graph of a symmetric pattern: row v's columns but v.
std::vector<std::vector<int>> neighbours(const std::vector<std::vector<int>>& rows) {
  std::vector<std::vector<int>> adj(rows.size());
  for (size_t v = 0; v < rows.size(); ++v)
    for (int w : rows[v])
      if (w != static_cast<int>(v) && static_cast<size_t>(w) < rows.size()) adj[v].push_back(w);
  return adj;
}

}  // namespace

// Greedy, vertices by descending degree (an arrow's hub first, alone in its
// colour). A vertex v takes the smallest colour c that no neighbour has and
// that closes no path on 4 vertices with 2 colours: such a path alternates
// c, a, c, a, so it runs v - w - x (colour(x) = c, colour(w) = a) and then
// either on to another neighbour y of x coloured a, or back from v to another
// neighbour u of v coloured a. No other path can get 2 colours: those
// without v keep theirs, and the colouring so far is a star colouring.
std::vector<int> starColouring(const std::vector<std::vector<int>>& rows) {
  const std::vector<std::vector<int>> adj = neighbours(rows);
  const size_t n = adj.size();
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](int a, int b) { return adj[static_cast<size_t>(a)].size() > adj[static_cast<size_t>(b)].size(); });
  std::vector<int> colour(n, -1);
  std::vector<std::unordered_map<int, int>> around(n);  // per vertex: colour -> coloured neighbours of it
  std::vector<int> forbiddenFor(n + 1, -1);              // the vertex a colour is forbidden for
  auto has = [&](size_t v, int a) {
    auto it = around[v].find(a);
    return it == around[v].end() ? 0 : it->second;
  };
  for (int v : order) {
    const size_t vv = static_cast<size_t>(v);
    for (int w : adj[vv])
      if (colour[static_cast<size_t>(w)] >= 0) forbiddenFor[static_cast<size_t>(colour[static_cast<size_t>(w)])] = v;
    for (int w : adj[vv]) {
      const int a = colour[static_cast<size_t>(w)];
      if (a < 0) continue;
      const bool another = has(vv, a) >= 2;  // u - v - w - x
      for (int x : adj[static_cast<size_t>(w)]) {
        const int c = colour[static_cast<size_t>(x)];
        if (x == v || c < 0) continue;
        if (another || has(static_cast<size_t>(x), a) >= 2) forbiddenFor[static_cast<size_t>(c)] = v;  // v - w - x - y
      }
    }
    int c = 0;
    while (forbiddenFor[static_cast<size_t>(c)] == v) ++c;
    colour[vv] = c;
    for (int w : adj[vv]) ++around[static_cast<size_t>(w)][c];
  }
  return colour;
}

// Row i of H d (d: 1 on colour s's columns) is the sum of H_im over the
// columns m of row i coloured s; it is H_ij alone when j is the only one.
std::optional<Recovery> recoverSymmetric(const std::vector<std::vector<int>>& rows, const std::vector<int>& colour) {
  std::vector<std::pair<int, int>> at;
  for (size_t i = 0; i < rows.size(); ++i)
    for (int j : rows[i]) at.push_back({static_cast<int>(i), j});
  std::vector<bool> alone(at.size());  // nonzero k's column is the only one of its colour in its row
  for (int c : colour)
    if (c < 0) return std::nullopt;
  std::vector<int> seen(colour.empty() ? 1 : static_cast<size_t>(*std::max_element(colour.begin(), colour.end())) + 1);
  size_t k = 0;
  for (const std::vector<int>& row : rows) {
    for (int j : row) {
      if (j < 0 || static_cast<size_t>(j) >= colour.size()) return std::nullopt;
      ++seen[static_cast<size_t>(colour[static_cast<size_t>(j)])];
    }
    for (int j : row) alone[k++] = seen[static_cast<size_t>(colour[static_cast<size_t>(j)])] == 1;
    for (int j : row) seen[static_cast<size_t>(colour[static_cast<size_t>(j)])] = 0;
  }
  Recovery out;
  for (k = 0; k < at.size(); ++k) {
    auto [i, j] = at[k];
    // H_ij and H_ji take one source, the same for both: exactly symmetric.
    int lo = std::min(i, j), hi = std::max(i, j);
    auto upper = std::lower_bound(at.begin(), at.end(), std::make_pair(lo, hi));
    auto lower = std::lower_bound(at.begin(), at.end(), std::make_pair(hi, lo));
    if (upper == at.end() || *upper != std::make_pair(lo, hi) || lower == at.end() || *lower != std::make_pair(hi, lo))
      return std::nullopt;  // (not symmetric)
    if (alone[static_cast<size_t>(upper - at.begin())]) {  // row lo of column hi's sweep
      out.sweep.push_back(colour[static_cast<size_t>(hi)]), out.row.push_back(lo);
    } else if (alone[static_cast<size_t>(lower - at.begin())]) {  // row hi of column lo's sweep
      out.sweep.push_back(colour[static_cast<size_t>(lo)]), out.row.push_back(hi);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

}  // namespace gradc
