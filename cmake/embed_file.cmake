# Writes OUT, a C++ source defining carecoop::embedded::NAME() that returns the
# bytes of IN (as a char array, so there is no limit on literal length).
file(READ ${IN} content HEX)
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1'," body "${content}")
file(WRITE ${OUT} "// Generated from ${IN} by cmake/embed_file.cmake. Do not edit.\n#include <string_view>\nnamespace carecoop::embedded {\nnamespace {\nconstexpr char kData[] = {\n${body}'\\0'};\n}  // namespace\nstd::string_view ${NAME}() { return {kData, sizeof(kData) - 1}; }\n}  // namespace carecoop::embedded\n")
