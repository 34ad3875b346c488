// The backward CSR of a supplier network relabelled into condensation order, for the propagation
// kernels' hot loops.
//
// New index i is the i-th firm of the condensation (components in topological order, suppliers
// first), so a kernel walks its rows front to back, writes its result rows sequentially and finds
// every supplier outside the row's own cycle at a smaller index. Inside a cycle the members keep
// the condensation's reverse postorder, in which only the depth-first search's back links point
// backwards, so a Gauss–Seidel sweep carries risk along every other link in the same pass. Each row
// holds its suppliers' new indices with the link weights inline: one sequential stream of 12 bytes
// per link and one gather of the supplier's row, instead of an extra random read of the weight by
// link index.
//
// Runs of consecutive components without a cycle are merged into one acyclic block: rows that are
// each computed exactly once, in order.
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include <diligence/model/structure.hpp>
#include <diligence/model/supply_network.hpp>

namespace diligence::risk::detail {

struct RelabelledNetwork {
  /// Rows [lo, hi) of one block: a supply cycle, or a run of firms outside cycles.
  struct Block {
    std::uint32_t lo = 0;
    std::uint32_t hi = 0;
    bool cyclic = false;
  };
  std::vector<model::FirmIndex> firm;  ///< new index → firm index
  std::vector<std::uint32_t> offsets;  ///< row i's suppliers: [offsets[i], offsets[i+1])
  std::vector<std::uint32_t> source;   ///< the supplier's new index
  std::vector<double> weight;          ///< w(supplier, buyer)
  std::vector<Block> blocks;           ///< in topological order
  std::size_t cyclic_components = 0;
  std::size_t firms_in_cycles = 0;

  [[nodiscard]] std::size_t size() const noexcept { return firm.size(); }
};

/// Relabels `net` by `order`, filling the rows with `threads` threads (OpenMP, when compiled
/// with it). O(n + m) time and 12 bytes per link.
[[nodiscard]] inline RelabelledNetwork relabel(const model::SupplyNetwork& net,
                                               const model::Condensation& order,
                                               [[maybe_unused]] int threads = 1) {
  const std::size_t n = net.num_firms();
  RelabelledNetwork out;
  out.firm.resize(n);
  std::vector<std::uint32_t> position(n);
  std::uint32_t next = 0;
  for (std::size_t c = 0; c < order.count(); ++c) {
    const auto members = order.members(c);
    const auto lo = next;
    for (const model::FirmIndex f : members) {
      out.firm[next] = f;
      position[f] = next++;
    }
    const bool cyclic = order.cyclic(c);
    if (cyclic) {
      ++out.cyclic_components;
      out.firms_in_cycles += members.size();
    }
    if (!cyclic && !out.blocks.empty() && !out.blocks.back().cyclic)
      out.blocks.back().hi = next;
    else
      out.blocks.push_back({lo, next, cyclic});
  }
  const auto off = net.in_offsets();
  const auto src = net.in_sources();
  const auto lnk = net.in_links();
  const auto w = net.weights();
  out.offsets.resize(n + 1);
  out.offsets[0] = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const auto b = out.firm[i];
    out.offsets[i + 1] = out.offsets[i] + (off[b + 1] - off[b]);
  }
  out.source.resize(net.num_links());
  out.weight.resize(net.num_links());
#if defined(_OPENMP)
#pragma omp parallel for schedule(static, 4096) num_threads(std::max(1, threads))
#endif
  for (std::int64_t row = 0; row < static_cast<std::int64_t>(n); ++row) {
    const auto i = static_cast<std::size_t>(row);
    const auto b = out.firm[i];
    std::uint32_t k = out.offsets[i];
    for (std::uint32_t e = off[b]; e < off[b + 1]; ++e, ++k) {
      out.source[k] = position[src[e]];
      out.weight[k] = w[lnk[e]];
    }
  }
  return out;
}

}  // namespace diligence::risk::detail
