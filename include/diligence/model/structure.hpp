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
#include <span>
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

namespace detail {
/// Iterative Tarjan over the forward CSR (supplier → buyer). Calls `emit(begin, end)` with the
/// members of each strongly connected component, in the order Tarjan completes them: every
/// component is emitted after all components it reaches, i.e. buyers before their suppliers
/// (reverse topological order of the condensation). The members come in the order the depth-first
/// search finished them (postorder): reversed, every link inside the component except the DFS's
/// back links goes from an earlier member to a later one.
template <typename Emit>
void tarjan(const SupplyNetwork& net, Emit&& emit) {
  const auto n = static_cast<std::uint32_t>(net.num_firms());
  const auto off = net.out_offsets();
  const auto tgt = net.out_targets();
  constexpr std::uint32_t kUnvisited = UINT32_MAX;
  std::vector<std::uint32_t> index(n, kUnvisited), low(n, 0);
  std::vector<std::uint8_t> on_stack(n, 0);
  std::vector<std::uint32_t> stack;
  struct Frame {
    std::uint32_t v;
    std::uint32_t next_edge;
  };
  std::vector<Frame> call;
  std::vector<std::uint32_t> finished;  // finished vertices of components not yet emitted
  std::uint32_t counter = 0;
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
      finished.push_back(v);
      if (low[v] == index[v]) {
        auto first = stack.end();
        do {
          --first;
          on_stack[*first] = 0;
        } while (*first != v);
        // The members are the last ones finished (components inside v's subtree are gone).
        const auto count = stack.end() - first;
        emit(&*(finished.end() - count), &*(finished.end() - count) + count);
        finished.erase(finished.end() - count, finished.end());
        stack.erase(first, stack.end());
      }
      call.pop_back();
      if (!call.empty()) low[call.back().v] = std::min(low[call.back().v], low[v]);
    }
  }
}
}  // namespace detail

/// Strongly connected components. Labels are renumbered in order of smallest firm index.
/// A component with more than one firm is a supply cycle.
[[nodiscard]] inline Components strong_components(const SupplyNetwork& net) {
  const auto n = static_cast<std::uint32_t>(net.num_firms());
  std::vector<std::uint32_t> raw(n, 0);
  std::uint32_t raw_count = 0;
  detail::tarjan(net, [&](const std::uint32_t* b, const std::uint32_t* e) {
    for (; b != e; ++b) raw[*b] = raw_count;
    ++raw_count;
  });
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

/// The condensation of the network in topological order: strongly connected components such that
/// every supplier's component comes before its buyers' (upstream first). Propagation kernels visit
/// it in this order, so that a firm is computed after all its suppliers outside its own cycle.
/// Inside a cycle the members are in reverse postorder of the depth-first search: only the
/// search's back links go from a later member to an earlier one, so a Gauss–Seidel sweep in this
/// order carries risk along every other link within the same sweep.
struct Condensation {
  std::vector<FirmIndex> firms;        ///< firms grouped by component, components in order
  std::vector<std::uint32_t> offsets;  ///< component c = firms[offsets[c] .. offsets[c+1])
  [[nodiscard]] std::size_t count() const noexcept {
    return offsets.empty() ? 0 : offsets.size() - 1;
  }
  [[nodiscard]] std::span<const FirmIndex> members(std::size_t c) const {
    return {firms.data() + offsets[c], offsets[c + 1] - offsets[c]};
  }
  /// True when component c is a supply cycle (more than one firm; self links do not exist).
  [[nodiscard]] bool cyclic(std::size_t c) const noexcept {
    return offsets[c + 1] - offsets[c] > 1;
  }
};

/// Computes the condensation order. O(n + m).
[[nodiscard]] inline Condensation condensation(const SupplyNetwork& net) {
  Condensation out;
  out.firms.reserve(net.num_firms());
  std::vector<std::uint32_t> sizes;
  detail::tarjan(net, [&](const std::uint32_t* b, const std::uint32_t* e) {
    out.firms.insert(out.firms.end(), b, e);
    sizes.push_back(static_cast<std::uint32_t>(e - b));
  });
  // Tarjan emits buyers first and members in postorder: reversing the whole list gives the
  // components in topological order and each component's members in reverse postorder.
  std::reverse(out.firms.begin(), out.firms.end());
  std::reverse(sizes.begin(), sizes.end());
  out.offsets.resize(sizes.size() + 1, 0);
  for (std::size_t c = 0; c < sizes.size(); ++c) out.offsets[c + 1] = out.offsets[c] + sizes[c];
  return out;
}

}  // namespace diligence::model
