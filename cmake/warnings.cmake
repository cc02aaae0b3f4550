function(proeventa_set_warnings target)
  # -Wshadow: a local hiding a member or an outer name has cost us wrong-variable bugs before.
  # -Wconversion: every narrowing (sizes to int for libpq, int64 to int for counters) is spelled
  # out with a cast, so a silent truncation cannot hide among them.
  target_compile_options(${target} INTERFACE -Wall -Wextra -Wpedantic -Wshadow -Wconversion)
  # g++ 12 at -O2/-O3 reports std::string's own memcpy/memmove as overflowing, over-reading,
  # overlapping or out of bounds (GCC bugs 105329, 105651 and relatives): false positives in
  # library code, fixed in g++ 13. Real out-of-bounds accesses are the asan preset's job.
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    target_compile_options(${target} INTERFACE -Wno-stringop-overflow -Wno-stringop-overread -Wno-restrict
                                              -Wno-array-bounds)
  endif()
  # clang's -Wconversion also includes -Wsign-conversion, which g++'s does not; the fuzz build
  # (clang) holds the code to the same rule as every other build (g++).
  if(CMAKE_CXX_COMPILER_ID MATCHES "Clang")
    target_compile_options(${target} INTERFACE -Wno-sign-conversion)
  endif()
  if(PROEVENTA_WERROR)
    target_compile_options(${target} INTERFACE -Werror)
  endif()
endfunction()
