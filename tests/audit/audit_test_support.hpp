// Helpers of the audit tests: a tiny risk model whose own risk is exactly the firms' explicit
// `risk:` values (every indicator 0), a hand-drawn world that passes every obligation of the
// shipped profiles, and a one-call audit.
//
// The base world (edges point from supplier to buyer):
//
//     M ──▶ S1 ──▶ F ◀── S2
//
//   F   focal firm, DE, 6 000 employees (all in DE), turnover EUR 2 000 000 000: in scope of
//       csddd-2024 (phase 1, from 2027-07-26), csddd-2026 (from 2029-07-26) and lksg (from 2023).
//   S1  direct supplier, KR, an SME (40 employees, EUR 5m), own risk forced_labour 0.6 (own
//       priority 1.0 × 0.6 = 0.6: high risk), link with a code of conduct.
//   S2  direct supplier, DE, large, own risk climate 0.4 (priority 0.5 × 0.4 = 0.2: not high).
//   M   tier 2, KR, large, own risk forced_labour 0.8 (priority 0.8: high risk).
// Exposure (λ = 0.5): x_M = 0.8, x_S1 = 0.5·0.6 + 0.5·0.8 = 0.7 (forced_labour).
// F's evidence on 2029-09-01: every key given and passing; mapped_tiers 2; prevention_plans 0.7
// (0.7 × 3 mapped firms = 2.1 ≥ 2 high-priority firms).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/audit/audit.hpp>
#include <diligence/io/directive_io.hpp>
#include <diligence/io/risk_model_io.hpp>
#include <diligence/model/network_builder.hpp>
#include <diligence/risk/own_risk.hpp>

namespace diligence::audit::test {

inline const Date kAsOf{2029, 9, 1};

/// Three categories; every indicator 0, so own risk = the explicit `risk:` values (and 1 for a
/// category with an incident).
inline const risk::RiskModel& tiny_model() {
  static const risk::RiskModel m = io::load_risk_model_text(
      "format: diligence-risk-model/1\n"
      "id: tiny\n"
      "categories:\n"
      "  - {id: forced_labour, pillar: S}\n"
      "  - {id: wages_hours, pillar: S}\n"
      "  - {id: climate, pillar: E}\n"
      "fallback:\n"
      "  country: {values: {all: 0}, source: test}\n"
      "  sector: {values: {all: 0}, source: test}\n",
      "tiny.yaml");
  return m;
}

/// The shipped profile with this id (loaded once).
inline const directive::DirectiveProfile& profile(const std::string& id) {
  static const directive::DirectiveProfile csddd2024 = io::find_profile("csddd-2024");
  static const directive::DirectiveProfile csddd2026 = io::find_profile("csddd-2026");
  static const directive::DirectiveProfile lksg = io::find_profile("lksg");
  if (id == "csddd-2024") return csddd2024;
  if (id == "csddd-2026") return csddd2026;
  return lksg;
}

/// A network under construction: firms and links that a test may change before auditing.
struct World {
  std::vector<model::Firm> firms;
  std::vector<model::SupplyLink> links;

  model::Firm& firm(const std::string& id) {
    for (auto& f : firms)
      if (f.id == id) return f;
    ADD_FAILURE() << "no firm " << id;
    return firms.front();
  }
  model::DueDiligence& evidence() { return *firm("F").due_diligence; }
  model::SupplyLink& link(const std::string& s, const std::string& b) {
    for (auto& l : links)
      if (l.supplier == s && l.buyer == b) return l;
    ADD_FAILURE() << "no link " << s << " -> " << b;
    return links.front();
  }
  void add_link(const std::string& s, const std::string& b, double spend,
                std::optional<bool> code = std::nullopt) {
    model::SupplyLink l;
    l.supplier = s;
    l.buyer = b;
    l.spend_eur = spend;
    l.contract.code_of_conduct = code;
    links.push_back(std::move(l));
  }
};

inline model::Firm make_firm(std::string id, std::string country, std::uint64_t employees,
                             double turnover, std::vector<std::pair<std::string, double>> risk) {
  model::Firm f;
  f.id = std::move(id);
  f.country = std::move(country);
  f.sector = "C25";
  f.employees = employees;
  f.turnover_eur = turnover;
  f.risk = std::move(risk);
  return f;
}

/// Evidence that passes every check of the shipped profiles on kAsOf.
inline model::DueDiligence passing_evidence() {
  model::DueDiligence e;
  e.policy_reviewed = Date(2028, 9, 1);
  e.code_of_conduct = true;
  e.risk_assessment = Date(2029, 6, 1);
  e.mapped_tiers = 2;
  e.prevention_plans = 0.7;
  e.contractual_assurances = 1.0;
  e.sme_support = true;
  e.complaints_procedure = true;
  e.stakeholder_engagement = true;
  e.remediation = true;
  e.annual_statement = true;
  e.transition_plan = true;
  return e;
}

inline World base_world() {
  World w;
  model::Firm f = make_firm("F", "DE", 6000, 2e9, {});
  f.employees_by_country = {{"DE", 6000}};
  f.due_diligence = passing_evidence();
  w.firms.push_back(std::move(f));
  w.firms.push_back(make_firm("S1", "KR", 40, 5e6, {{"forced_labour", 0.6}}));
  w.firms.push_back(make_firm("S2", "DE", 2000, 1e9, {{"climate", 0.4}}));
  w.firms.push_back(make_firm("M", "KR", 1000, 5e8, {{"forced_labour", 0.8}}));
  w.add_link("S1", "F", 1e6, true);
  w.add_link("S2", "F", 3e6, true);
  w.add_link("M", "S1", 1e6);
  return w;
}

/// A built world with own risk, ready to audit.
struct Audit {
  model::SupplyNetwork net;
  risk::OwnRiskResult own;
  const directive::DirectiveProfile* profile = nullptr;

  [[nodiscard]] CompanyAuditInput input(const std::string& focal = "F", Date as_of = kAsOf) const {
    return CompanyAuditInput{&net, net.index_of(focal), profile, &own, nullptr, as_of};
  }
  [[nodiscard]] CompanyAuditResult run(const AuditConfig& config = {}, std::uint64_t seed = 1,
                                       const std::string& focal = "F", Date as_of = kAsOf) const {
    CompanyAuditOptions o;
    o.seed = seed;
    return company_audit(input(focal, as_of), config, o);
  }
  [[nodiscard]] model::FirmIndex id(const std::string& s) const { return net.index_of(s); }
};

inline Audit prepare(const World& w, const std::string& profile_id) {
  model::NetworkBuilder nb;
  for (const auto& f : w.firms) nb.add_firm(f);
  for (const auto& l : w.links) nb.add_link(l);
  Audit a;
  a.net = nb.build();
  a.own = risk::own_risk(a.net, tiny_model());
  a.profile = &profile(profile_id);
  return a;
}

/// The audited obligation with this id.
inline const ObligationResult& obligation(const CompanyAuditResult& r, const std::string& id) {
  for (const auto& o : r.obligations)
    if (o.id == id) return o;
  ADD_FAILURE() << "no obligation " << id;
  return r.obligations.front();
}

/// The finding of obligation `id`, or nullptr.
inline const Finding* finding(const CompanyAuditResult& r, const std::string& id) {
  for (const auto& f : r.findings)
    if (f.obligation == id) return &f;
  return nullptr;
}

}  // namespace diligence::audit::test
