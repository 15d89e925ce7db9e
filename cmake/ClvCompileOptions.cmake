# Warnings, sanitizers and optimisation shared by every clv target through clv_compile_options.
add_library(clv_compile_options INTERFACE)

target_compile_options(clv_compile_options INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wold-style-cast -Wcast-align
  -Wunused -Woverloaded-virtual -Wnull-dereference -Wdouble-promotion -Wformat=2
  -Wimplicit-fallthrough
  # Designated initializers leave fields at their defaults on purpose.
  -Wno-missing-field-initializers)
# GCC 12 reports -Wrestrict for std::string concatenation inlined at -O3, a known false positive
# of its libstdc++ (GCC bug 105329); keep every other warning.
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(clv_compile_options INTERFACE -Wno-restrict)
endif()
if(CLV_WERROR)
  target_compile_options(clv_compile_options INTERFACE -Werror)
endif()

if(CLV_SANITIZERS)
  list(JOIN CLV_SANITIZERS "," clv_sanitizer_list)
  target_compile_options(clv_compile_options INTERFACE
    -fsanitize=${clv_sanitizer_list} -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(clv_compile_options INTERFACE -fsanitize=${clv_sanitizer_list})
  # With sanitizers GCC 12 reports -Wmaybe-uninitialized inside libstdc++'s std::function and
  # std::regex (used by cpp-httplib); the instrumentation defeats its flow analysis. The release
  # build keeps the warning.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    target_compile_options(clv_compile_options INTERFACE -Wno-maybe-uninitialized)
  endif()
endif()

# Release builds keep frame pointers so that perf profiles of the hot loops stay readable.
target_compile_options(clv_compile_options INTERFACE
  $<$<CONFIG:Release,RelWithDebInfo>:-fno-omit-frame-pointer>)
