#pragma once
// Precompiled for the core: the template-heavy Boost headers most of its files include.
#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
