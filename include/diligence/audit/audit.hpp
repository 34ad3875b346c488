// Umbrella header of the audit module: findings and the shared score, the audit configuration,
// the company mock audit and its Monte Carlo, and the supplier mock due diligence.
#pragma once

#include <diligence/audit/company.hpp>
#include <diligence/audit/config.hpp>
#include <diligence/audit/finding.hpp>
#include <diligence/audit/monte_carlo.hpp>
#include <diligence/audit/supplier.hpp>
