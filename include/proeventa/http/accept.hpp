#pragma once
// Content negotiation on the Accept header (RFC 9110 §12.5.1), as much as this server needs.
#include <string_view>

namespace proeventa {

/// True when the client would rather have text/html than application/json: a browser
/// navigating. No Accept header, "*/*" and API clients get false. Each type is weighed by the
/// most specific range that matches it; on equal weight the more specific match wins, and a
/// full tie goes to JSON.
bool prefers_html(std::string_view accept);

}  // namespace proeventa
