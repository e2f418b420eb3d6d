-- wrk script: every request is one donor buying one ticket of the hot package.
-- Env: TOKEN (donor JWT), EVENT_ID, PACKAGE_ID, PROMO_CODE (optional: every buyer uses it). Prints STATUS, LATENCY and RPS lines for deploy/load/run.
local token = os.getenv("TOKEN")
local event = os.getenv("EVENT_ID")
local package = os.getenv("PACKAGE_ID")

wrk.method = "POST"
wrk.path = "/api/v1/events/" .. event .. "/tickets/purchase"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. token
local promo = os.getenv("PROMO_CODE")
if promo and promo ~= "" then
  wrk.body = '{"package_id":"' .. package .. '","quantity":1,"promo_code":"' .. promo .. '"}'
else
  wrk.body = '{"package_id":"' .. package .. '","quantity":1}'
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- TOKENS_FILE (optional): one donor token per line; the requests take them in turn, so that every buyer is a
-- donor of their own (per-donor limits, e.g. promo's anti-guessing budget, apply as at a real gala).
local requests = nil
local turn = 0

function init(args)
  counts = {}
  local file = os.getenv("TOKENS_FILE")
  if file and file ~= "" then
    requests = {}
    for line in io.lines(file) do
      if line ~= "" then
        local headers = {}
        for k, v in pairs(wrk.headers) do headers[k] = v end
        headers["Authorization"] = "Bearer " .. line
        table.insert(requests, wrk.format(wrk.method, wrk.path, headers, wrk.body))
      end
    end
  end
end

function request()
  if requests == nil then
    return wrk.request()
  end
  turn = turn % #requests + 1
  return requests[turn]
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
