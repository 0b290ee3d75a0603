-- wrk script for the load benchmark: optional rotation over several paths (args after --), and one
-- machine-readable summary line with throughput, p50/p95/p99 and every kind of error.
local paths = {}
local n = 0
function init(args)
  for i, a in ipairs(args) do paths[i] = a end
end
function request()
  if #paths == 0 then return wrk.format() end
  n = n + 1
  return wrk.format(nil, paths[(n % #paths) + 1])
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("SUMMARY requests=%d duration_us=%d rps=%.1f p50_us=%d p95_us=%d p99_us=%d max_us=%d non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.duration, summary.requests / (summary.duration / 1e6),
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max,
    e.status, e.connect, e.read, e.write, e.timeout))
end
