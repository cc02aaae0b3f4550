#pragma once
// A long-lived answer: Server-Sent Events. A handler that starts one answers with the response
// head (status and headers, no length); the session writes that head, then whatever next()
// yields, until it yields nothing, the peer leaves, a write stalls past the write deadline, or
// the server drains. The stream holds no database connection: it is fed from memory.
#include <proeventa/net.hpp>

#include <string>

namespace proeventa {

class event_stream {
public:
    virtual ~event_stream() = default;
    /// The next bytes to send, waiting for them; empty when the stream is over.
    virtual awaitable<std::string> next() = 0;
    /// Ends the stream (any thread): a next() in progress returns empty, and so does every later one.
    virtual void stop() = 0;
};

}  // namespace proeventa
