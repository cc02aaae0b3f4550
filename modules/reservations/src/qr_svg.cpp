#include "qr_svg.hpp"

#include <qrencode.h>

#include <memory>
#include <stdexcept>

namespace proeventa::reservations {

std::string qr_svg(std::string_view text) {
    const std::string input(text);
    std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
        QRcode_encodeString8bit(input.c_str(), 0, QR_ECLEVEL_M), &QRcode_free);
    if (!code) throw std::runtime_error("QR encoding failed");
    constexpr int quiet = 4;
    const int width = code->width;
    const int size = width + 2 * quiet;
    std::string path;
    path.reserve(static_cast<std::size_t>(width * width) * 4);
    for (int y = 0; y < width; ++y) {
        for (int x = 0; x < width; ++x) {
            // Bit 0 of each byte is the module's colour (1: dark).
            if (code->data[y * width + x] & 1)
                path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
        }
    }
    const auto dim = std::to_string(size);
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + dim + " " + dim +
           "\" shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"Ticket QR code\">"
           "<rect width=\"" +
           dim + "\" height=\"" + dim +
           "\" fill=\"#fff\"/>"
           "<path fill=\"#000\" d=\"" +
           path + "\"/></svg>";
}

}  // namespace proeventa::reservations
