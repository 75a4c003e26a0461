# Settings every BisTime target shares.

# bistime_target_defaults(<target>): C++20 without extensions, and warnings on
# (errors with BISTIME_WERROR, as scripts/test.sh and so CI build).
function(bistime_target_defaults target)
  target_compile_features(${target} PUBLIC cxx_std_20)
  set_target_properties(${target} PROPERTIES CXX_EXTENSIONS OFF)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion)
  if(BISTIME_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
