// Explanations of the linear exposure: the upstream paths that carry most of a firm's exposure.
//
// The linear system x = λWx + c (linear.hpp) has the Neumann series x = Σ_k (λW)^k c, so a firm's
// exposure splits exactly into contributions of paths b = v0 ← v1 ← … ← vk (vi+1 supplies vi):
//   contribution(P) = λ^k · Π_i w(v_{i+1}, v_i) · c_{vk},
// with c the own term (1 − λ) r + λ (1 − Σw) u of a firm with suppliers and r without. The empty
// path (k = 0) carries b's own term. Over all paths (infinitely many when there are cycles) the
// contributions sum to x_b.
//
// Top-k search: best first over path prefixes by their weight π = λ^k Π w, which never grows when
// a prefix is extended (λ w ≤ λ < 1). Every popped prefix is itself a path with contribution
// π · c_end. The search stops when the k best contributions found are at least the largest weight
// left in the queue times the largest own term upstream, which proves they are the top k, or when
// `max_expansions` prefixes were expanded (then `exact` is false).
#pragma once

#include <algorithm>
#include <cstdint>
#include <queue>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/linear.hpp>
#include <diligence/risk/matrix.hpp>

namespace diligence::risk {

struct PathOptions {
  std::size_t top = 10;                    ///< how many paths
  std::size_t max_expansions = 2'000'000;  ///< bound on the work
  LinearOptions linear;                    ///< λ and u of the exposure being explained
};

/// One path: firms from the focal firm upstream to the firm whose own term it carries.
struct ContributingPath {
  std::vector<model::FirmIndex> firms;  ///< firms[0] = focal firm, firms.back() = origin
  double weight = 0.0;                  ///< λ^k Π w
  double contribution = 0.0;            ///< weight × own term of the origin
};

struct PathResult {
  std::vector<ContributingPath> paths;  ///< largest contribution first (ties: shorter, then by ids)
  double explained = 0.0;               ///< Σ contributions of `paths`
  bool exact = true;                    ///< false when max_expansions stopped the search
  std::size_t expansions = 0;
};

/// Top contributing paths of firm `focal`'s exposure in category column `category` of `own`.
/// @throws UsageError for a bad firm index, category column or options.
[[nodiscard]] inline PathResult top_paths(const model::SupplyNetwork& net, const RiskMatrix& own,
                                          model::FirmIndex focal, std::size_t category,
                                          const PathOptions& options = {}) {
  check(options.linear);
  if (focal >= net.num_firms())
    throw UsageError(errc::kIndexRange, "focal firm index out of range");
  if (category >= static_cast<std::size_t>(own.cols()))
    throw UsageError(errc::kIndexRange, "category column out of range");
  const double lam = options.linear.upstream_weight;
  const RiskMatrix c = own_terms(net, own, options.linear);
  const auto k = static_cast<Eigen::Index>(category);
  double c_max = 0.0;
  for (Eigen::Index i = 0; i < c.rows(); ++i) c_max = std::max(c_max, c(i, k));

  struct Node {
    model::FirmIndex firm;
    std::uint32_t parent;  // index into nodes, UINT32_MAX for the root
    double weight;
  };
  std::vector<Node> nodes{{focal, UINT32_MAX, 1.0}};
  auto by_weight = [&](std::uint32_t a, std::uint32_t b) {
    return nodes[a].weight < nodes[b].weight;
  };
  std::priority_queue<std::uint32_t, std::vector<std::uint32_t>, decltype(by_weight)> queue(
      by_weight);
  queue.push(0);
  // The best `top` (contribution, node) found so far, as a min-heap.
  using Found = std::pair<double, std::uint32_t>;
  std::priority_queue<Found, std::vector<Found>, std::greater<>> best;
  PathResult out;
  const auto off = net.in_offsets();
  const auto src = net.in_sources();
  const auto lnk = net.in_links();
  const auto w = net.weights();
  while (!queue.empty() && options.top > 0) {
    const std::uint32_t id = queue.top();
    const double bound = nodes[id].weight * c_max;
    if (best.size() == options.top && best.top().first >= bound) break;
    queue.pop();
    const Node node = nodes[id];
    const double contribution = node.weight * c(node.firm, k);
    if (best.size() < options.top)
      best.emplace(contribution, id);
    else if (contribution > best.top().first) {
      best.pop();
      best.emplace(contribution, id);
    }
    if (out.expansions >= options.max_expansions) {
      out.exact = false;
      break;
    }
    ++out.expansions;
    for (std::uint32_t e = off[node.firm]; e < off[node.firm + 1]; ++e) {
      const double weight = node.weight * lam * w[lnk[e]];
      if (weight <= 0.0) continue;
      nodes.push_back({src[e], id, weight});
      queue.push(static_cast<std::uint32_t>(nodes.size() - 1));
    }
  }
  while (!best.empty()) {
    const auto [contribution, id] = best.top();
    best.pop();
    ContributingPath p;
    p.weight = nodes[id].weight;
    p.contribution = contribution;
    for (std::uint32_t v = id; v != UINT32_MAX; v = nodes[v].parent)
      p.firms.push_back(nodes[v].firm);
    std::reverse(p.firms.begin(), p.firms.end());
    out.paths.push_back(std::move(p));
  }
  // Largest contribution first; ties by fewer firms, then by firm indices, so the order does not
  // depend on the heap.
  std::sort(out.paths.begin(), out.paths.end(),
            [](const ContributingPath& a, const ContributingPath& b) {
              if (a.contribution != b.contribution) return a.contribution > b.contribution;
              if (a.firms.size() != b.firms.size()) return a.firms.size() < b.firms.size();
              return a.firms < b.firms;
            });
  for (const auto& p : out.paths) out.explained += p.contribution;
  return out;
}

}  // namespace diligence::risk
