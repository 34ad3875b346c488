// Implementation of scope.hpp: figures (own and consolidated), condition evaluation with lower
// bounds for incomplete sums, the choice of rule and application phase, and the reason text.
#pragma once

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>

namespace diligence::directive {
namespace detail {

/// Outcome of a condition or a rule when figures may be missing.
enum class Tri : std::uint8_t { kNo, kYes, kUnknown };

/// A decimal for the reason text: integers without a fraction, in groups of three digits from
/// five digits on (`1000`, `450 000 000`), others in shortest form.
inline std::string format_number(double v) {
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15) {
    const std::string digits = std::to_string(static_cast<long long>(std::fabs(v)));
    std::string out = v < 0 ? "-" : "";
    if (digits.size() < 5) return out + digits;
    for (std::size_t i = 0; i < digits.size(); ++i) {
      if (i != 0 && (digits.size() - i) % 3 == 0) out += ' ';
      out += digits[i];
    }
    return out;
  }
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

[[nodiscard]] inline bool who_matches(Who who, bool eu) noexcept {
  return who == Who::kAny || (who == Who::kEu) == eu;
}

/// Employees in `country` of firm `f` (complete = known; estimated = assume_home_country used).
[[nodiscard]] inline ScopeFigure firm_employees_in(const model::Firm& f, const std::string& country,
                                                   bool assume_home_country) {
  ScopeFigure fig{Basis::kFirm, Measure::kEmployeesInCountry, country, 0.0, true, false};
  if (!f.employees_by_country.empty()) {
    fig.value = static_cast<double>(f.employees_in(country).value_or(0));
  } else if (assume_home_country && f.country == country && f.employees) {
    fig.value = static_cast<double>(*f.employees);
    fig.estimated = true;
  } else {
    fig.complete = false;
  }
  return fig;
}

/// Name of the figure as the reason text and `missing` write it.
inline std::string figure_name(const ScopeFigure& f) {
  std::string s = f.basis == Basis::kGroup ? "group " : "";
  if (f.measure == Measure::kEmployeesInCountry) return s + "employees in " + f.country;
  return s + to_string(f.measure);
}

/// The scenario key whose absence left the figure incomplete.
inline std::string missing_name(const ScopeFigure& f) {
  std::string s = f.basis == Basis::kGroup ? "group " : "";
  if (f.measure == Measure::kEmployeesInCountry) return s + "employees_by_country." + f.country;
  return s + to_string(f.measure);
}

inline void add_unique(std::vector<ScopeFigure>& figs, const ScopeFigure& f) {
  for (const auto& g : figs)
    if (g.basis == f.basis && g.measure == f.measure && g.country == f.country) return;
  figs.push_back(f);
}

inline void add_unique(std::vector<std::string>& names, std::string name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(std::move(name));
}

/// Evaluates `c` on `fig`: a lower bound that meets the threshold decides.
[[nodiscard]] inline Tri evaluate(const Condition& c, const ScopeFigure& fig) noexcept {
  if (c.met_by(fig.value)) return Tri::kYes;
  return fig.complete ? Tri::kNo : Tri::kUnknown;
}

/// `employees 800 (not more than 1000)`.
inline std::string condition_text(const Condition& c, const ScopeFigure& fig, Tri t) {
  std::string s = figure_name(fig) + " ";
  if (fig.complete) {
    s += format_number(fig.value);
  } else if (fig.basis == Basis::kFirm) {
    s += "not given";
  } else {
    s += format_number(fig.value) + " so far (not given by every member)";
  }
  if (fig.estimated) s += " (estimated: all employees, no employees_by_country given)";
  const std::string bound =
      std::string(c.comparison == Comparison::kMoreThan ? "more than " : "at least ") +
      format_number(c.threshold);
  switch (t) {
    case Tri::kYes:
      return s + " (" + bound + ")";
    case Tri::kNo:
      return s + " (not " + bound + ")";
    case Tri::kUnknown:
      return s + " (not known to be " + bound + ")";
  }
  return s;
}

/// Group sums of employees in one country, per ultimate parent.
struct CountrySums {
  std::string country;
  bool assume_home_country = false;
  std::vector<ScopeFigure> by_root;  ///< indexed by firm index; meaningful at ultimate parents
};

/// Everything a decision needs besides the firm: the network, the profile and the group sums.
class ScopeContext {
 public:
  ScopeContext(const model::SupplyNetwork& net, const DirectiveProfile& profile)
      : net_(net), profile_(profile) {
    bool any_group = false;
    for (const auto& r : profile.rules) any_group = any_group || r.basis == Basis::kGroup;
    if (!any_group) return;
    auto want = [&](const Condition& c) {
      if (c.measure != Measure::kEmployeesInCountry) return;
      for (const auto& s : sums_)
        if (s.country == c.country && s.assume_home_country == c.assume_home_country) return;
      sums_.push_back(CountrySums{c.country, c.assume_home_country, {}});
    };
    for (const auto& r : profile.rules)
      for (const auto& c : r.conditions) want(c);
    for (const auto& p : profile.phases)
      for (const auto& c : p.conditions) want(c);
    const std::size_t n = net.num_firms();
    for (auto& s : sums_) {
      s.by_root.assign(
          n, ScopeFigure{Basis::kGroup, Measure::kEmployeesInCountry, {}, 0.0, true, false});
      for (std::size_t j = 0; j < n; ++j) {
        const auto jj = static_cast<model::FirmIndex>(j);
        const ScopeFigure f = firm_employees_in(net.firm(jj), s.country, s.assume_home_country);
        ScopeFigure& acc = s.by_root[net.ultimate_parent(jj)];
        acc.value += f.value;
        acc.complete = acc.complete && f.complete;
        acc.estimated = acc.estimated || f.estimated;
      }
      for (auto& f : s.by_root) f.country = s.country;
    }
  }

