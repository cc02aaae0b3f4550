#pragma once
// The outbox interface other modules call inside their transactions.
#include <proeventa/mail/mail.hpp>

namespace proeventa::mail {

class outbox_writer final : public outbox {
public:
    awaitable<void> enqueue(db::transaction& tx, const message& m) override;
};

}  // namespace proeventa::mail
