// Loading audit configurations (format `diligence-audit-config/1`, docs/audits.md "The audit
// configuration") and the one that ships in data/audit/default.yaml.
// yaml-cpp and all file access stay inside the compiled io library; this header is plain C++.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include <diligence/audit/config.hpp>

namespace diligence::io {

/// Loads an audit configuration file. Every key but `format` is optional; a key not given keeps
/// the default of audit::AuditConfig (which equals the shipped data/audit/default.yaml). Unknown
/// keys are errors (keys starting with `x-` are free), every probability, threshold and severity
/// must lie in [0,1], `grading.major_severity` must not exceed `grading.critical_severity`.
///
/// @throws IoError for a missing or unreadable file, ParseError for YAML that does not parse or
///   values of the wrong type, ValidationError for values that break a rule; each error names the
///   file, line and column and the key path (`visits.detection.unannounced`).
[[nodiscard]] audit::AuditConfig load_audit_config(const std::filesystem::path& path);

/// Loads an audit configuration from YAML text; `name` is used as the file name in error
/// positions, and its stem as the id when the text gives none.
[[nodiscard]] audit::AuditConfig load_audit_config_text(std::string_view yaml,
                                                        std::string name = "<text>");

/// The shipped configuration: `data_dir() / "audit" / "default.yaml"`, loaded on each call.
/// @throws the errors of `load_audit_config`.
[[nodiscard]] audit::AuditConfig default_audit_config();

}  // namespace diligence::io
