-- wrk script for the indexer benchmark: each request asks the next path of a list (one path a
-- line, in the file named by the first argument after `--`), starting at an offset (the second)
-- so that several wrk processes do not ask in lockstep. On exit it prints one JSON line with
-- the request count, the errors and the latency percentiles in microseconds.
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

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '{"requests":%d,"durationUs":%d,"p50Us":%d,"p99Us":%d,"maxUs":%d,' ..
      '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d}}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.max, e.connect, e.read, e.write, e.status, e.timeout))
end
