# proeventa_add_module(<name> [DEPENDS <module>...])
# A module is two targets: proeventa::<name>_api (its one public header folder, include/) and
# proeventa::<name> (the implementation, src/*.cpp, private include path). Other modules may
# depend on an _api target only, so their includes of private files fail to resolve.
function(proeventa_add_module name)
  cmake_parse_arguments(ARG "" "" "DEPENDS" ${ARGN})
  set(dir "${CMAKE_CURRENT_SOURCE_DIR}")
  add_library(proeventa_${name}_api INTERFACE)
  add_library(proeventa::${name}_api ALIAS proeventa_${name}_api)
  target_include_directories(proeventa_${name}_api INTERFACE "${dir}/include")
  target_link_libraries(proeventa_${name}_api INTERFACE proeventa::core)
  foreach(dep IN LISTS ARG_DEPENDS)
    target_link_libraries(proeventa_${name}_api INTERFACE proeventa::${dep}_api)
  endforeach()

  file(GLOB sources CONFIGURE_DEPENDS "${dir}/src/*.cpp")
  add_library(proeventa_${name} STATIC ${sources})
  add_library(proeventa::${name} ALIAS proeventa_${name})
  target_include_directories(proeventa_${name} PRIVATE "${dir}/src")
  target_link_libraries(proeventa_${name} PUBLIC proeventa::${name}_api)
  # Same definitions and options as the core: reuse its precompiled header.
  target_precompile_headers(proeventa_${name} REUSE_FROM proeventa_core)
  # The module's SQL (sql/*.sql) is compiled in: <name>::sql_files::files() feeds its
  # db::statement_book.
  file(GLOB sql_files CONFIGURE_DEPENDS "${dir}/sql/*.sql")
  if(sql_files)
    proeventa_embed(proeventa_${name} NAMESPACE proeventa::${name}::sql_files
      BASE_DIR "${dir}/sql" FILES ${sql_files})
  endif()
endfunction()
