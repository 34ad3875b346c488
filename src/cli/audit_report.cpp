// The reports of `diligence audit` (see audit_report.hpp): a small document model (headings,
// paragraphs, tables, lists) built once per report and rendered as plain text or Markdown, and
// the JSON documents.
#include "audit_report.hpp"

#include <diligence/report/charts.hpp>
#include <diligence/report/diagrams.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "document.hpp"
#include "output.hpp"
#include "pipeline.hpp"
#include "report_charts.hpp"
#include "table.hpp"

namespace diligence::cli {
namespace {

using nlohmann::json;

// --- shared pieces ------------------------------------------------------------------------------

const std::string& id_of(const model::Scenario& s, model::FirmIndex i) {
  return s.network.firm(i).id;
}

std::string firm_label(const model::Scenario& s, model::FirmIndex i) {
  const model::Firm& f = s.network.firm(i);
  return f.name.empty() ? f.id : f.id + " (" + f.name + ")";
}

/// `EUR 2 600 000 000`.
std::string eur(double v) { return audit::detail::eur(v); }

std::string yes_no(bool b) { return b ? "yes" : "no"; }

/// `{"mean", "p5", "p50", "p95"}` of a Monte Carlo summary (company or supplier).
template <typename S>
json summary_json(const S& s) {
  return {{"mean", s.mean}, {"p5", s.p5}, {"p50", s.p50}, {"p95", s.p95}};
}

template <typename S>
std::vector<std::string> summary_row(const std::string& name, const S& s, int decimals) {
  return {name, fixed(s.mean, decimals), fixed(s.p5, decimals), fixed(s.p50, decimals),
          fixed(s.p95, decimals)};
}

std::vector<std::string> eur_row(const std::string& name, const audit::Summary& s) {
  return {name, eur(s.mean), eur(s.p5), eur(s.p50), eur(s.p95)};
}

json finding_json(const model::Scenario& s, const audit::Finding& f) {
  json firms = json::array();
  for (const model::FirmIndex i : f.firms) firms.push_back(id_of(s, i));
  json j = {{"obligation", f.obligation},
            {"article", f.article},
            {"grade", audit::to_string(f.grade)},
            {"message", f.message},
            {"evidence", f.evidence},
            {"corrective_action", f.corrective_action},
            {"firms", std::move(firms)}};
  j["deadline"] = f.deadline ? json(f.deadline->to_string()) : json(nullptr);
  return j;
}

Item finding_item(const audit::Finding& f) {
  Item it;
  it.text = "[" + std::string(audit::to_string(f.grade)) + "] " + f.article + " (" + f.obligation +
            "): " + f.message;
  if (f.deadline) it.details.push_back("deadline: " + f.deadline->to_string());
  if (!f.evidence.empty()) it.details.push_back("evidence: " + f.evidence);
  if (!f.corrective_action.empty()) it.details.push_back("action: " + f.corrective_action);
  return it;
}

/// The findings as a list (text, Markdown) and as a table (HTML).
void findings_blocks(Document& doc, const model::Scenario& s,
                     const std::vector<audit::Finding>& findings) {
  std::vector<Item> items;
  std::vector<std::vector<std::string>> rows{{"grade", "article", "obligation", "finding",
                                              "evidence", "corrective action", "deadline",
                                              "firms"}};
  for (const auto& f : findings) {
    items.push_back(finding_item(f));
    std::string firms;
    for (std::size_t i = 0; i < f.firms.size(); ++i) firms += (i ? ", " : "") + id_of(s, f.firms[i]);
    rows.push_back({audit::to_string(f.grade), f.article, f.obligation, f.message, f.evidence,
                    f.corrective_action, f.deadline ? f.deadline->to_string() : "-", firms});
  }
  doc.list(std::move(items), Show::kTextOnly);
  doc.table(std::move(rows), {0, 1, 2, 3, 4, 5, 6, 7}, Show::kHtmlOnly);
}

std::string grade_counts(const std::vector<audit::Finding>& findings) {
  const audit::GradeCounts g = audit::count_grades(findings);
  return std::to_string(findings.size()) + (findings.size() == 1 ? " finding: " : " findings: ") +
         std::to_string(g.critical) + " critical, " + std::to_string(g.major) + " major, " +
         std::to_string(g.minor) + " minor";
}

// --- company ------------------------------------------------------------------------------------

std::string scope_sentence(const CompanyReport& r) {
  const audit::CompanyAuditResult& a = *r.result;
  const directive::ScopeDecision& d = a.scope;
  std::string s = "In scope: " + yes_no(d.in_scope);
  if (d.in_scope) {
    const directive::ScopeRule* rule = r.profile->rule(d.rule);
    s += " (rule " + d.rule + (rule ? ", " + rule->reference : std::string()) +
         (rule && !rule->verified ? ", an editable default" : "") + ")";
  }
  s += ". Obligations apply on " + a.as_of.to_string() + ": " + yes_no(d.applies);
  if (d.applies_from) s += " (from " + d.applies_from->to_string() + ", phase " + d.phase + ")";
  std::string reason = d.reason;
  if (!reason.empty())
    reason[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(reason[0])));
  return s + ". " + reason + ".";
}

std::string chain_sentence(const CompanyReport& r) {
  const audit::CompanyAuditResult& a = *r.result;
  std::size_t covered = 0, own = 0, direct = 0;
  std::int32_t deepest = 0;
  std::vector<std::string> subs;
  for (const auto& c : a.chain) {
    deepest = std::max(deepest, c.tier);
    if (!c.covered) continue;
    ++covered;
    own += c.own_operations ? 1 : 0;
    direct += c.direct ? 1 : 0;
    if (c.substantiated) subs.push_back(id_of(*r.scenario, c.firm));
  }
  const bool lksg = a.coverage == directive::Coverage::kDirectPlusSubstantiated;
  std::string s = "Coverage " + std::string(directive::to_string(a.coverage)) + " (" +
                  r.profile->chain.reference + "): " + std::to_string(a.chain.size()) +
                  " firms upstream of " + id_of(*r.scenario, a.focal) + " in " +
                  std::to_string(deepest) + (deepest == 1 ? " tier, " : " tiers, ") +
                  std::to_string(covered) + " covered; " + std::to_string(own) +
                  (own == 1 ? " subsidiary, " : " subsidiaries, ") + std::to_string(direct) +
                  (direct == 1 ? " direct business partner" : " direct business partners");
  if (lksg) {
    s += ", " + std::to_string(subs.size()) + " indirect " +
         (subs.size() == 1 ? "supplier" : "suppliers") + " with substantiated knowledge";
    if (!subs.empty()) {
      s += " (";
      for (std::size_t i = 0; i < subs.size(); ++i) s += (i ? ", " : "") + subs[i];
      s += ")";
    }
  }
  s += ". ";
  s += a.mapped_tiers ? "The firm has mapped " + std::to_string(*a.mapped_tiers) +
                            (*a.mapped_tiers == 1 ? " tier" : " tiers") + " (mapped_tiers)."
                      : std::string("The firm shows no mapped_tiers.");
  return s;
}

std::string status_text(audit::ObligationStatus s) {
  switch (s) {
    case audit::ObligationStatus::kPassed:
      return "passed";
    case audit::ObligationStatus::kFailed:
      return "FAILED";
    case audit::ObligationStatus::kNotApplicable:
      return "n/a";
    case audit::ObligationStatus::kNotAssessed:
      return "not assessed";
  }
  return "";
}

std::string categories_text(const std::vector<std::string>& cats,
                            const std::vector<std::size_t>& ks) {
  if (ks.empty()) return "-";
  std::string s;
  for (std::size_t i = 0; i < ks.size(); ++i) s += (i ? ", " : "") + cats[ks[i]];
  return s;
}

void monte_carlo_section(Document& doc, const CompanyReport& r) {
  const audit::CompanyMonteCarloResult& m = *r.monte_carlo;
  doc.heading("Monte Carlo");
  if (m.runs == 0) {
    doc.paragraph("Not run: the audit did not run (the obligations do not apply).");
    return;
  }
  doc.paragraph(std::to_string(m.runs) + " runs with seeds " + std::to_string(m.seed) + " to " +
                std::to_string(m.seed + m.runs - 1) + ". Each run draws latent incidents at the " +
                std::to_string(m.chain_firms) +
                " firms of the covered chain from their own risk (incident scale " +
                shortest(r.config->incident_scale) + "; expected " +
                fixed(m.expected_incidents, 2) +
                " incidents), then repeats the sample and the visits. Percentiles by the "
                "nearest-rank method.");
  doc.table({{"per run", "mean", "p5", "p50", "p95"},
             summary_row("incidents in the chain", m.incidents, 2),
             summary_row("incidents found", m.found, 2),
             summary_row("critical findings", m.critical, 2),
             summary_row("major findings", m.major, 2),
             summary_row("minor findings", m.minor, 2),
             summary_row("all findings", m.findings, 2),
             eur_row("penalty exposure", m.penalty_eur)});
  doc.paragraph("Probability of at least one critical finding: " + fixed(m.p_critical, 4) +
                "; of finding at least one incident: " + fixed(m.p_found, 4) + ".");
  if (m.outcomes.empty()) return;
  std::vector<double> incidents, found, findings, penalty;
  for (const audit::RunOutcome& o : m.outcomes) {
    incidents.push_back(o.incidents);
    found.push_back(o.found);
    findings.push_back(static_cast<double>(o.critical + o.major + o.minor));
    penalty.push_back(o.penalty_eur / 1e6);
  }
  const std::string runs = " (" + std::to_string(m.runs) + " runs)";
  doc.figure(report::histogram_svg(histogram("Incidents in the chain per run" + runs,
                                             "latent incidents", std::move(incidents))),
             "How many latent incidents each run drew in the covered chain.");
  doc.figure(report::histogram_svg(histogram("Incidents found per run" + runs,
                                             "incidents found at the sampled firms",
                                             std::move(found))),
             "How many of them the auditor's sample and visits found.");
  doc.figure(report::histogram_svg(
                 histogram("Findings per run" + runs, "findings (all grades)", std::move(findings))),
             "Findings of every grade per run, obligation findings included.");
  doc.figure(report::histogram_svg(histogram("Penalty exposure per run" + runs,
                                             "EUR million", std::move(penalty))),
             "The penalty exposure of each run.");
}

/// HTML: exposure by tier × category and the map of the upstream network.
void chain_figures(Document& doc, const CompanyReport& r) {
  const model::Scenario& sc = *r.scenario;
  const audit::CompanyAuditResult& a = *r.result;
  std::vector<TieredFirm> firms{{a.focal, 0}};
  for (const auto& c : a.chain) firms.emplace_back(c.firm, c.tier);
  doc.figure(report::heat_map_svg(tier_heat_map("Mean exposure by tier and category", *r.exposure,
                                                a.categories, firms)),
             "Mean exposure of the firms of each tier (tier 0 is " + id_of(sc, a.focal) +
                 "; the number of firms in brackets) in each category; grey: no firms.");
  if (a.categories.empty()) return;
  const std::string& cat = a.categories[a.focal_category];
  doc.figure(report::network_map_svg(network_map("Upstream network of " + id_of(sc, a.focal) +
                                                     ": exposure in " + cat,
                                                 sc, column_of(*r.exposure, a.focal_category),
                                                 firms, a.focal)),
             "Firms by tier (" + id_of(sc, a.focal) + " on the left), coloured by exposure in " +
                 cat + "; hover over a firm for its id, name and exposure.");
}

Document company_document(const CompanyReport& r) {
  const model::Scenario& sc = *r.scenario;
  const audit::CompanyAuditResult& a = *r.result;
  const directive::DirectiveProfile& p = *r.profile;
  Document doc("Mock audit: " + firm_label(sc, a.focal) + " under " + p.id);
  doc.paragraph(p.title + "; " + p.legal_reference + ". Audit date " + a.as_of.to_string() +
                "; audit configuration " + r.config->id + " (illustrative judgements); seed " +
                std::to_string(a.seed) + ".");
  doc.paragraph(a.summary + ".");
  add_warnings(doc, *r.warnings);
  doc.heading("Scope");
  doc.paragraph(scope_sentence(r));
  if (!a.audited) {
    doc.heading("Penalty exposure");
    doc.paragraph("None: the obligations do not apply to the firm on the audit date.");
    if (r.monte_carlo) monte_carlo_section(doc, r);
    return doc;
  }

  doc.heading("Chain of activities");
  doc.paragraph(chain_sentence(r));
  {
    std::vector<std::vector<std::string>> rows{{"tier", "firms", "covered", "high risk"}};
    std::int32_t deepest = 0;
    for (const auto& c : a.chain) deepest = std::max(deepest, c.tier);
    for (std::int32_t t = 1; t <= deepest; ++t) {
      std::size_t firms = 0, covered = 0, high = 0;
      for (const auto& c : a.chain) {
        if (c.tier != t) continue;
        ++firms;
        covered += c.covered ? 1 : 0;
        high += c.covered && c.high_risk ? 1 : 0;
      }
      std::string tier = std::to_string(t);
      if (a.mapped_tiers && t == static_cast<std::int32_t>(*a.mapped_tiers)) tier += " (mapped)";
      rows.push_back({tier, std::to_string(firms), std::to_string(covered), std::to_string(high)});
    }
    if (rows.size() > 1) doc.table(std::move(rows));
  }
  if (r.exposure != nullptr) chain_figures(doc, r);

  doc.heading("Risk identification");
  const std::string& cat = a.categories.empty() ? std::string("-") : a.categories[a.focal_category];
  doc.paragraph("Exposure of " + id_of(sc, a.focal) + " in " + cat +
                " (its category of highest severity x exposure): " + fixed(a.focal_exposure) +
                ". Model " + r.exposure_model + ", upstream weight " + shortest(r.upstream_weight) +
                ", unmapped risk " + shortest(r.unmapped_risk) + ", risk model " + r.risk_model +
                ". The upstream paths that carry most of it "
                "(linear model):");
  if (!a.paths.paths.empty()) {
    std::vector<std::vector<std::string>> rows{
        {"#", "contribution", "path (focal firm <- supplier <- ...)"}};
    for (std::size_t i = 0; i < a.paths.paths.size(); ++i) {
      const auto& path = a.paths.paths[i];
      std::string chain;
      for (std::size_t j = 0; j < path.firms.size(); ++j)
        chain += (j ? " <- " : "") + id_of(sc, path.firms[j]);
      if (path.firms.size() == 1) chain += " (own term)";
      rows.push_back({std::to_string(i + 1), fixed(path.contribution, 4), chain});
    }
    doc.table(std::move(rows), {2});
    if (r.exposure != nullptr)
      doc.figure(report::path_diagram_svg(path_diagram(
                     "Top contributing paths to " + id_of(sc, a.focal) + " in " + cat, sc,
                     *r.exposure, a.focal_category, cat, a.paths)),
                 "Each row is one path from the firm where the risk arises to " +
                     id_of(sc, a.focal) + "; firms are coloured by their exposure in " + cat +
                     ", the bar shows the path's share of the exposure (linear model).");
  }

  doc.heading("Prioritisation (severity x likelihood)");
  doc.paragraph(
      "Priority = the profile's severity of the category x the firm's own risk. High "
      "risk from " +
      fixed(r.config->high_risk_threshold) + ": " + std::to_string(a.high_risk_firms) +
      " covered firms have high own risk. The " + std::to_string(a.priorities.size()) +
      " highest priorities:");
  if (!a.priorities.empty()) {
    std::vector<std::vector<std::string>> rows{
        {"#", "firm", "tier", "category", "severity", "likelihood", "priority", "mapped"}};
    for (std::size_t i = 0; i < a.priorities.size(); ++i) {
      const auto& q = a.priorities[i];
      rows.push_back({std::to_string(i + 1), id_of(sc, q.firm), std::to_string(q.tier),
                      a.categories[q.category], fixed(q.severity), fixed(q.likelihood),
                      fixed(q.priority), yes_no(q.within_mapped_tiers)});
    }
    doc.table(std::move(rows), {1, 3, 7});
  }

  doc.heading("Obligations");
  {
    bool unverified = false;
    std::vector<std::vector<std::string>> rows{
        {"article", "obligation", "result", "checks", "note"}};
    for (const auto& o : a.obligations) {
      std::size_t passed = 0;
      for (const auto& c : o.checks) passed += c.passed ? 1 : 0;
      const std::string checks =
          o.checks.empty() ? "-"
                           : std::to_string(passed) + " of " + std::to_string(o.checks.size());
      unverified = unverified || !o.verified;
      rows.push_back(
          {o.article + (o.verified ? "" : " *"), o.id, status_text(o.status), checks, o.reason});
    }
    doc.table(std::move(rows), {1, 2, 4});
    if (unverified)
      doc.paragraph(
          "Articles marked * belong to obligations whose values are an editable "
          "default of the profile (verified: false), not confirmed in the legal text.");
  }

  doc.heading("Verification");
  {
    std::size_t covered = 0;
    for (const auto& c : a.chain) covered += c.covered ? 1 : 0;
    doc.paragraph("The auditor sampled " + std::to_string(a.sample.size()) + " of " +
                  std::to_string(covered) + " covered suppliers, weighted by " +
                  audit::to_string(r.config->sample_weight) + " (seed " + std::to_string(a.seed) +
                  "), and visited them. Incidents present are those the scenario lists.");
    if (!a.sample.empty()) {
      std::vector<std::vector<std::string>> rows{
          {"firm", "tier", "visit", "detection", "weight", "found", "missed"}};
      for (const auto& v : a.sample)
        rows.push_back({id_of(sc, v.firm), std::to_string(v.tier), audit::to_string(v.type),
                        fixed(v.detection), fixed(v.weight, 3),
                        categories_text(a.categories, v.found),
                        categories_text(a.categories, v.missed)});
      doc.table(std::move(rows), {2, 5, 6});
    }
  }

  doc.heading("Findings");
  doc.paragraph(grade_counts(a.findings) + ". Score " + fixed(a.score, 1) +
                " of 200 (200 x share of checks passed - 20 per critical, 4 per major, 1 per "
                "minor finding; " +
                std::to_string(a.checks) + " checks: " + std::to_string(a.obligation_checks) +
                " obligations and " + std::to_string(a.sample.size()) + " visits; " +
                std::to_string(a.failed) + " failed).");
  if (!a.findings.empty()) findings_blocks(doc, sc, a.findings);

  doc.heading("Penalty exposure");
  doc.paragraph("Maximum fine under " + p.id + ": " + a.penalty.explanation + ".");
  doc.paragraph("Exposure from this audit: " + eur(a.penalty_exposure_eur) +
                (a.penalty_exposure_eur > 0.0
                     ? std::string(" (a finding graded ") +
                           audit::to_string(r.config->penalty_from) + " or worse)."
                     : std::string(" (no finding graded ") +
                           audit::to_string(r.config->penalty_from) + " or worse)."));
  if (r.monte_carlo) monte_carlo_section(doc, r);
  return doc;
}

json company_config_json(const audit::AuditConfig& c) {
  json detection = json::object();
  for (const auto v : audit::kVisitTypes) detection[audit::to_string(v)] = c.detection_of(v);
  return {{"id", c.id},
          {"high_risk_threshold", c.high_risk_threshold},
          {"sample_size", c.sample_size},
          {"sample_weight", audit::to_string(c.sample_weight)},
          {"detection", std::move(detection)},
          {"visits",
           {{"high_risk", audit::to_string(c.visit_high_risk)},
            {"direct", audit::to_string(c.visit_direct)},
            {"other", audit::to_string(c.visit_other)}}},
          {"critical_severity", c.critical_severity},
          {"major_severity", c.major_severity},
          {"substantiated_priority",
           c.substantiated_priority ? json(*c.substantiated_priority) : json(nullptr)},
          {"penalty_from", audit::to_string(c.penalty_from)},
          {"incident_scale", c.incident_scale}};
}

}  // namespace

