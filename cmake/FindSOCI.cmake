# FindSOCI — Debian ships SOCI without a CMake package, so this module finds it.
#
# Components: sqlite3, mysql (others by the same pattern).
# Imported targets: SOCI::core and SOCI::<component>.
# Result variables: SOCI_FOUND, SOCI_INCLUDE_DIR, SOCI_<component>_FOUND.

find_path(SOCI_INCLUDE_DIR soci/soci.h)
find_library(SOCI_CORE_LIBRARY NAMES soci_core)

set(_soci_required_vars SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY)
foreach(_component IN LISTS SOCI_FIND_COMPONENTS)
  find_library(SOCI_${_component}_LIBRARY NAMES soci_${_component})
  if(SOCI_${_component}_LIBRARY)
    set(SOCI_${_component}_FOUND TRUE)
  endif()
endforeach()

# The MySQL backend's header includes <mysql.h>, which MariaDB's client
# library installs under mariadb/.
if("mysql" IN_LIST SOCI_FIND_COMPONENTS)
  find_path(SOCI_MYSQL_CLIENT_INCLUDE_DIR mysql.h PATH_SUFFIXES mariadb mysql)
  if(NOT SOCI_MYSQL_CLIENT_INCLUDE_DIR)
    set(SOCI_mysql_FOUND FALSE)
  endif()
endif()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(SOCI
  REQUIRED_VARS ${_soci_required_vars}
  HANDLE_COMPONENTS)

if(SOCI_FOUND AND NOT TARGET SOCI::core)
  add_library(SOCI::core UNKNOWN IMPORTED)
  set_target_properties(SOCI::core PROPERTIES
    IMPORTED_LOCATION "${SOCI_CORE_LIBRARY}"
    INTERFACE_INCLUDE_DIRECTORIES "${SOCI_INCLUDE_DIR}"
    INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS}")
  foreach(_component IN LISTS SOCI_FIND_COMPONENTS)
    if(SOCI_${_component}_FOUND)
      add_library(SOCI::${_component} UNKNOWN IMPORTED)
      set_target_properties(SOCI::${_component} PROPERTIES
        IMPORTED_LOCATION "${SOCI_${_component}_LIBRARY}"
        INTERFACE_LINK_LIBRARIES SOCI::core)
    endif()
  endforeach()
  if(TARGET SOCI::mysql)
    set_property(TARGET SOCI::mysql APPEND PROPERTY
      INTERFACE_INCLUDE_DIRECTORIES "${SOCI_MYSQL_CLIENT_INCLUDE_DIR}")
  endif()
endif()

mark_as_advanced(SOCI_INCLUDE_DIR SOCI_CORE_LIBRARY SOCI_MYSQL_CLIENT_INCLUDE_DIR)
