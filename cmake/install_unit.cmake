# Installs deploy/proeventa.service with ExecStart naming the binary where this install put it
# (the prefix is known only at install time: `cmake --install build --prefix /usr`).
file(READ "${PROEVENTA_UNIT_SOURCE}" unit)
string(REPLACE "/usr/local/bin/proeventa" "${CMAKE_INSTALL_PREFIX}/${PROEVENTA_BINDIR}/proeventa" unit "${unit}")
set(unit_dir "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/lib/systemd/system")
message(STATUS "Installing: ${unit_dir}/proeventa.service")
file(MAKE_DIRECTORY "${unit_dir}")
file(WRITE "${unit_dir}/proeventa.service" "${unit}")
