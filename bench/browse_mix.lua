-- wrk script: what people browsing do — the event list (with and without a search), one event,
-- and its 2 000-seat map, which the SPA polls every few seconds.
local dir = os.getenv("BENCH_DIR")
local event_id
for l in io.lines(dir .. "/browse_event.txt") do event_id = l break end
local paths = {
  "/events/events?limit=20",
  "/events/events?q=jazz&limit=20",
  "/events/events/" .. event_id,
  "/events/events/" .. event_id .. "/seats",
}
local i = 0
function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

local threads = {}
function setup(thread) table.insert(threads, thread) end

failed = 0
function response(status, headers, body)
  if status ~= 200 then failed = failed + 1 end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failed") end
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f non200=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    failed, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
