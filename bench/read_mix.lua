-- wrk script: signed-in visitors browsing — 80 % event pages (several events), 20 % the list
-- page — the requests taking turns among 200 customers' tokens. Prints requests/s and the latency
-- distribution's p50 and p99 (wrk's own histogram), and any answer that was not a 200.
local dir = os.getenv("BENCH_DIR")
local function lines(file)
  local out = {}
  for l in io.lines(dir .. "/" .. file) do if l ~= "" then table.insert(out, l) end end
  return out
end
local tokens = lines("tokens.txt")
local events = lines("read_events.txt")

local threads = {}
function setup(thread) table.insert(threads, thread) end

local i = 0
function request()
  i = i + 1
  local path
  if i % 5 == 0 then path = "/events/events"
  else path = "/events/events/" .. events[(i % #events) + 1] end
  return wrk.format("GET", path, { Authorization = "Bearer " .. tokens[(i % #tokens) + 1] })
end

ok, not_modified, other = 0, 0, 0
function response(status, headers, body)
  if status == 200 then ok = ok + 1
  elseif status == 304 then not_modified = not_modified + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local n200, n304, nother = 0, 0, 0
  for _, t in ipairs(threads) do
    n200 = n200 + t:get("ok"); n304 = n304 + t:get("not_modified"); nother = nother + t:get("other")
  end
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f s200=%d s304=%d other=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    n200, n304, nother, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
