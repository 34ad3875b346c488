# Builds and runs a consumer project of diligence; run with `cmake -P` (see CMakeLists.txt).
#
#   MODE=install       install MAIN_BUILD_DIR into WORK_DIR/prefix, then build PROJECT_DIR
#                      against it through CMAKE_PREFIX_PATH (find_package(diligence));
#   MODE=subdirectory  build PROJECT_DIR, which add_subdirectory()s SOURCE_DIR.
#
# Then runs the consumer on SCENARIO and checks what it prints.
cmake_minimum_required(VERSION 3.25)

foreach(var MODE SOURCE_DIR PROJECT_DIR WORK_DIR SCENARIO GENERATOR)
  if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
    message(FATAL_ERROR "run_consumer.cmake: ${var} is not set")
  endif()
endforeach()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE Release)
endif()

function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "consumer (${MODE}): ${what} failed (${rc})")
  endif()
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
set(configure_args
  -S ${PROJECT_DIR} -B ${build} -G ${GENERATOR}
  -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
  -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
  "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
  "-DCMAKE_EXE_LINKER_FLAGS=${LINKER_FLAGS}")
if(MAKE_PROGRAM)
  list(APPEND configure_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
if(CXX_LAUNCHER)
  list(APPEND configure_args -DCMAKE_CXX_COMPILER_LAUNCHER=${CXX_LAUNCHER})
endif()

if(MODE STREQUAL "install")
  if(NOT MAIN_BUILD_DIR)
    message(FATAL_ERROR "run_consumer.cmake: MAIN_BUILD_DIR is not set")
  endif()
  # A fresh prefix and a fresh consumer build every time: nothing stale may satisfy find_package.
  file(REMOVE_RECURSE ${WORK_DIR})
  run_step("install" ${CMAKE_COMMAND} --install ${MAIN_BUILD_DIR} --prefix ${prefix}
           --config ${BUILD_TYPE})
  file(GLOB_RECURSE config_files ${prefix}/*/diligenceConfig.cmake)
  if(NOT config_files)
    message(FATAL_ERROR "consumer (install): no diligenceConfig.cmake was installed")
  endif()
  set(expected_files include/diligence/diligence.hpp share/diligence)
  if(WITH_CLI)
    list(APPEND expected_files bin/diligence)
  endif()
  foreach(f ${expected_files})
    if(NOT EXISTS ${prefix}/${f})
      message(FATAL_ERROR "consumer (install): ${f} was not installed")
    endif()
  endforeach()
  list(APPEND configure_args -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_FIND_PACKAGE_PREFER_CONFIG=ON)
elseif(MODE STREQUAL "subdirectory")
  # Keep the build directory between runs (the library compiles once; ccache helps after that).
  list(APPEND configure_args -DDILIGENCE_SOURCE_DIR=${SOURCE_DIR})
else()
  message(FATAL_ERROR "run_consumer.cmake: unknown MODE '${MODE}'")
endif()

run_step("configure" ${CMAKE_COMMAND} ${configure_args})
run_step("build" ${CMAKE_COMMAND} --build ${build} --config ${BUILD_TYPE} -j 2)

find_program(consumer_exe consumer PATHS ${build} ${build}/${BUILD_TYPE} NO_DEFAULT_PATH
             REQUIRED)
execute_process(COMMAND ${consumer_exe} ${SCENARIO}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
message(STATUS "consumer output:\n${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "consumer (${MODE}): the program failed (${rc})")
endif()
foreach(expected
    "network: 3 firms, 2 links"
    "tier of MINE below OEM: 2"
    "scenario: Consumer check, 2 firms, 1 links")
  string(FIND "${out}" "${expected}" pos)
  if(pos EQUAL -1)
    message(FATAL_ERROR "consumer (${MODE}): expected '${expected}' in the output")
  endif()
endforeach()
if(MODE STREQUAL "install" AND WITH_CLI)
  execute_process(COMMAND ${prefix}/bin/diligence validate ${SCENARIO}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out)
  if(NOT rc EQUAL 0 OR NOT out STREQUAL "ok: 2 firms, 1 links\n")
    message(FATAL_ERROR "consumer (install): installed diligence validate gave ${rc}: ${out}")
  endif()
endif()
