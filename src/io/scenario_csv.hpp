// Loading the firms and links of a scenario from RFC 4180 CSV files (spec/scenario.md, "CSV").
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>

#include <diligence/core/error.hpp>
#include <diligence/io/scenario_io.hpp>
#include <diligence/model/network_builder.hpp>

namespace diligence::io::detail {

/// A CSV file named by the scenario's `include`.
struct CsvInclude {
  std::filesystem::path path;  ///< resolved path
  std::string display;         ///< path as shown in messages
  std::string key;             ///< `include.firms_csv`
  Location key_location;       ///< where the YAML names the file
};

/// Adds every row of a firms CSV to the builder. Rows become firms[first..first+rows).
/// @return the number of rows.
std::size_t load_firms_csv(const CsvInclude& file, model::NetworkBuilder& builder,
                           const LoadOptions& options);

/// Adds every row of a links CSV to the builder. @return the number of rows.
std::size_t load_links_csv(const CsvInclude& file, model::NetworkBuilder& builder,
                           const LoadOptions& options);

/// Position of the cell of column `field` in data row `row` (0-based) of a CSV file, found by
/// reading the file again (used only to place errors found after loading). Falls back to the
/// row's first cell when the column is not in the file.
[[nodiscard]] Location locate_csv_cell(const CsvInclude& file, std::size_t row,
                                       std::string_view field);

}  // namespace diligence::io::detail
