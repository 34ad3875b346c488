// The HTML page of `diligence risk` (risk_report.hpp).
#include "risk_report.hpp"

#include <algorithm>

#include <diligence/report/charts.hpp>
#include <diligence/report/diagrams.hpp>
#include <diligence/report/plots.hpp>

#include "document.hpp"
#include "pipeline.hpp"
#include "report_charts.hpp"

namespace diligence::cli {

std::string risk_html(const RiskPage& p) {
  const model::Scenario& sc = *p.scenario;
  const model::SupplyNetwork& net = sc.network;
  const risk::RiskMatrix& x = *p.exposure;
  const std::vector<std::string>& cats = *p.categories;
  const bool focal = p.tiers != nullptr;
  const std::string focal_id = focal ? net.firm(p.focal).id : std::string();

  Document doc("Risk: " + p.scenario_label);
  doc.paragraph(std::to_string(net.num_firms()) + (net.num_firms() == 1 ? " firm, " : " firms, ") +
                std::to_string(net.num_links()) + (net.num_links() == 1 ? " link; " : " links; ") +
                p.parameters + ".");
  if (focal)
    doc.paragraph("The view is " + focal_id + " and its upstream network: " +
                  std::to_string(p.tiers->upstream_count()) + " firms in " +
                  std::to_string(p.tiers->max_tier()) + " tiers.");
  add_warnings(doc, *p.warnings);

  // Tiers of the view.
  std::vector<TieredFirm> tiered;
  if (focal) {
    for (const model::FirmIndex f : p.firms) tiered.emplace_back(f, p.tiers->tier[f]);
  } else {
    tiered = tiers_from_chain_ends(net);
  }
  const auto overall_of = [&x](model::FirmIndex f) { return overall(x, f); };

  doc.heading("Exposure by tier and category");
  if (cats.empty()) {
    doc.paragraph("The risk model has no categories.");
  } else {
    doc.figure(report::heat_map_svg(
                   tier_heat_map("Mean exposure by tier and category", x, cats, tiered)),
               focal ? "Mean exposure of the firms of each tier (tier 0 is " + focal_id +
                           "; the number of firms in brackets); grey: no firms."
                     : "Mean exposure of the firms of each tier; tier 0 are the firms with no "
                       "buyers (the ends of the chains), tier k the firms k links upstream of "
                       "the nearest of them. Grey: no firms.");
    report::BarChart bars;
    bars.title = "Mean exposure and own risk by category";
    bars.y_label = "mean over the firms of the view";
    bars.categories = cats;
    report::BarSeries own_series, exposure_series;
    own_series.name = "own risk";
    exposure_series.name = "exposure";
    for (std::size_t k = 0; k < cats.size(); ++k) {
      double o = 0.0, e = 0.0;
      for (const model::FirmIndex f : p.firms) {
        o += (*p.own)(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(k));
        e += x(static_cast<Eigen::Index>(f), static_cast<Eigen::Index>(k));
      }
      const double n = std::max<double>(1.0, static_cast<double>(p.firms.size()));
      own_series.values.push_back(o / n);
      exposure_series.values.push_back(e / n);
    }
    bars.series = {own_series, exposure_series};
    doc.figure(report::bar_chart_svg(bars),
               "Own risk is what a firm's country, sector and assessment give it; exposure adds "
               "what reaches it from its suppliers.");
  }

  doc.heading("Distribution of overall exposure");
  std::vector<double> overall_values;
  overall_values.reserve(p.firms.size());
  for (const model::FirmIndex f : p.firms) overall_values.push_back(overall_of(f));
  doc.figure(report::histogram_svg(histogram("Overall exposure of " +
                                                 std::to_string(p.firms.size()) + " firms",
                                             "overall exposure (largest over the categories)",
                                             overall_values)),
             "How many firms have each level of overall exposure.");

  doc.heading(focal ? "Upstream network" : "Network");
  if (focal || p.firms.size() <= kWholeMapFirms) {
    doc.figure(report::network_map_svg(network_map(
                   focal ? "Upstream network of " + focal_id + ": overall exposure"
                         : "Supply network by tier: overall exposure",
                   sc, overall_of, tiered, focal ? p.focal : model::kNoFirm)),
               "Firms by tier, coloured by overall exposure; where a tier has more firms than "
               "fit, those with the highest exposure are drawn. Hover over a firm for its id, "
               "name and exposure.");
  } else {
    // Too many firms for one picture of the whole network: one chain end and its upstream
    // network, so that the links drawn form one connected chain.
    // The chain end with the most direct suppliers (a lead firm, not a stray raw-material firm
    // without buyers); ties: higher exposure, then id.
    const auto better = [&](model::FirmIndex a, model::FirmIndex b) {
      const std::size_t sa = net.suppliers(a).size(), sb = net.suppliers(b).size();
      if (sa != sb) return sa > sb;
      if (overall_of(a) != overall_of(b)) return overall_of(a) > overall_of(b);
      return net.firm(a).id < net.firm(b).id;
    };
    model::FirmIndex end = model::kNoFirm;
    for (const auto& [f, t] : tiered)
      if (t == 0 && (end == model::kNoFirm || better(f, end))) end = f;
    if (end == model::kNoFirm) end = tiered.front().first;  // every firm on a closed cycle
    const risk::Tiers up = risk::tiers(net, end);
    std::vector<TieredFirm> chain;
    for (model::FirmIndex f = 0; f < net.num_firms(); ++f)
      if (up.tier[f] != risk::kNotUpstream) chain.emplace_back(f, up.tier[f]);
    const std::string& end_id = net.firm(end).id;
    doc.figure(report::network_map_svg(network_map(
                   "Upstream network of " + end_id + " (the chain end with the most suppliers)",
                   sc, overall_of, chain, end)),
               "The network has " + std::to_string(p.firms.size()) +
                   " firms, too many for one picture: the map shows the chain of " + end_id +
                   " (of the firms without buyers, the one with the most direct suppliers) and its " +
                   std::to_string(up.upstream_count()) +
                   " upstream firms by tier, coloured by overall exposure; risk --focal ID "
                   "--format html maps the chain of another firm.");
  }

  doc.heading("Firms");
  std::vector<model::FirmIndex> order = p.firms;
  std::sort(order.begin(), order.end(), [&](model::FirmIndex a, model::FirmIndex b) {
    const double oa = overall_of(a), ob = overall_of(b);
    if (oa != ob) return oa > ob;
    return net.firm(a).id < net.firm(b).id;
  });
  const std::size_t shown = std::min(order.size(), p.top > 0 ? p.top : kDefaultTableRows);
  doc.paragraph("The " + std::to_string(shown) + " firms with the highest overall exposure of " +
                std::to_string(order.size()) +
                (p.top > 0 ? " (--top)." : " (--top N shows another number)."));
  std::vector<std::vector<std::string>> rows{{"id", "name"}};
  if (focal) rows[0].emplace_back("tier");
  rows[0].insert(rows[0].end(), {"overall", "top category", "own"});
  for (std::size_t i = 0; i < shown; ++i) {
    const model::FirmIndex f = order[i];
    std::vector<std::string> row{net.firm(f).id, net.firm(f).name};
    if (focal) row.push_back(std::to_string(p.tiers->tier[f]));
    if (cats.empty()) {
      row.insert(row.end(), {"-", "-", "-"});
    } else {
      const std::size_t k = top_category(x, f);
      row.insert(row.end(), {fixed(overall_of(f)), cats[k],
                             fixed((*p.own)(static_cast<Eigen::Index>(f),
                                            static_cast<Eigen::Index>(k)))});
    }
    rows.push_back(std::move(row));
  }
  doc.table(std::move(rows), {1, focal ? std::size_t{4} : std::size_t{3}});
  doc.paragraph(p.solver);
  return doc.html();
}

}  // namespace diligence::cli
