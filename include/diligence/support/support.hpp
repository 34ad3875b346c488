// Umbrella header of the support module: SME classes, support programmes, budgeted allocation
// with its baselines (docs/support.md).
#pragma once

#include <diligence/support/allocation.hpp>
#include <diligence/support/classes.hpp>
#include <diligence/support/programme.hpp>
