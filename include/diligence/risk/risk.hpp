// Umbrella header of the risk module.
#pragma once

#include <diligence/risk/cascade.hpp>
#include <diligence/risk/tiers.hpp>
