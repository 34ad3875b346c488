// The one solver loop the fixed-point kernels share (linear exposure, noisy-OR, adjoint): visit the
// strongly connected components in condensation order (or its reverse), compute a component
// without a cycle in one exact step, and sweep a cycle Gauss–Seidel style until the a-posteriori
// bound `bound · change ≤ tolerance` holds or `max_sweeps` is reached.
#pragma once

#include <algorithm>
#include <cstdint>

#include <diligence/model/structure.hpp>

namespace diligence::risk::detail {

/// What the sweeps did.
struct SweepStats {
  std::uint32_t sweeps = 0;  ///< largest number of sweeps over any cycle
  bool converged = true;
  std::size_t cyclic_components = 0;
  std::size_t firms_in_cycles = 0;
};

/// How the change of one sweep is measured.
enum class ChangeNorm { kMax, kSum };
/// Which way the components are visited: suppliers first (exposure) or buyers first (adjoint).
enum class Direction { kUpstreamFirst, kDownstreamFirst };

/// `update(firm, track)` recomputes one firm and, when `track`, returns its change (max or sum
/// over its entries, matching `norm`).
template <typename Update>
SweepStats solve_components(const model::Condensation& order, Direction direction, ChangeNorm norm,
                            double bound, double tolerance, std::uint32_t max_sweeps,
                            Update&& update) {
  SweepStats out;
  const std::size_t count = order.count();
  for (std::size_t i = 0; i < count; ++i) {
    const std::size_t comp = direction == Direction::kUpstreamFirst ? i : count - 1 - i;
    const auto members = order.members(comp);
    if (!order.cyclic(comp)) {
      (void)update(members[0], false);
      continue;
    }
    ++out.cyclic_components;
    out.firms_in_cycles += members.size();
    std::uint32_t sweep = 0;
    while (true) {
      double change = 0.0;
      for (std::size_t j = 0; j < members.size(); ++j) {
        const auto firm =
            members[direction == Direction::kUpstreamFirst ? j : members.size() - 1 - j];
        const double c = update(firm, true);
        change = norm == ChangeNorm::kMax ? std::max(change, c) : change + c;
      }
      ++sweep;
      if (bound * change <= tolerance) break;
      if (sweep >= max_sweeps) {
        out.converged = false;
        break;
      }
    }
    out.sweeps = std::max(out.sweeps, sweep);
  }
  return out;
}

}  // namespace diligence::risk::detail
