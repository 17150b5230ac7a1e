-- wrk script used by bench/gateway.ts.
--  * BENCH_DELAY_MS unset or 0: closed loop, every connection sends its next request as soon as the
--    previous answer arrives (maximum throughput). No delay() is defined, so wrk keeps its fast path.
--  * BENCH_DELAY_MS > 0: paced load. Each connection waits a random 0..2*BENCH_DELAY_MS ms (mean
--    BENCH_DELAY_MS) after each answer, so C connections offer about C * 1000 / (delay + latency)
--    requests per second, spread out rather than in bursts. wrk timestamps a request when it is
--    written, so latency is the service time of that request, in microseconds.
-- done() prints one machine-readable line: BENCH_JSON {...}.

local mean_delay = tonumber(os.getenv("BENCH_DELAY_MS") or "0") or 0

if mean_delay > 0 then
  math.randomseed(os.time())
  function delay()
    return math.floor(math.random() * 2 * mean_delay + 0.5)
  end
end

function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests":%d,"durationUs":%d,"bytes":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latencyUs":{"mean":%.1f,"stdev":%.1f,"min":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d,"max":%d}}\n',
    summary.requests, summary.duration, summary.bytes,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.mean, latency.stdev, latency.min,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max))
end
