// Charts of the HTML reports (report_charts.hpp).
#include "report_charts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

namespace diligence::cli {

report::HeatMap tier_heat_map(std::string title, const risk::RiskMatrix& exposure,
                              const std::vector<std::string>& categories,
                              const std::vector<TieredFirm>& firms) {
  std::int32_t deepest = 0;
  for (const auto& [f, t] : firms) deepest = std::max(deepest, t);
  const std::size_t rows = firms.empty() ? 0 : static_cast<std::size_t>(deepest) + 1;
  const std::size_t cols = categories.size();
  std::vector<double> sum(rows * cols, 0.0);
  std::vector<std::size_t> count(rows, 0);
  for (const auto& [f, t] : firms) {
    if (t < 0) continue;
    const auto r = static_cast<std::size_t>(t);
    ++count[r];
    for (std::size_t k = 0; k < cols; ++k)
      sum[r * cols + k] += exposure(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(k));
  }
  report::HeatMap h;
  h.title = std::move(title);
  h.column_labels = categories;
  double top = 0.0;
  for (std::size_t r = 0; r < rows; ++r) {
    h.row_labels.push_back("tier " + std::to_string(r) + " (" + std::to_string(count[r]) + ")");
    for (std::size_t k = 0; k < cols; ++k) {
      const double v = count[r] == 0 ? std::numeric_limits<double>::quiet_NaN()
                                     : sum[r * cols + k] / static_cast<double>(count[r]);
      h.values.push_back(v);
      if (!std::isnan(v)) top = std::max(top, v);
    }
  }
  h.scale_max = top > 0.0 ? top : 1.0;
  return h;
}

namespace {

double value_of(const risk::RiskMatrix& exposure, model::FirmIndex f, std::size_t k) {
  return exposure(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(k));
}

/// The largest exposure among the values, for the colour scale (1 when all are 0).
template <typename Values>
double scale_of(const Values& values) {
  double top = 0.0;
  for (const double v : values) top = std::max(top, v);
  return top > 0.0 ? top : 1.0;
}

}  // namespace

std::function<double(model::FirmIndex)> column_of(const risk::RiskMatrix& exposure,
                                                  std::size_t k) {
  return [&exposure, k](model::FirmIndex f) { return value_of(exposure, f, k); };
}

report::NetworkMap network_map(std::string title, const model::Scenario& scenario,
                               const std::function<double(model::FirmIndex)>& value,
                               const std::vector<TieredFirm>& firms, model::FirmIndex focal) {
  const model::SupplyNetwork& net = scenario.network;
  report::NetworkMap m;
  m.title = std::move(title);
  std::unordered_map<model::FirmIndex, std::size_t> index;
  index.reserve(firms.size());
  std::vector<double> values;
  for (const auto& [f, t] : firms) {
    if (!index.emplace(f, m.nodes.size()).second) continue;
    const model::Firm& firm = net.firm(f);
    report::MapNode node;
    node.id = firm.id;
    node.label = firm.name;
    node.tier = static_cast<std::uint32_t>(std::max(0, t));
    node.value = value(f);
    node.focal = f == focal;
    values.push_back(node.value);
    m.nodes.push_back(std::move(node));
  }
  const auto offsets = net.in_offsets();
  const auto sources = net.in_sources();
  const auto weights = net.in_weights();
  for (const auto& [b, t] : firms) {
    const std::size_t to = index.at(b);
    for (std::uint32_t e = offsets[b]; e < offsets[b + 1]; ++e) {
      const auto it = index.find(sources[e]);
      if (it == index.end()) continue;
      report::MapEdge edge;
      edge.from = it->second;
      edge.to = to;
      edge.weight = weights[e];
      m.edges.push_back(edge);
    }
  }
  m.scale_max = scale_of(values);
  return m;
}

report::PathDiagram path_diagram(std::string title, const model::Scenario& scenario,
                                 const risk::RiskMatrix& exposure, std::size_t category,
                                 const std::string& category_name,
                                 const risk::PathResult& paths) {
  const model::SupplyNetwork& net = scenario.network;
  report::PathDiagram d;
  d.title = std::move(title);
  std::vector<double> values;
  for (const auto& p : paths.paths) {
    report::ContributionPath path;
    path.contribution = p.contribution;
    path.category = category_name;
    for (auto it = p.firms.rbegin(); it != p.firms.rend(); ++it) {
      const model::Firm& firm = net.firm(*it);
      report::PathNode node;
      node.id = firm.id;
      node.label = firm.name;
      node.value = value_of(exposure, *it, category);
      values.push_back(node.value);
      path.nodes.push_back(std::move(node));
    }
    d.paths.push_back(std::move(path));
  }
  d.scale_max = scale_of(values);
  return d;
}

std::vector<TieredFirm> tiers_from_chain_ends(const model::SupplyNetwork& net) {
  const std::size_t n = net.num_firms();
  const auto in_off = net.in_offsets();
  const auto in_src = net.in_sources();
  const auto out_off = net.out_offsets();
  std::vector<std::int32_t> tier(n, -1);
  std::vector<model::FirmIndex> frontier, next;
  for (model::FirmIndex f = 0; f < n; ++f)
    if (out_off[f] == out_off[f + 1]) {
      tier[f] = 0;
      frontier.push_back(f);
    }
  std::int32_t depth = 0;
  while (!frontier.empty()) {
    next.clear();
    for (const model::FirmIndex b : frontier)
      for (std::uint32_t e = in_off[b]; e < in_off[b + 1]; ++e) {
        const model::FirmIndex s = in_src[e];
        if (tier[s] >= 0) continue;
        tier[s] = depth + 1;
        next.push_back(s);
      }
    if (!next.empty()) ++depth;
    frontier.swap(next);
  }
  std::vector<TieredFirm> out;
  out.reserve(n);
  for (model::FirmIndex f = 0; f < n; ++f)
    if (tier[f] >= 0) out.emplace_back(f, tier[f]);
  for (model::FirmIndex f = 0; f < n; ++f)
    if (tier[f] < 0) out.emplace_back(f, depth + 1);
  return out;
}

report::Histogram histogram(std::string title, std::string x_label, std::vector<double> samples,
                            std::size_t bins) {
  report::Histogram h;
  h.title = std::move(title);
  h.x_label = std::move(x_label);
  h.samples = std::move(samples);
  h.bins = bins;
  return h;
}

}  // namespace diligence::cli