  /// The figure condition `c` reads for firm i on `basis`.
  [[nodiscard]] ScopeFigure figure(model::FirmIndex i, Basis basis, const Condition& c) const {
    const model::Firm& f = net_.firm(i);
    if (basis == Basis::kFirm) {
      auto opt = [&](auto v) {
        ScopeFigure fig{Basis::kFirm, c.measure, {}, 0.0, v.has_value(), false};
        if (v) fig.value = static_cast<double>(*v);
        return fig;
      };
      switch (c.measure) {
        case Measure::kEmployees:
          return opt(f.employees);
        case Measure::kTurnover:
          return opt(f.turnover_eur);
        case Measure::kEuTurnover:
          return opt(f.eu_turnover_eur);
        case Measure::kEmployeesInCountry:
          return firm_employees_in(f, c.country, c.assume_home_country);
      }
    }
    const model::GroupFigures& g = net_.group(i);
    switch (c.measure) {
      case Measure::kEmployees:
        return {Basis::kGroup,        c.measure, {}, static_cast<double>(g.employees),
                g.employees_complete, false};
      case Measure::kTurnover:
        return {Basis::kGroup, c.measure, {}, g.turnover_eur, g.turnover_complete, false};
      case Measure::kEuTurnover:
        return {Basis::kGroup, c.measure, {}, g.eu_turnover_eur, g.eu_turnover_complete, false};
      case Measure::kEmployeesInCountry:
        for (const auto& s : sums_)
          if (s.country == c.country && s.assume_home_country == c.assume_home_country)
            return s.by_root[g.parent];
        break;
    }
    return {Basis::kGroup, c.measure, c.country, 0.0, false, false};  // unreachable
  }

