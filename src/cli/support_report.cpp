// The reports of `diligence support` (support_report.hpp).
#include "support_report.hpp"

#include <algorithm>
#include <sstream>

#include <diligence/report/plots.hpp>

#include "document.hpp"
#include "pipeline.hpp"
#include "table.hpp"

namespace diligence::cli {
namespace {

using Rows = std::vector<std::vector<std::string>>;

std::string percent(double part, double whole) {
  return whole > 0.0 ? fixed(100.0 * part / whole, 1) + " %" : "-";
}

const support::AllocationResult& chosen_result(const SupportView& v) {
  return v.results->at(v.chosen);
}

std::string targets_line(const SupportView& v) {
  const model::SupplyNetwork& net = v.scenario->network;
  const auto& targets = v.problem->targets;
  std::string s = "targets: " + std::to_string(targets.size()) +
                  (v.set->targets.directive.empty()
                       ? std::string(" firms listed")
                       : " firms to which " + v.set->targets.directive + " applies on " +
                             v.scenario->as_of.to_string());
  if (!targets.empty() && targets.size() <= 8) {
    std::string ids;
    for (const auto t : targets) ids += (ids.empty() ? "" : ", ") + net.firm(t).id;
    s += " (" + ids + ")";
  }
  return s;
}

std::string strategy_line(const SupportView& v) {
  return "strategy " + v.strategy +
         (v.chosen == support::Strategy::kRandom ? " (seed " + std::to_string(v.seed) + ")"
                                                 : std::string()) +
         ", " + std::to_string(v.years) + (v.years == 1 ? " year" : " years");
}

std::string classes_line(const SupportView& v) {
  const support::YearResult& first = chosen_result(v).years.front();
  std::string s = "Classes (year 1):";
  for (const support::FirmClass k : support::kAllClasses)
    s += ' ' + std::string(support::to_string(k)) + ' ' + std::to_string(first.classes.count(k)) +
         (k == support::FirmClass::kUnknown ? "" : ",");
  return s;
}

/// One colour per strategy, the same in every chart, far apart for colour-blind readers.
std::string strategy_colour(support::Strategy k) {
  switch (k) {
    case support::Strategy::kGreedy:
      return "#0072b2";
    case support::Strategy::kRandom:
      return "#999999";
    case support::Strategy::kOwnRisk:
      return "#009e73";
    case support::Strategy::kSpend:
      return "#cc79a7";
  }
  return "#444444";
}

Rows programme_rows(const SupportView& v) {
  const support::YearResult& first = chosen_result(v).years.front();
  const auto& programmes = v.problem->programmes;
  Rows rows{{"programme", "slots", "eligible firms", "served", "gain"}};
  for (std::size_t p = 0; p < programmes.size(); ++p) {
    double gain = 0.0;
    for (const auto& a : first.allocation)
      if (a.programme == p) gain += a.gain;
    rows.push_back({programmes[p].id, std::to_string(programmes[p].slots),
                    std::to_string(first.eligible[p]), std::to_string(first.used[p]),
                    fixed(gain, 4)});
  }
  return rows;
}

/// Before, after and gain; `separator` between that and the SMEs' part.
std::string exposure_lines(const SupportView& v, const std::string& separator) {
  const support::AllocationResult& r = chosen_result(v);
  return "Target exposure (sum over targets and categories): before " +
         fixed(r.exposure_before, 4) + ", after " + fixed(r.exposure_after, 4) + ", gain " +
         fixed(r.total_gain, 4) + " (" + percent(r.total_gain, r.exposure_before) + ")" +
         separator + fixed(r.exposure_from_smes, 4) +
         " of it comes from the own risk of SMEs; the support removes " +
         percent(r.total_gain, r.exposure_from_smes) + " of that part";
}

Rows strategy_rows(const SupportView& v) {
  const support::AllocationResult& r = chosen_result(v);
  Rows rows{{"strategy", "total gain", "of before", v.strategy + " ÷ this"}};
  for (const support::Strategy k : support::kAllStrategies) {
    const auto& o = v.results->at(k);
    std::string name(support::to_string(k));
    if (k == support::Strategy::kRandom) name += " (seed " + std::to_string(v.seed) + ")";
    if (k == v.chosen) name += " *";
    rows.push_back({name, fixed(o.total_gain, 4), percent(o.total_gain, o.exposure_before),
                    k == v.chosen ? "-"
                                  : (o.total_gain > 0.0
                                         ? fixed(r.total_gain / o.total_gain, 2) + "x"
                                         : "-")});
  }
  return rows;
}

Rows path_rows(const SupportView& v) {
  const support::AllocationResult& r = chosen_result(v);
  Rows rows{{"year", "target exposure", "gain", "served", "urgent", "beginner", "established"}};
  rows.push_back({"0", fixed(r.exposure_before, 4), "-", "-", "-", "-", "-"});
  for (const auto& y : r.years)
    rows.push_back({std::to_string(y.year), fixed(y.exposure_after, 4), fixed(y.gain, 4),
                    std::to_string(y.allocation.size()),
                    std::to_string(y.classes.count(support::FirmClass::kUrgent)),
                    std::to_string(y.classes.count(support::FirmClass::kBeginner)),
                    std::to_string(y.classes.count(support::FirmClass::kEstablished))});
  return rows;
}

/// Every assignment of the chosen strategy, largest gain first (stable: in the order made).
std::vector<const support::Assignment*> by_gain(const SupportView& v) {
  std::vector<const support::Assignment*> all;
  for (const auto& y : chosen_result(v).years)
    for (const auto& a : y.allocation) all.push_back(&a);
  std::stable_sort(all.begin(), all.end(),
                   [](const auto* a, const auto* b) { return a->gain > b->gain; });
  return all;
}

/// The first `shown` assignments of `all`: [year,] firm, programme, class, gain.
Rows allocation_rows(const SupportView& v, const std::vector<const support::Assignment*>& all,
                     std::size_t shown) {
  const model::SupplyNetwork& net = v.scenario->network;
  const support::AllocationResult& r = chosen_result(v);
  const bool years = v.years > 1;
  Rows rows{{"firm", "programme", "class", "gain"}};
  if (years) rows[0].insert(rows[0].begin(), "year");
  for (std::size_t j = 0; j < shown; ++j) {
    const auto& a = *all[j];
    const auto& y = r.years[a.year - 1];
    std::vector<std::string> cells{net.firm(a.firm).id, v.problem->programmes[a.programme].id,
                                   std::string(support::to_string(y.classes.classes[a.firm])),
                                   fixed(a.gain, 5)};
    if (years) cells.insert(cells.begin(), std::to_string(a.year));
    rows.push_back(std::move(cells));
  }
  return rows;
}

void print(std::ostream& out, const Rows& rows, const std::set<std::size_t>& left = {}) {
  Table t;
  for (const auto& r : rows) t.row(r);
  for (const std::size_t c : left) t.left_align(c);
  t.print(out);
}

}  // namespace

std::string support_text(const SupportView& v) {
  std::ostringstream text;
  text << "Support: " << v.programme_label << " on " << v.scenario_label << " ("
       << v.scenario->network.num_firms() << " firms)\n"
       << v.parameters << '\n'
       << targets_line(v) << '\n'
       << strategy_line(v) << "\n\n";
  text << classes_line(v) << "\n\nProgrammes (year 1)\n";
  print(text, programme_rows(v));
  text << '\n' << exposure_lines(v, "\n  ") << '\n';
  text << "\nStrategies (total gain re-propagated on the supported network)\n";
  print(text, strategy_rows(v));
  if (v.years > 1) {
    text << "\nPath of target exposure (" << v.strategy << ")\n";
    print(text, path_rows(v));
  }
  const std::vector<const support::Assignment*> all = by_gain(v);
  const std::size_t shown = std::min(all.size(), v.top);
  text << "\nAllocation: " << all.size() << " firm-programme pairs";
  if (shown < all.size()) text << ", the " << shown << " with the largest gain (--json lists all)";
  text << '\n';
  if (shown > 0) {
    // Programme and class on the left (and the firm, as column 0, without years).
    const std::set<std::size_t> left =
        v.years > 1 ? std::set<std::size_t>{2, 3} : std::set<std::size_t>{1, 2};
    print(text, allocation_rows(v, all, shown), left);
  }
  if (!v.converged) text << "\nwarning: a propagation did not converge to the tolerance\n";
  return text.str();
}

std::string support_html(const SupportView& v) {
  const support::AllocationResult& r = chosen_result(v);
  Document doc("Support: " + v.programme_label + " on " + v.scenario_label);
  doc.paragraph(std::to_string(v.scenario->network.num_firms()) + " firms; " + v.parameters +
                "; " + targets_line(v) + "; " + strategy_line(v) + ".");
  add_warnings(doc, *v.warnings);

  doc.heading("Gain against the baselines");
  doc.paragraph(exposure_lines(v, "; ") + ".");
  {
    report::BarChart bars;
    bars.title = "Total gain by strategy";
    bars.y_label = "reduction of target exposure";
    report::BarSeries gain;
    gain.name = "re-propagated";
    report::BarSeries estimated;
    estimated.name = "estimated";
    for (const support::Strategy k : support::kAllStrategies) {
      const auto& o = v.results->at(k);
      bars.categories.push_back(std::string(support::to_string(k)) +
                                (k == v.chosen ? " (chosen)" : ""));
      gain.values.push_back(o.total_gain);
      estimated.values.push_back(o.estimated_gain);
    }
    bars.series = {gain, estimated};
    doc.figure(report::bar_chart_svg(bars),
               "The reduction of the targets' exposure each strategy achieves with the same "
               "programmes and budget: re-propagated on the supported network, and as the sum of "
               "the marginal gains at the time each assignment was made.");
  }
  doc.table(strategy_rows(v));

  doc.heading("Year by year");
  {
    report::LineChart lines;
    lines.title = "Target exposure by year";
    lines.x_label = "year";
    lines.y_label = "target exposure";
    for (std::uint32_t y = 0; y <= v.years; ++y) lines.x_labels.push_back(std::to_string(y));
    for (const support::Strategy k : support::kAllStrategies) {
      const auto& o = v.results->at(k);
      report::LineSeries series;
      series.name = std::string(support::to_string(k)) + (k == v.chosen ? " (chosen)" : "");
      series.colour = strategy_colour(k);
      series.values.push_back(o.exposure_before);
      for (const auto& y : o.years) series.values.push_back(y.exposure_after);
      lines.series.push_back(std::move(series));
    }
    doc.figure(report::line_chart_svg(lines),
               "Year 0 is before any support; each later point is the exposure after that "
               "year's allocation, with the classes following the improved scores.");
  }
  doc.table(path_rows(v));

  doc.heading("Allocation");
  doc.paragraph(classes_line(v) + ".");
  doc.table(programme_rows(v));
  {
    report::BarChart bars;
    bars.title = "Gain by programme and class (" + v.strategy + ", all years)";
    bars.y_label = "estimated gain";
    const auto& programmes = v.problem->programmes;
    for (const auto& p : programmes) bars.categories.push_back(p.id);
    for (const support::FirmClass k : support::kSmeClasses) {
      report::BarSeries series;
      series.name = std::string(support::to_string(k));
      series.values.assign(programmes.size(), 0.0);
      for (const auto& y : r.years)
        for (const auto& a : y.allocation)
          if (y.classes.classes[a.firm] == k) series.values[a.programme] += a.gain;
      bars.series.push_back(std::move(series));
    }
    doc.figure(report::bar_chart_svg(bars),
               "Where the chosen strategy's gain comes from: each programme's assignments, by the "
               "class of the SME served.");
  }
  const std::vector<const support::Assignment*> all = by_gain(v);
  const std::size_t shown = std::min(all.size(), v.top);
  doc.paragraph(std::to_string(all.size()) + " firm-programme pairs" +
                (shown < all.size() ? "; the " + std::to_string(shown) +
                                          " with the largest gain (--top N shows more, --json all)."
                                    : "."));
  if (shown > 0)
    doc.table(allocation_rows(v, all, shown),
              v.years > 1 ? std::set<std::size_t>{1, 2, 3} : std::set<std::size_t>{0, 1, 2});
  if (!v.converged) doc.paragraph("Warning: a propagation did not converge to the tolerance.");
  return doc.html();
}

}  // namespace diligence::cli
