-- wrk script: POST /oauth/token with the client credentials form (CLIENT_ID, CLIENT_SECRET, AUDIENCE from env).
-- BAD_PERCENT (default 0) of the requests are bad: half with a wrong client secret (expect 401), half for an
-- unknown audience (expect 403). RATE (requests per second over all connections, with CONNECTIONS) throttles the
-- run to a fixed load instead of as fast as possible.
local function form(secret, audience)
  return "grant_type=client_credentials&client_id=" .. os.getenv("CLIENT_ID") ..
    "&client_secret=" .. secret .. "&audience=" .. audience
end

local good = form(os.getenv("CLIENT_SECRET"), os.getenv("AUDIENCE"))
local wrong_secret = form("wrong-" .. os.getenv("CLIENT_SECRET"), os.getenv("AUDIENCE"))
local unknown_audience = form(os.getenv("CLIENT_SECRET"), "https://unknown.example.com")
local bad_every = tonumber(os.getenv("BAD_PERCENT") or "0") > 0 and math.floor(100 / tonumber(os.getenv("BAD_PERCENT"))) or 0
local rate = tonumber(os.getenv("RATE") or "0")
local pause = rate > 0 and math.floor(1000 * tonumber(os.getenv("CONNECTIONS") or "50") / rate) or 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

-- Requests are formatted once, and there is no response() callback: with one, wrk parses every response's headers
-- and body, which on 2 shared cores takes CPU from the server under test. bench/run counts the answers by
-- outcome from the server's /metrics instead.
local counter = 0
local requests = {}

init = function(args)
  requests.good = wrk.format(nil, nil, nil, good)
  requests.wrong_secret = wrk.format(nil, nil, nil, wrong_secret)
  requests.unknown_audience = wrk.format(nil, nil, nil, unknown_audience)
end

request = function()
  counter = counter + 1
  if bad_every > 0 and counter % bad_every == 0 then
    return (counter / bad_every) % 2 == 0 and requests.wrong_secret or requests.unknown_audience
  end
  return requests.good
end

if pause > 0 then
  delay = function() return pause end
end

done = function(summary, latency, requests)
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.0f secs=%.3f p50=%.2f p99=%.2f p999=%.2f errors=%d\n",
    summary.requests / seconds, seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
