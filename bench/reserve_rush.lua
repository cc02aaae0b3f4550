-- wrk script: a seat rush. Every request reserves a different seat of one event, as a
-- different signed-in user, the way a sale opening looks from the server.
-- Inputs (files written by bench/run.sh): BENCH_DIR/seats.txt, BENCH_DIR/tokens.txt, BENCH_DIR/event.txt
local dir = os.getenv("BENCH_DIR")
local function lines(name)
  local out = {}
  for l in io.lines(dir .. "/" .. name) do out[#out + 1] = l end
  return out
end

local seats, tokens, event_id
local thread_count, next_index, stride = 0, 0, 1
local threads = {}

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  seats = lines("seats.txt")
  tokens = lines("tokens.txt")
  event_id = lines("event.txt")[1]
  next_index = id + 1
  stride = tonumber(os.getenv("BENCH_THREADS") or "2")
end

function request()
  local seat = seats[next_index]
  local token = tokens[(next_index % #tokens) + 1]
  next_index = next_index + stride
  if seat == nil then seat = seats[1] end -- out of seats: a 409, counted as such
  return wrk.format("POST", "/reservations/reservations/reserve",
    {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token},
    '{"event_id":' .. event_id .. ',"seat_id":' .. seat .. '}')
end

created, conflicts, failed = 0, 0, 0
function response(status, headers, body)
  if status == 201 then created = created + 1
  elseif status == 409 then conflicts = conflicts + 1
  else failed = failed + 1 end
end

function done(summary, latency, requests)
  local c, k, f = 0, 0, 0
  for _, t in ipairs(threads) do
    c = c + t:get("created"); k = k + t:get("conflicts"); f = f + t:get("failed")
  end
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p99_ms=%.2f created=%d conflicts=%d failed=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000,
    c, k, f, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
