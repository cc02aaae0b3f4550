// The mail module as main.cpp sees it: the outbox other modules write to, and its sender.
#include "outbox_writer.hpp"
#include "sender.hpp"

#include <proeventa/mail/mail.hpp>

namespace proeventa::mail {
namespace {

class mail_module final : public module {
public:
    mail_module(db::pool& db, options opts) : sender_(db, std::move(opts)) {}
    outbox& outbox_service() override { return outbox_; }
    void start(net::any_io_executor ex) override { sender_.start(ex); }
    void stop() override { sender_.stop(); }

private:
    outbox_writer outbox_;
    sender sender_;
};

}  // namespace

std::unique_ptr<module> make_module(db::pool& db, options opts) {
    return std::make_unique<mail_module>(db, std::move(opts));
}

}  // namespace proeventa::mail
