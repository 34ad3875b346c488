// Umbrella header of the generate module: seeded synthetic supplier networks (generator.hpp) and
// their scenario files (csv.hpp).
#pragma once

#include <diligence/generate/csv.hpp>
#include <diligence/generate/generator.hpp>
#include <diligence/generate/options.hpp>
#include <diligence/generate/samplers.hpp>
