// Structure of a supplier network: weakly connected components (who is linked at all) and
// strongly connected components (supply cycles: firms that reach each other through links).
//
// Weak components use union–find with path halving and union by size, O(m α(n)).
// Strong components use Tarjan's algorithm (R. Tarjan, "Depth-first search and linear graph
// algorithms", SIAM J. Comput. 1(2), 1972) with an explicit stack, so that long supplier chains
// cannot overflow the call stack; O(n + m).
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <vector>

#include <diligence/model/supply_network.hpp>

namespace diligence::model {

/// Component labels of every firm, numbered 0..count-1 in order of their smallest firm index.
struct Components {
  std::vector<std::uint32_t> component;  ///< label per firm
  std::vector<std::uint32_t> sizes;      ///< firms per label
  [[nodiscard]] std::size_t count() const noexcept { return sizes.size(); }
  [[nodiscard]] std::uint32_t largest() const noexcept {
    return sizes.empty() ? 0 : *std::max_element(sizes.begin(), sizes.end());
  }
};

/// Weakly connected components (link direction ignored).
[[nodiscard]] inline Components weak_components(const SupplyNetwork& net) {
  const auto n = static_cast<std::uint32_t>(net.num_firms());
  std::vector<std::uint32_t> parent(n), size(n, 1);
  std::iota(parent.begin(), parent.end(), 0u);
  auto find = [&](std::uint32_t x) {
    while (parent[x] != x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const auto off = net.out_offsets();
  const auto tgt = net.out_targets();
  for (std::uint32_t s = 0; s < n; ++s) {
    for (std::uint32_t e = off[s]; e < off[s + 1]; ++e) {
      std::uint32_t a = find(s), b = find(tgt[e]);
      if (a == b) continue;
      if (size[a] < size[b]) std::swap(a, b);
      parent[b] = a;
      size[a] += size[b];
    }
  }
  Components out;
  out.component.assign(n, 0);
  std::vector<std::uint32_t> label(n, UINT32_MAX);
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t r = find(v);
    if (label[r] == UINT32_MAX) {
      label[r] = static_cast<std::uint32_t>(out.sizes.size());
      out.sizes.push_back(0);
    }
    out.component[v] = label[r];
    ++out.sizes[label[r]];
  }
  return out;
}

/// Strongly connected components. Labels are renumbered in order of smallest firm index.
/// A component with more than one firm is a supply cycle.
[[nodiscard]] inline Components strong_components(const SupplyNetwork& net) {
  const auto n = static_cast<std::uint32_t>(net.num_firms());
  const auto off = net.out_offsets();
  const auto tgt = net.out_targets();
  constexpr std::uint32_t kUnvisited = UINT32_MAX;
  std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0), raw(n, 0);
  std::vector<std::uint8_t> on_stack(n, 0);
  std::vector<std::uint32_t> stack;
  struct Frame {
    std::uint32_t v;
    std::uint32_t next_edge;
  };
  std::vector<Frame> call;
  std::uint32_t counter = 0, raw_count = 0;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (index[root] != kUnvisited) continue;
    call.push_back({root, off[root]});
    index[root] = low[root] = counter++;
    stack.push_back(root);
    on_stack[root] = 1;
    while (!call.empty()) {
      Frame& f = call.back();
      const std::uint32_t v = f.v;
      if (f.next_edge < off[v + 1]) {
        const std::uint32_t w = tgt[f.next_edge++];
        if (index[w] == kUnvisited) {
          index[w] = low[w] = counter++;
          stack.push_back(w);
          on_stack[w] = 1;
          call.push_back({w, off[w]});
        } else if (on_stack[w]) {
          low[v] = std::min(low[v], index[w]);
        }
        continue;
      }
      if (low[v] == index[v]) {
        std::uint32_t w;
        do {
          w = stack.back();
          stack.pop_back();
          on_stack[w] = 0;
          raw[w] = raw_count;
        } while (w != v);
        ++raw_count;
      }
      call.pop_back();
      if (!call.empty()) low[call.back().v] = std::min(low[call.back().v], low[v]);
    }
  }
  Components out;
  out.component.assign(n, 0);
  std::vector<std::uint32_t> label(raw_count, UINT32_MAX);
  for (std::uint32_t v = 0; v < n; ++v) {
    std::uint32_t& l = label[raw[v]];
    if (l == UINT32_MAX) {
      l = static_cast<std::uint32_t>(out.sizes.size());
      out.sizes.push_back(0);
    }
    out.component[v] = l;
    ++out.sizes[l];
  }
  return out;
}

}  // namespace diligence::model
