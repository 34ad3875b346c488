// The report module: building blocks of the HTML reports (an SVG writer and its colour scale).
#pragma once

#include <diligence/report/svg.hpp>
