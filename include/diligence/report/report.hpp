// The report module: building blocks of the HTML reports (an SVG writer, its colour scale, charts).
#pragma once

#include <diligence/report/svg.hpp>
#include <diligence/report/charts.hpp>