  /// The decision for firm i, without looking at its group's parent.
  [[nodiscard]] ScopeDecision decide(model::FirmIndex i, Date as_of) const {
    const model::Firm& f = net_.firm(i);
    ScopeDecision d;
    d.firm = i;
    d.group_parent = net_.ultimate_parent(i);
    d.eu = profile_.is_eu(f.country);
    const bool is_root = d.group_parent == i;

    struct Candidate {
      const ScopeRule* rule = nullptr;
      const Phase* phase = nullptr;
      std::vector<ScopeFigure> figures;
      std::string text;
    };
    std::optional<Candidate> best;
    std::vector<std::string> failures;
    std::vector<ScopeFigure> all_figures;

    for (const ScopeRule& r : profile_.rules) {
      if (!who_matches(r.who, d.eu)) continue;
      const std::string label = r.id + (r.reference.empty() ? "" : " (" + r.reference + ")");
      if (r.basis == Basis::kGroup) {
        // A group rule is about the ultimate parent of a group of two or more firms; a firm
        // alone is judged by the firm rules (its group figures would repeat its own).
        if (!is_root) {
          failures.push_back(label + ": group figures count for the group's ultimate parent " +
                             net_.firm(d.group_parent).id + " only");
          continue;
        }
        if (net_.group(i).members < 2) continue;
      }
      Tri rule_t = Tri::kYes;
      std::vector<ScopeFigure> figs;
      std::vector<std::string> unknown;
      std::string text;
      for (const Condition& c : r.conditions) {
        const ScopeFigure fig = figure(i, r.basis, c);
        add_unique(figs, fig);
        const Tri t = evaluate(c, fig);
        if (t == Tri::kNo)
          rule_t = Tri::kNo;
        else if (t == Tri::kUnknown && rule_t == Tri::kYes)
          rule_t = Tri::kUnknown;
        if (t == Tri::kUnknown) unknown.push_back(missing_name(fig));
        text += (text.empty() ? "" : ", ") + condition_text(c, fig, t);
      }
      if (r.conditions.empty()) text = "no thresholds";
      if (rule_t != Tri::kYes) {
        failures.push_back(label + ": " + text);
        for (const auto& fig : figs) add_unique(all_figures, fig);
        if (rule_t == Tri::kUnknown)
          for (auto& u : unknown) add_unique(d.missing, std::move(u));
        continue;
      }
      // The rule holds: the earliest application phase the firm qualifies for on r's figures.
      Candidate cand{&r, nullptr, figs, label + ": " + text};
      for (const Phase& p : profile_.phases) {
        if (!who_matches(p.who, d.eu)) continue;
        if (!p.rules.empty() && std::find(p.rules.begin(), p.rules.end(), r.id) == p.rules.end())
          continue;
        if (cand.phase != nullptr && !(p.from < cand.phase->from)) continue;
        bool all = true;
        std::vector<ScopeFigure> pf;
        for (const Condition& c : p.conditions) {
          const ScopeFigure fig = figure(i, r.basis, c);
          pf.push_back(fig);
          if (evaluate(c, fig) != Tri::kYes) all = false;
        }
        for (const auto& fig : pf) add_unique(cand.figures, fig);
        if (all) cand.phase = &p;
      }
      if (!best) {
        best = std::move(cand);
      } else if (cand.phase != nullptr &&
                 (best->phase == nullptr || cand.phase->from < best->phase->from)) {
        best = std::move(cand);
      }
    }

    if (best) {
      d.in_scope = true;
      d.rule = best->rule->id;
      d.basis = best->rule->basis;
      d.figures = std::move(best->figures);
      d.missing.clear();
      d.reason = "in scope under " + best->text;
      if (best->phase != nullptr) {
        d.phase = best->phase->id;
        d.applies_from = best->phase->from;
        d.applies = best->phase->from <= as_of;
        d.reason += "; applies from " + best->phase->from.to_string() + " (" + best->phase->id +
                    (best->phase->reference.empty() ? "" : ", " + best->phase->reference) + ")";
        if (!d.applies) d.reason += ", not yet on " + as_of.to_string();
      } else {
        d.reason += "; no application phase of the profile covers it";
      }
      return d;
    }
    d.figures = std::move(all_figures);
    if (failures.empty()) {
      d.reason = std::string("not in scope: no scope rule applies to ") +
                 (d.eu ? "an EU company" : "a non-EU company") + " (country " + f.country + ")" +
                 (is_root && net_.group(i).members < 2 ? " without a group" : "");
    } else {
      d.reason = "not in scope: ";
      for (std::size_t k = 0; k < failures.size(); ++k)
        d.reason += (k == 0 ? "" : "; ") + failures[k];
    }
    return d;
  }

  /// Adds to a subsidiary's decision what its group's ultimate parent's decision says.
  void annotate_parent(ScopeDecision& d, const ScopeDecision& parent) const {
    if (d.group_parent == d.firm) return;
    d.group_parent_in_scope = parent.in_scope;
    if (!parent.in_scope) return;
    d.reason += "; its group's ultimate parent " + net_.firm(d.group_parent).id +
                " is in scope under " + parent.rule;
  }

 private:
  const model::SupplyNetwork& net_;
  const DirectiveProfile& profile_;
  std::vector<CountrySums> sums_;
};

}  // namespace detail

inline ScopeResult scope(const model::SupplyNetwork& net, const DirectiveProfile& profile,
                         Date as_of) {
  const detail::ScopeContext ctx(net, profile);
  ScopeResult out;
  out.directive = profile.id;
  out.as_of = as_of;
  const std::size_t n = net.num_firms();
  out.firms.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    out.firms.push_back(ctx.decide(static_cast<model::FirmIndex>(i), as_of));
  for (auto& d : out.firms) ctx.annotate_parent(d, out.firms[d.group_parent]);
  return out;
}

inline ScopeDecision scope_of(const model::SupplyNetwork& net, const DirectiveProfile& profile,
                              model::FirmIndex firm, Date as_of) {
  if (firm >= net.num_firms())
    throw UsageError(errc::kIndexRange, "scope_of: firm index " + std::to_string(firm) +
                                            " is out of range (the network has " +
                                            std::to_string(net.num_firms()) + " firms)");
  const detail::ScopeContext ctx(net, profile);
  ScopeDecision d = ctx.decide(firm, as_of);
  if (d.group_parent != firm) ctx.annotate_parent(d, ctx.decide(d.group_parent, as_of));
  return d;
}

}  // namespace diligence::directive
