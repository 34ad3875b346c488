// Stable error and warning ids. Tests and users match on these strings; never change one.
// The catalogue with an example input and message for each is docs/errors.md.
#pragma once

namespace diligence::errc {

// Files and syntax.
inline constexpr const char* kFileNotFound = "io.file_not_found";     ///< missing input file
inline constexpr const char* kFileUnreadable = "io.file_unreadable";  ///< cannot read input
inline constexpr const char* kFileUnwritable = "io.file_unwritable";  ///< cannot write output
inline constexpr const char* kYamlSyntax = "yaml.syntax";             ///< YAML that does not parse
inline constexpr const char* kCsvSyntax = "csv.syntax";               ///< CSV that breaks RFC 4180
inline constexpr const char* kCsvHeader = "csv.header";  ///< missing, empty or repeated column
inline constexpr const char* kCsvFieldCount = "csv.field_count";  ///< row with too few/many cells

// Structure and types of any input file (scenario, risk model, questionnaire, profile, ...).
inline constexpr const char* kFormatVersion = "input.format";    ///< `format` missing or unknown
inline constexpr const char* kUnknownKey = "input.unknown_key";  ///< key not in the format
inline constexpr const char* kDuplicateKey = "input.duplicate_key";  ///< key given twice
inline constexpr const char* kMissingKey = "input.missing_key";      ///< required key absent
inline constexpr const char* kType = "input.type";                   ///< value of the wrong type
inline constexpr const char* kRange = "input.range";   ///< number negative, not finite, too big
inline constexpr const char* kBadId = "input.bad_id";  ///< firm id breaks the id pattern
inline constexpr const char* kBadCountry = "input.bad_country";  ///< not ISO alpha-2
inline constexpr const char* kBadSector = "input.bad_sector";    ///< not a NACE Rev. 2 code
inline constexpr const char* kBadDate = "input.bad_date";        ///< not a valid YYYY-MM-DD date
inline constexpr const char* kBadEnum = "input.bad_value";       ///< value outside a fixed set
inline constexpr const char* kUnknownCategory = "input.unknown_category";  ///< category id
inline constexpr const char* kCurrency = "input.currency";         ///< a currency other than EUR
inline constexpr const char* kUnknownItem = "input.unknown_item";  ///< answer to no such item
inline constexpr const char* kUnknownQuestionnaire = "input.unknown_questionnaire";  ///< no such id
inline constexpr const char* kUnknownRule =
    "input.unknown_rule";  ///< profile phase names no scope rule

// Network rules.
inline constexpr const char* kDuplicateFirm = "network.duplicate_firm";  ///< firm id twice
inline constexpr const char* kUnknownFirm = "network.unknown_firm";  ///< link/parent names no firm
inline constexpr const char* kSelfLink = "network.self_link";        ///< supplier == buyer
inline constexpr const char* kDuplicateLink = "network.duplicate_link";  ///< same pair twice
inline constexpr const char* kShareSum = "network.share_sum";  ///< shares into a buyer above 1
inline constexpr const char* kShareMix =
    "network.share_mix";  ///< some links into a buyer lack share
inline constexpr const char* kParentCycle = "network.parent_cycle";  ///< loop in parent chains
inline constexpr const char* kIndexRange = "network.index_range";    ///< firm index out of range

// Directive profiles.
inline constexpr const char* kUnknownProfile = "directive.unknown_profile";  ///< no such profile id

// Library use.
inline constexpr const char* kUnknownFirmId = "usage.unknown_firm";  ///< API given an unknown id
inline constexpr const char* kParameter = "usage.parameter";  ///< a parameter out of its range

// Warnings (not errors: reported through the log sink and in `warnings`).
inline constexpr const char* kWarnEqualWeights = "weights.equal";  ///< links into b share equally
inline constexpr const char* kWarnFallback = "risk.fallback";  ///< country/sector not in the model

}  // namespace diligence::errc