json company_json(const CompanyReport& r) {
  const model::Scenario& sc = *r.scenario;
  const audit::CompanyAuditResult& a = *r.result;
  const directive::DirectiveProfile& p = *r.profile;
  const directive::ScopeDecision& d = a.scope;
  json findings = json::array();
  for (const auto& f : a.findings) findings.push_back(finding_json(sc, f));
  json sample = json::array();
  for (const auto& v : a.sample) {
    json found = json::array(), missed = json::array();
    for (const auto k : v.found) found.push_back(a.categories[k]);
    for (const auto k : v.missed) missed.push_back(a.categories[k]);
    sample.push_back({{"id", id_of(sc, v.firm)},
                      {"tier", v.tier},
                      {"visit", audit::to_string(v.type)},
                      {"detection", v.detection},
                      {"weight", v.weight},
                      {"found", std::move(found)},
                      {"missed", std::move(missed)}});
  }
  json doc = {
      {"kind", "company"},
      {"focal", id_of(sc, a.focal)},
      {"name", sc.network.firm(a.focal).display_name()},
      {"directive", p.id},
      {"title", p.title},
      {"legal_reference", p.legal_reference},
      {"as_of", a.as_of.to_string()},
      {"in_scope", d.in_scope},
      {"applies", d.applies},
      {"applies_from", d.applies_from ? json(d.applies_from->to_string()) : json(nullptr)},
      {"rule", d.rule.empty() ? json(nullptr) : json(d.rule)},
      {"phase", d.phase.empty() ? json(nullptr) : json(d.phase)},
      {"scope_reason", d.reason},
      {"audited", a.audited},
      {"summary", a.summary},
      {"seed", a.seed},
      {"findings", std::move(findings)},
      {"score", a.audited ? json(a.score) : json(nullptr)},
      {"max_penalty_eur", a.penalty_exposure_eur},
      {"sample", std::move(sample)},
      {"config", company_config_json(*r.config)},
      {"warnings", warnings_json(*r.warnings)},
  };
  if (a.audited) {
    const audit::GradeCounts g = audit::count_grades(a.findings);
    doc["grades"] = {{"critical", g.critical}, {"major", g.major}, {"minor", g.minor}};
    doc["checks"] = a.checks;
    doc["failed"] = a.failed;
    const auto& pe = a.penalty;
    doc["penalty"] = {{"max_eur", pe.max_eur ? json(*pe.max_eur) : json(nullptr)},
                      {"turnover_eur", pe.turnover_eur ? json(*pe.turnover_eur) : json(nullptr)},
                      {"group_turnover", pe.group_turnover},
                      {"share_applies", pe.share_applies},
                      {"bound", directive::to_string(pe.bound)},
                      {"exclusion_possible", pe.exclusion_possible},
                      {"explanation", pe.explanation},
                      {"exposure_eur", a.penalty_exposure_eur}};
    json chain = json::array();
    for (const auto& c : a.chain) {
      if (!c.covered) continue;
      chain.push_back({{"id", id_of(sc, c.firm)},
                       {"tier", c.tier},
                       {"own_operations", c.own_operations},
                       {"direct", c.direct},
                       {"substantiated", c.substantiated},
                       {"own_priority", c.own_priority},
                       {"own_category", a.categories[c.own_category]},
                       {"chain_priority", c.chain_priority},
                       {"high_risk", c.high_risk}});
    }
    doc["chain"] = {{"coverage", directive::to_string(a.coverage)},
                    {"upstream", a.chain.size()},
                    {"covered", chain.size()},
                    {"mapped_tiers", a.mapped_tiers ? json(*a.mapped_tiers) : json(nullptr)},
                    {"firms", std::move(chain)}};
    json paths = json::array();
    for (const auto& path : a.paths.paths) {
      json firms = json::array();
      for (const auto f : path.firms) firms.push_back(id_of(sc, f));
      paths.push_back({{"firms", std::move(firms)}, {"contribution", path.contribution}});
    }
    json priorities = json::array();
    for (const auto& q : a.priorities)
      priorities.push_back({{"id", id_of(sc, q.firm)},
                            {"tier", q.tier},
                            {"category", a.categories[q.category]},
                            {"severity", q.severity},
                            {"likelihood", q.likelihood},
                            {"priority", q.priority},
                            {"within_mapped_tiers", q.within_mapped_tiers},
                            {"high", q.high}});
    doc["risk"] = {
        {"model", r.exposure_model},
        {"upstream_weight", r.upstream_weight},
        {"unmapped_risk", r.unmapped_risk},
        {"risk_model", r.risk_model},
        {"category", a.categories.empty() ? json(nullptr) : json(a.categories[a.focal_category])},
        {"exposure", a.focal_exposure},
        {"paths", std::move(paths)},
        {"high_risk_firms", a.high_risk_firms},
        {"priorities", std::move(priorities)}};
    json obligations = json::array();
    for (const auto& o : a.obligations) {
      json checks = json::array();
      for (const auto& c : o.checks)
        checks.push_back({{"check", c.check},
                          {"passed", c.passed},
                          {"verified", c.verified},
                          {"evidence", c.evidence}});
      obligations.push_back({{"id", o.id},
                             {"article", o.article},
                             {"title", o.title},
                             {"status", audit::to_string(o.status)},
                             {"grade", audit::to_string(o.grade)},
                             {"verified", o.verified},
                             {"reason", o.reason},
                             {"checks", std::move(checks)}});
    }
    doc["obligations"] = std::move(obligations);
  }
  if (r.monte_carlo) {
    const audit::CompanyMonteCarloResult& m = *r.monte_carlo;
    doc["monte_carlo"] = {{"runs", m.runs},
                          {"seed", m.seed},
                          {"percentiles", "nearest-rank"},
                          {"chain_firms", m.chain_firms},
                          {"expected_incidents", m.expected_incidents},
                          {"incidents", summary_json(m.incidents)},
                          {"found", summary_json(m.found)},
                          {"critical", summary_json(m.critical)},
                          {"major", summary_json(m.major)},
                          {"minor", summary_json(m.minor)},
                          {"findings", summary_json(m.findings)},
                          {"penalty_eur", summary_json(m.penalty_eur)},
                          {"p_critical", m.p_critical},
                          {"p_found", m.p_found}};
  }
  return doc;
}

