// The n × K risk matrices: one row per firm, one column per impact category, row-major so that
// one pass over a firm's supplier links updates all categories at once.
#pragma once

#include <Eigen/Core>

namespace diligence::risk {

/// Firms × categories, row-major. Entry (i, k) is firm i's value in category k, in [0,1].
using RiskMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

}  // namespace diligence::risk
