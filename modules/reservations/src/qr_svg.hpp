#pragma once
// A ticket code as a QR code in SVG, drawn with libqrencode: one path of unit squares on a white
// background with the standard four-module quiet zone, so it prints crisply at any size and any
// phone or zbar reads it.
#include <string>
#include <string_view>

namespace proeventa::reservations {

/// Error correction level M (15 %): codes survive a crease or a smudge. Throws
/// std::runtime_error if libqrencode cannot encode `text`.
std::string qr_svg(std::string_view text);

}  // namespace proeventa::reservations
