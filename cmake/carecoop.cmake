# carecoop_module(NAME SOURCES... DEPS...): one static library per module, with
# the project's warnings, `src/` as the include root, and dependencies that
# point downward only.
function(carecoop_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(carecoop_${name} STATIC ${M_SOURCES})
  target_include_directories(carecoop_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
  target_compile_options(carecoop_${name} PRIVATE ${CARECOOP_WARNINGS})
  target_link_libraries(carecoop_${name} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
endfunction()

# A test's own files are compiled with -O1 (after the build type's -O2, so
# it wins): most of a test file's compile is GCC's -O2 pass over GoogleTest's
# and the store's instantiated templates (store_conformance_test.cc: 33 s at
# -O2, 23 s at -O1), and the code under test, in the modules' libraries,
# keeps the build's -O2. CARECOOP_TEST_OPT= (empty) for the build's own.
set(CARECOOP_TEST_OPT "-O1" CACHE STRING "Optimisation of the tests' own files")

# carecoop_test(NAME SOURCES... DEPS...): a GoogleTest binary whose cases are
# registered with CTest one by one.
function(carecoop_test name)
  cmake_parse_arguments(T "" "" "SOURCES;DEPS;PROPERTIES" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_compile_options(${name} PRIVATE ${CARECOOP_WARNINGS} ${CARECOOP_TEST_OPT})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${T_DEPS} GTest::gtest GTest::gtest_main)
  gtest_discover_tests(${name} DISCOVERY_TIMEOUT 60 PROPERTIES ${T_PROPERTIES})
endfunction()

# carecoop_embed(TARGET_VAR NAME FILE): compiles FILE into the program as the
# string_view returned by carecoop::embedded::NAME(), so the binary needs no
# data directory at run time.
function(carecoop_embed out_var name file)
  set(generated ${CMAKE_CURRENT_BINARY_DIR}/embedded_${name}.cc)
  add_custom_command(
    OUTPUT ${generated}
    COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${generated} -DNAME=${name}
            -P ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/embed_file.cmake
    COMMENT "Embedding ${file}")
  set(${out_var} ${${out_var}} ${generated} PARENT_SCOPE)
endfunction()
