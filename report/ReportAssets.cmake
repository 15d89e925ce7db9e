# Inlines the chart libraries (vega, vega-lite, vega-embed, pinned by report/package-lock.json)
# and the page template into clv_report as a generated C++ source, so report.html needs no
# network. npm runs at configure time and only when report/node_modules is missing or older than
# the lockfile; ordinary builds never call it. See report/README.md.
set(clv_report_dir ${PROJECT_SOURCE_DIR}/report)
set(clv_report_modules ${clv_report_dir}/node_modules)
set(clv_report_libraries
  ${clv_report_modules}/vega/build/vega.min.js
  ${clv_report_modules}/vega-lite/build/vega-lite.min.js
  ${clv_report_modules}/vega-embed/build/vega-embed.min.js)
set(clv_report_template
  ${clv_report_dir}/template/report.html
  ${clv_report_dir}/template/report.css
  ${clv_report_dir}/template/report.js)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
  ${clv_report_dir}/package-lock.json)

set(clv_report_installed ${clv_report_modules}/.package-lock.json)
if(NOT EXISTS ${clv_report_installed}
   OR ${clv_report_dir}/package-lock.json IS_NEWER_THAN ${clv_report_installed})
  find_program(CLV_NPM npm)
  if(NOT CLV_NPM)
    message(FATAL_ERROR "report: npm not found; run scripts/install-deps.sh (it installs npm "
                        "and runs `npm ci` in report/)")
  endif()
  # Several build directories may configure at once; one of them installs.
  file(LOCK ${clv_report_dir}/.npm-install.lock TIMEOUT 600)
  if(NOT EXISTS ${clv_report_installed}
     OR ${clv_report_dir}/package-lock.json IS_NEWER_THAN ${clv_report_installed})
    message(STATUS "report: npm ci in ${clv_report_dir}")
    execute_process(COMMAND ${CLV_NPM} ci --no-audit --no-fund
      WORKING_DIRECTORY ${clv_report_dir} RESULT_VARIABLE clv_npm_status)
    if(NOT clv_npm_status EQUAL 0)
      message(FATAL_ERROR "report: `npm ci` in ${clv_report_dir} failed (${clv_npm_status})")
    endif()
  endif()
  file(LOCK ${clv_report_dir}/.npm-install.lock RELEASE)
endif()

set(clv_report_assets_source ${CMAKE_CURRENT_BINARY_DIR}/report/report_assets.cpp)
add_custom_command(
  OUTPUT ${clv_report_assets_source}
  COMMAND ${CMAKE_COMMAND} -DCLV_REPORT_DIR=${clv_report_dir}
          -DOUTPUT=${clv_report_assets_source} -P ${clv_report_dir}/embed_assets.cmake
  DEPENDS ${clv_report_libraries} ${clv_report_template} ${clv_report_dir}/embed_assets.cmake
  COMMENT "Inlining the report's chart libraries and template"
  VERBATIM)
target_sources(clv_report PRIVATE ${clv_report_assets_source})
