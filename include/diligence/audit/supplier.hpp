// Supplier mock due diligence (`audit --kind supplier`): the rehearsal of the audit an EU
// customer runs on one of its suppliers under its own due-diligence duties, in the style of RBA
// and SMETA audits. This is what industrial-complex agencies offer their SME tenants.
//
// Interface fixed by the lead; the definitions and the documentation of every check live in
// detail/supplier_impl.hpp and docs/audits.md.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <diligence/audit/finding.hpp>
#include <diligence/core/date.hpp>
#include <diligence/model/supply_network.hpp>
#include <diligence/risk/own_risk.hpp>
#include <diligence/risk/questionnaire.hpp>
#include <diligence/risk/risk_model.hpp>

namespace diligence::audit {

/// What the supplier audit looks at.
struct SupplierAuditInput {
  const model::SupplyNetwork* network = nullptr;
  model::FirmIndex supplier = model::kNoFirm;
  std::optional<model::FirmIndex> buyer;  ///< whose code of conduct applies (`--buyer ID`)
  const risk::RiskModel* risk_model = nullptr;
  const risk::OwnRiskResult* own = nullptr;  ///< own risk of every firm (own_risk())
  const std::vector<risk::Questionnaire>* questionnaires = nullptr;
  Date as_of;  ///< audit date; deadlines count from it
};

/// Result of one supplier audit.
struct SupplierAuditResult {
  model::FirmIndex supplier = model::kNoFirm;
  std::optional<model::FirmIndex> buyer;
  std::vector<Finding> findings;      ///< critical first
  std::size_t checks = 0;             ///< checks run
  std::size_t failed = 0;             ///< checks that raised a finding
  double score = 0.0;                 ///< audit_score(checks, failed, findings), 0..200
  double readiness = 0.0;             ///< 0..100: how ready the SME is for its buyer's audit
  std::vector<std::string> fix_first; ///< obligations / categories in the order to fix them
};

}  // namespace diligence::audit
