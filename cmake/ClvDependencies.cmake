# Every dependency comes from a Debian package installed by scripts/install-deps.sh.
find_package(Threads REQUIRED)
find_package(Boost 1.74 REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(NLopt REQUIRED)
find_package(TBB REQUIRED)
find_package(CLI11 CONFIG QUIET)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(simdjson REQUIRED)

if(NOT TARGET CLI11::CLI11)
  # Debian's libcli11-dev ships the header only; wrap it in the target name upstream uses.
  find_path(CLV_CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  target_include_directories(CLI11::CLI11 INTERFACE ${CLV_CLI11_INCLUDE_DIR})
endif()

find_path(CLV_HTTPLIB_INCLUDE_DIR httplib.h)

# Debian's cpp-httplib is a compiled library built with TLS, zlib and Brotli support; code that
# includes httplib.h must see the same feature macros or the class layouts differ.
find_library(CLV_HTTPLIB_LIBRARY cpp-httplib REQUIRED)
add_library(httplib::httplib INTERFACE IMPORTED)
target_include_directories(httplib::httplib INTERFACE ${CLV_HTTPLIB_INCLUDE_DIR})
target_link_libraries(httplib::httplib INTERFACE ${CLV_HTTPLIB_LIBRARY} Threads::Threads)
target_compile_definitions(httplib::httplib INTERFACE
  CPPHTTPLIB_OPENSSL_SUPPORT CPPHTTPLIB_ZLIB_SUPPORT CPPHTTPLIB_BROTLI_SUPPORT)