std::string company_report(const CompanyReport& r, Format format) {
  return render(company_document(r), format);
}

// --- supplier -----------------------------------------------------------------------------------

namespace {

Document supplier_document(const SupplierReport& r) {
  const model::Scenario& sc = *r.scenario;
  const audit::SupplierAuditResult& a = *r.result;
  Document doc("Supplier mock due diligence: " + firm_label(sc, a.supplier));
  std::string head = "Audit date " + r.as_of.to_string() + ". ";
  if (a.buyer) {
    head += "Buyer " + firm_label(sc, *a.buyer);
    if (r.profile && r.buyer_scope) {
      const auto& d = *r.buyer_scope;
      head += ", " + std::string(d.in_scope ? "in scope" : "not in scope") + " of " +
              r.profile->id +
              (d.applies_from ? " (obligations apply from " + d.applies_from->to_string() + ")"
                              : std::string());
    }
    head += ".";
  } else {
    head += "No buyer given (--buyer): the codes of the SME's direct buyers apply.";
  }
  doc.paragraph(head);
  doc.paragraph(grade_counts(a.findings) + ". Score " + fixed(a.score, 1) + " of 200 (" +
                std::to_string(a.checks) + " checks, " + std::to_string(a.failed) +
                " failed); readiness " + fixed(a.readiness, 1) + " of 100.");
  add_warnings(doc, *r.warnings);

  if (!a.fix_first.empty()) {
    doc.heading("Fix first");
    std::vector<Item> items;
    for (std::size_t i = 0; i < a.fix_first.size(); ++i) {
      Item it{a.fix_first[i], {}};
      for (const auto& fx : a.fix_plan)
        if (fx.obligation == a.fix_first[i]) {
          it.text += " [" + std::string(audit::to_string(fx.grade)) + "]: risk reduction " +
                     fixed(fx.risk_reduction, 3) + ", effort " + fixed(fx.effort, 1) +
                     ", priority " + fixed(fx.priority, 3);
          break;
        }
      items.push_back(std::move(it));
    }
    doc.list(std::move(items));
  }

  doc.heading("Findings");
  if (a.findings.empty()) {
    doc.paragraph("None.");
  } else {
    findings_blocks(doc, sc, a.findings);
  }

  if (!a.check_results.empty()) {
    doc.heading("Checks");
    std::vector<std::vector<std::string>> rows{{"check", "result", "stake", "evidence"}};
    for (const auto& c : a.check_results)
      rows.push_back({c.id, c.passed ? "passed" : "FAILED", audit::to_string(c.stake), c.evidence});
    doc.table(std::move(rows), {1, 2, 3});
  }
  if (!a.notes.empty()) {
    doc.heading("Notes");
    std::vector<Item> items;
    for (const auto& n : a.notes) items.push_back({n, {}});
    doc.list(std::move(items));
  }
  if (r.monte_carlo) {
    const audit::SupplierMonteCarloResult& m = *r.monte_carlo;
    doc.heading("Monte Carlo");
    doc.paragraph(std::to_string(m.runs) + " runs with seeds " + std::to_string(m.seed) + " to " +
                  std::to_string(m.seed + m.runs - 1) +
                  "; the visit may find self-assessed "
                  "answers overstated (" +
                  std::to_string(m.items_at_risk) +
                  " answers at risk). Percentiles by the nearest-rank method.");
    doc.table({{"per run", "mean", "p5", "p50", "p95"},
               summary_row("critical findings", m.critical, 2),
               summary_row("major findings", m.major, 2),
               summary_row("minor findings", m.minor, 2),
               summary_row("answers found overstated", m.overstated, 2),
               summary_row("score", m.score, 1),
               summary_row("readiness", m.readiness, 1)});
    doc.paragraph("Probability of at least one critical finding: " + fixed(m.p_critical, 4) +
                  "; of at least one overstated answer: " + fixed(m.p_overstated, 4) + ".");
    if (!m.finding_frequency.empty()) {
      std::vector<std::vector<std::string>> rows{{"finding on", "share of runs"}};
      for (const auto& [id, share] : m.finding_frequency) rows.push_back({id, fixed(share, 4)});
      doc.table(std::move(rows));
    }
    if (!m.outcomes.empty()) {
      std::vector<double> score, readiness, findings;
      for (const audit::SupplierRunOutcome& o : m.outcomes) {
        score.push_back(o.score);
        readiness.push_back(o.readiness);
        findings.push_back(static_cast<double>(o.critical + o.major + o.minor));
      }
      const std::string runs = " (" + std::to_string(m.runs) + " runs)";
      doc.figure(report::histogram_svg(
                     histogram("Audit score per run" + runs, "score (of 200)", std::move(score))),
                 "The score of the re-run audit in each run.");
      doc.figure(report::histogram_svg(histogram("Readiness per run" + runs,
                                                 "readiness (of 100)", std::move(readiness))),
                 "The SME's readiness in each run.");
      doc.figure(report::histogram_svg(histogram("Findings per run" + runs,
                                                 "findings (all grades)", std::move(findings))),
                 "Findings of every grade per run.");
    }
  }
  return doc;
}

}  // namespace

