// The audit configuration of the company mock audit: how the auditor decides what is high risk,
// how many suppliers it samples and how it weights them, which kind of visit each sampled supplier
// gets and how likely each kind is to find an incident that is there, how verification findings
// are graded, what counts as substantiated knowledge (LkSG), and the Monte Carlo's incident rate.
//
// None of these numbers comes from the law or from a measured source: they are illustrative
// judgements, editable defaults. The shipped file is data/audit/default.yaml (format
// `diligence-audit-config/1`, loaded by io::load_audit_config); the defaults of this struct are the
// same values, so a program that does not load a file audits the same way. docs/audits.md explains
// each parameter.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <diligence/audit/finding.hpp>
#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>

namespace diligence::audit {

/// How the auditor visits a sampled supplier (SMETA distinguishes announced, semi-announced and
/// unannounced visits; a desk review looks at documents only).
enum class VisitType : std::uint8_t { kDeskReview, kAnnounced, kUnannounced };

/// Every visit type, in the order of `AuditConfig::detection`.
inline constexpr std::array<VisitType, 3> kVisitTypes = {
    VisitType::kDeskReview, VisitType::kAnnounced, VisitType::kUnannounced};

[[nodiscard]] constexpr const char* to_string(VisitType v) noexcept {
  switch (v) {
    case VisitType::kDeskReview:
      return "desk_review";
    case VisitType::kAnnounced:
      return "announced";
    case VisitType::kUnannounced:
      return "unannounced";
  }
  return "desk_review";
}

/// How the auditor weights the suppliers it samples.
enum class SampleWeight : std::uint8_t {
  kSeverityExposure,  ///< max over categories of severity × exposure (the chain priority)
  kExposure,          ///< overall exposure: max over categories of exposure
  kUniform,           ///< every covered supplier alike
};

inline constexpr std::array<SampleWeight, 3> kSampleWeights = {
    SampleWeight::kSeverityExposure, SampleWeight::kExposure, SampleWeight::kUniform};

[[nodiscard]] constexpr const char* to_string(SampleWeight w) noexcept {
  switch (w) {
    case SampleWeight::kSeverityExposure:
      return "severity_exposure";
    case SampleWeight::kExposure:
      return "exposure";
    case SampleWeight::kUniform:
      return "uniform";
  }
  return "severity_exposure";
}

/// The parameters of the company mock audit and its Monte Carlo. Defaults =
/// data/audit/default.yaml.
struct AuditConfig {
  std::string id = "default";
  std::string title = "Default audit configuration (illustrative judgements)";
  std::string source =
      "Illustrative judgements of the diligence project; no published source gives these values";
  std::vector<std::string> notes;

  /// A risk is high when its priority, severity × likelihood, is at least this.
  double high_risk_threshold = 0.5;

  /// Suppliers the auditor samples from the covered chain (all of them when the chain is smaller).
  std::size_t sample_size = 5;
  /// How the sample is weighted.
  SampleWeight sample_weight = SampleWeight::kSeverityExposure;

  /// Probability that a visit of each type finds an incident present at the supplier, per
  /// incident, indexed by VisitType (desk review, announced, unannounced).
  std::array<double, 3> detection = {0.2, 0.5, 0.8};
  /// Visit type of a sampled supplier with high own risk (own priority ≥ high_risk_threshold).
  VisitType visit_high_risk = VisitType::kUnannounced;
  /// Visit type of another sampled direct business partner (or a subsidiary of the focal firm).
  VisitType visit_direct = VisitType::kAnnounced;
  /// Visit type of any other sampled supplier.
  VisitType visit_other = VisitType::kDeskReview;

  /// Grade of a verification finding by the severity of its category: critical from this
  /// severity, major from `major_severity`, minor below.
  double critical_severity = 0.9;
  double major_severity = 0.6;

  /// LkSG: an indirect supplier is covered on substantiated knowledge when it has a known
  /// incident, or (when set) when its own priority is at least this. Unset: known incidents only.
  std::optional<double> substantiated_priority;

  /// Penalty exposure of an audit (and of each Monte Carlo run): the profile's maximum when the
  /// audit raised a finding of this grade or worse, 0 otherwise.
  Grade penalty_from = Grade::kMajor;

  /// Monte Carlo: the probability of a latent incident in category k at firm i is
  /// min(1, incident_scale × own risk r_ik). 1 reads own risk as the probability that an adverse
  /// impact is present on the audit date.
  double incident_scale = 1.0;

  /// Detection probability of a visit type.
  [[nodiscard]] double detection_of(VisitType v) const noexcept {
    return detection[static_cast<std::size_t>(v)];
  }
  /// Grade of a verification finding in a category of this severity.
  [[nodiscard]] Grade grade_for_severity(double severity) const noexcept {
    if (severity >= critical_severity) return Grade::kCritical;
    if (severity >= major_severity) return Grade::kMajor;
    return Grade::kMinor;
  }
};

/// Checks the ranges of a configuration: probabilities, thresholds and severities in [0,1],
/// major_severity ≤ critical_severity, incident_scale finite and ≥ 0.
/// @throws UsageError (`usage.parameter`) naming the parameter.
inline void check(const AuditConfig& c) {
  const auto unit = [](double v, const char* name) {
    if (!(v >= 0.0 && v <= 1.0))
      throw UsageError(errc::kParameter, std::string("audit config: ") + name +
                                             " must be in [0,1], got " + std::to_string(v));
  };
  unit(c.high_risk_threshold, "high_risk_threshold");
  for (const VisitType v : kVisitTypes)
    unit(c.detection_of(v), (std::string("detection of ") + to_string(v)).c_str());
  unit(c.critical_severity, "critical_severity");
  unit(c.major_severity, "major_severity");
  if (c.major_severity > c.critical_severity)
    throw UsageError(errc::kParameter,
                     "audit config: major_severity must not exceed critical_severity");
  if (c.substantiated_priority) unit(*c.substantiated_priority, "substantiated_priority");
  if (!(c.incident_scale >= 0.0 && c.incident_scale <= 1e6))
    throw UsageError(errc::kParameter, "audit config: incident_scale must be finite and >= 0");
}

}  // namespace diligence::audit
