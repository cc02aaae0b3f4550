-- wrk script: the URL's own path, over and over (headers from wrk -H), with the answers counted
-- by status so a run that was answered 304, 200 or errors says so. Used for the baseline server
-- and for ProEventa alike, so both pay the same per-response Lua cost.
local threads = {}
function setup(thread) table.insert(threads, thread) end

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
