-- wrk script: POST /oauth/token with the client credentials form (CLIENT_ID, CLIENT_SECRET, AUDIENCE from env)
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "grant_type=client_credentials&client_id=" .. os.getenv("CLIENT_ID") ..
  "&client_secret=" .. os.getenv("CLIENT_SECRET") .. "&audience=" .. os.getenv("AUDIENCE")

local failures = 0
response = function(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("RESULT rps=%.0f p50=%.2f p99=%.2f p999=%.2f errors=%d non200=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency:percentile(99.9) / 1000,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
