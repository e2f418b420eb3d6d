-- wrk script: every request is one donor buying one ticket of the hot package.
-- Env: TOKEN (donor JWT), EVENT_ID, PACKAGE_ID. Prints STATUS, LATENCY and RPS lines for deploy/load/run.
local token = os.getenv("TOKEN")
local event = os.getenv("EVENT_ID")
local package = os.getenv("PACKAGE_ID")

wrk.method = "POST"
wrk.path = "/api/v1/events/" .. event .. "/tickets/purchase"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
wrk.body = '{"package_id":"' .. package .. '","quantity":1}'

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  counts = {}
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("counts")) do
      total[status] = (total[status] or 0) + n
    end
  end
  io.write("STATUS")
  for status, n in pairs(total) do
    io.write(" " .. status .. "=" .. n)
  end
  io.write("\n")
  io.write(string.format("LATENCY_MS p50=%.2f p95=%.2f p99=%.2f\n", latency:percentile(50) / 1000,
    latency:percentile(95) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("DURATION_S %.3f\n", summary.duration / 1e6))
  io.write(string.format("ERRORS connect=%d read=%d write=%d timeout=%d\n", summary.errors.connect,
    summary.errors.read, summary.errors.write, summary.errors.timeout))
end
