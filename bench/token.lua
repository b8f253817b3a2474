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

local counter = 0
local threads = {}

setup = function(thread)
  table.insert(threads, thread)
end

init = function(args)
  ok, unauthorized, forbidden, other = 0, 0, 0, 0
end

request = function()
  counter = counter + 1
  local body = good
  if bad_every > 0 and counter % bad_every == 0 then
    body = (counter / bad_every) % 2 == 0 and wrong_secret or unknown_audience
  end
  return wrk.format(nil, nil, nil, body)
end

if pause > 0 then
  delay = function() return pause end
end

response = function(status, headers, body)
  if status == 200 then ok = ok + 1
  elseif status == 401 then unauthorized = unauthorized + 1
  elseif status == 403 then forbidden = forbidden + 1
  else other = other + 1 end
end

done = function(summary, latency, requests)
  local t = { ok = 0, unauthorized = 0, forbidden = 0, other = 0 }
  for _, thread in ipairs(threads) do
    for k, _ in pairs(t) do t[k] = t[k] + thread:get(k) end
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("RESULT rps=%.0f ok_rps=%.0f p50=%.2f p99=%.2f p999=%.2f ok=%d unauthorized=%d forbidden=%d other=%d errors=%d\n",
    summary.requests / seconds, t.ok / seconds,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    t.ok, t.unauthorized, t.forbidden, t.other,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
