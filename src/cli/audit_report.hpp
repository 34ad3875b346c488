// The reports of `diligence audit`: the company mock audit and the supplier mock due diligence,
// each as plain text, Markdown or JSON (spec/cli.md fixes the JSON keys `focal`, `directive`,
// `as_of`, `in_scope`, `applies`, `findings[{obligation, article, grade, message}]`, `score`,
// `max_penalty_eur`, `sample`, `monte_carlo`; docs/audits.md lists every key).
//
// Text and Markdown come from one Document (headings, paragraphs, tables, lists) rendered twice,
// so the two always say the same.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include <diligence/audit/company.hpp>
#include <diligence/audit/config.hpp>
#include <diligence/audit/monte_carlo.hpp>
#include <diligence/audit/supplier.hpp>
#include <diligence/core/diagnostics.hpp>
#include <diligence/directive/profile.hpp>
#include <diligence/directive/scope.hpp>
#include <diligence/model/scenario.hpp>

namespace diligence::cli {

/// What the company report shows.
struct CompanyReport {
  const model::Scenario* scenario = nullptr;
  const directive::DirectiveProfile* profile = nullptr;
  const audit::AuditConfig* config = nullptr;
  const audit::CompanyAuditResult* result = nullptr;
  const audit::CompanyMonteCarloResult* monte_carlo = nullptr;  ///< null: not run
  std::string exposure_model;                                   ///< `linear` or `noisy-or`
  double upstream_weight = 0.5;
  double unmapped_risk = 0.5;
  std::string risk_model;  ///< the risk model's id
  const std::vector<Diagnostic>* warnings = nullptr;
};

/// What the supplier report shows.
struct SupplierReport {
  const model::Scenario* scenario = nullptr;
  const audit::SupplierAuditResult* result = nullptr;
  const audit::SupplierMonteCarloResult* monte_carlo = nullptr;  ///< null: not run
  const directive::DirectiveProfile* profile = nullptr;          ///< `--directive`, if given
  /// The buyer's scope under `profile` (when both a buyer and a directive were given).
  std::optional<directive::ScopeDecision> buyer_scope;
  Date as_of;
  std::uint64_t seed = 1;
  const std::vector<Diagnostic>* warnings = nullptr;
};

/// The company report as plain text (`markdown` false) or Markdown.
[[nodiscard]] std::string company_report(const CompanyReport& r, bool markdown);
/// The company report as one JSON document.
[[nodiscard]] nlohmann::json company_json(const CompanyReport& r);

/// The supplier report as plain text (`markdown` false) or Markdown.
[[nodiscard]] std::string supplier_report(const SupplierReport& r, bool markdown);
/// The supplier report as one JSON document.
[[nodiscard]] nlohmann::json supplier_json(const SupplierReport& r);

}  // namespace diligence::cli
