// Umbrella header of the core module.
#pragma once

#include <diligence/core/date.hpp>
#include <diligence/core/diagnostics.hpp>
#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
