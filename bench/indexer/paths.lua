-- wrk script for the indexer benchmark: each request asks the next path of a list (one path a
-- line, in the file named by the first argument after `--`), starting at an offset (the second)
-- so that several wrk processes do not ask in lockstep. On exit it prints one JSON line with
-- the request count, the errors and the latency percentiles in microseconds, and its slowest
-- answers (the top TAIL_SHARE of them, slowest first) so that the latencies of several wrk
-- processes can be merged into percentiles over all their requests.
local paths = {}
local next_index = 0

function init(args)
  for line in io.lines(args[1]) do
    if #line > 0 then paths[#paths + 1] = line end
  end
  next_index = tonumber(args[2] or "0")
end

function request()
  next_index = next_index + 1
  return wrk.format("GET", paths[(next_index % #paths) + 1])
end

local TAIL_SHARE = 0.05

function done(summary, latency, requests)
  local e = summary.errors
  -- wrk records the latency of every answer that did not time out; percentile(p) is the value
  -- of rank round(p / 100 * n + 0.5), so rank r is asked as p = 100 * (r - 0.5) / n.
  local n = summary.requests - e.timeout
  local tail = {}
  for r = n, math.max(1, n - math.ceil(n * TAIL_SHARE) + 1), -1 do
    tail[#tail + 1] = string.format("%d", latency:percentile(100 * (r - 0.5) / n))
  end
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
      '"recorded":%d,"tailUs":[%s]}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout, n, table.concat(tail, ",")))
end