json supplier_json(const SupplierReport& r) {
  const model::Scenario& sc = *r.scenario;
  const audit::SupplierAuditResult& a = *r.result;
  json findings = json::array();
  for (const auto& f : a.findings) findings.push_back(finding_json(sc, f));
  json checks = json::array();
  for (const auto& c : a.check_results)
    checks.push_back({{"id", c.id},
                      {"category", c.category.empty() ? json(nullptr) : json(c.category)},
                      {"passed", c.passed},
                      {"stake", audit::to_string(c.stake)},
                      {"own_risk", c.own_risk},
                      {"required", c.required},
                      {"control", c.control},
                      {"evidence", c.evidence}});
  json plan = json::array();
  for (const auto& fx : a.fix_plan)
    plan.push_back({{"obligation", fx.obligation},
                    {"grade", audit::to_string(fx.grade)},
                    {"risk_reduction", fx.risk_reduction},
                    {"effort", fx.effort},
                    {"priority", fx.priority}});
  const bool scoped = r.profile != nullptr && r.buyer_scope.has_value();
  json doc = {
      {"kind", "supplier"},
      {"focal", id_of(sc, a.supplier)},
      {"name", sc.network.firm(a.supplier).display_name()},
      {"buyer", a.buyer ? json(id_of(sc, *a.buyer)) : json(nullptr)},
      {"directive", r.profile ? json(r.profile->id) : json(nullptr)},
      {"as_of", r.as_of.to_string()},
      {"in_scope", scoped ? json(r.buyer_scope->in_scope) : json(nullptr)},
      {"applies", scoped ? json(r.buyer_scope->applies) : json(nullptr)},
      {"findings", std::move(findings)},
      {"score", a.score},
      {"readiness", a.readiness},
      {"checks", a.checks},
      {"failed", a.failed},
      {"fix_first", a.fix_first},
      {"fix_plan", std::move(plan)},
      {"check_results", std::move(checks)},
      {"notes", a.notes},
      {"max_penalty_eur", nullptr},
      {"sample", json::array()},
      {"seed", r.seed},
      {"warnings", warnings_json(*r.warnings)},
  };
  if (r.monte_carlo) {
    const audit::SupplierMonteCarloResult& m = *r.monte_carlo;
    json freq = json::array();
    for (const auto& [id, share] : m.finding_frequency)
      freq.push_back({{"obligation", id}, {"share", share}});
    doc["monte_carlo"] = {{"runs", m.runs},
                          {"seed", m.seed},
                          {"percentiles", "nearest-rank"},
                          {"critical", summary_json(m.critical)},
                          {"major", summary_json(m.major)},
                          {"minor", summary_json(m.minor)},
                          {"readiness", summary_json(m.readiness)},
                          {"score", summary_json(m.score)},
                          {"p_critical", m.p_critical},
                          {"items_at_risk", m.items_at_risk},
                          {"overstated", summary_json(m.overstated)},
                          {"p_overstated", m.p_overstated},
                          {"overstated_share", m.overstated_share},
                          {"finding_frequency", std::move(freq)}};
  }
  return doc;
}

std::string supplier_report(const SupplierReport& r, Format format) {
  return render(supplier_document(r), format);
}

}  // namespace diligence::cli
