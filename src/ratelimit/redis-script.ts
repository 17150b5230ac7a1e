// The Lua script the Redis store runs: the limits of a batch of requests (those one gateway sent in
// the same event-loop turn) in one round trip, each request atomically and all or nothing (Redis runs
// a script alone; requests are decided in order, so two in one batch on the same key see each other),
// on the server's clock so instances with drifting clocks agree. It is algorithms.ts written again in
// Lua; redis-store.test.ts holds the two against each other.
//
// KEYS: the state keys of every check of every request, in order, then the two hot-key sorted sets
// of the current minute.
// ARGV[1]: the time in ms, or '' for the server's (TIME). ARGV[2]: hot-key TTL in seconds.
// ARGV[3]: the batch, items separated by ';' (one bulk string instead of one per item: each argument
// costs the client and the server a conversion): per request `<checks> <hot weight>`, followed by one
// item per check, space-separated: algorithm ('g' GCRA, 'w' sliding window), limit, period ms,
// burst, cost.
// Hot weight: an admitted request adds cost * weight to the requested counts, 0 adds nothing (the
// client samples one request in `weight`: a ZINCRBY per request would be a third of the script's
// cost); a refused request is always counted, in both sets.
// State: GCRA keeps its TAT in a string; the sliding window `window:current:previous` in a string.
// Both are written with PX, so an idle key disappears when it would be full again.
// Returns 4 integers per check, in order: allowed (1/0), remaining, reset ms, retry-after ms.
//
// Lua numbers are doubles, as in JavaScript, and every value returned is floored or ceiled first
// (Redis truncates numbers to integers on the way out). The TAT is stored with 17 significant digits.

export const CHECK_SCRIPT = `
local now
if ARGV[1] ~= '' then
  now = tonumber(ARGV[1])
else
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local hotTtl = tonumber(ARGV[2])
local hotRequested = KEYS[#KEYS - 1]
local hotRefused = KEYS[#KEYS]
local anySampled = false
local anyRefused = false
local out = {}
local nextItem = string.gmatch(ARGV[3], '[^;]+')
-- Keys of the requests before this one.
local keyBase = 0
while true do
  local head = nextItem()
  if head == nil then break end
  local countText, weightText = string.match(head, '^(%d+) (%d+)$')
  local n = tonumber(countText)
  local hotWeight = tonumber(weightText)
  local writes = {}
  local costs = {}
  local admitted = true
  for i = 1, n do
    local key = KEYS[keyBase + i]
    local alg, limitText, periodText, burstText, costText = string.match(nextItem(), '^(%a) (%S+) (%S+) (%S+) (%S+)$')
    local limit = tonumber(limitText)
    local period = tonumber(periodText)
    local burst = tonumber(burstText)
    local cost = tonumber(costText)
    costs[i] = cost
    if alg == 'g' then
      local interval = period / limit
      local tolerance = interval * burst
      local tat = tonumber(redis.call('GET', key))
      local base = now
      if tat ~= nil and tat > now then base = tat end
      local nxt = base + cost * interval
      local allowAt = nxt - tolerance
      if now < allowAt then
        admitted = false
        out[#out + 1] = 0
        out[#out + 1] = math.max(0, math.floor((tolerance - (base - now)) / interval))
        out[#out + 1] = math.ceil(base - now)
        out[#out + 1] = math.ceil(allowAt - now)
      else
        out[#out + 1] = 1
        out[#out + 1] = math.max(0, math.floor((tolerance - (nxt - now)) / interval))
        out[#out + 1] = math.ceil(nxt - now)
        out[#out + 1] = 0
        writes[i] = { 'g', nxt, math.ceil(nxt - now) }
      end
    else
      local window = math.floor(now / period)
      local current = 0
      local previous = 0
      local stored = redis.call('GET', key)
      if stored then
        local sw, sc, sp = string.match(stored, '^([^:]+):([^:]+):([^:]+)$')
        sw = tonumber(sw)
        if sw == window then
          current = tonumber(sc) or 0
          previous = tonumber(sp) or 0
        elseif sw == window - 1 then
          previous = tonumber(sc) or 0
        end
      end
      local elapsed = now - window * period
      local estimate = previous * (1 - elapsed / period) + current
      local windowEnd = (window + 1) * period - now
      local reset = windowEnd
      if current > 0 then reset = windowEnd + period end
      if estimate + cost > limit then
        admitted = false
        local retry
        if cost > limit then
          retry = windowEnd + period
        else
          local room = limit - cost
          retry = nil
          if current <= room and previous > 0 then
            local at = period * (1 - (room - current) / previous) - elapsed
            if at <= windowEnd then retry = math.max(0, at) end
          end
          if retry == nil then
            local y = 0
            if current > room then y = period * (1 - room / current) end
            retry = windowEnd + y
          end
        end
        out[#out + 1] = 0
        out[#out + 1] = math.max(0, math.floor(limit - estimate))
        out[#out + 1] = math.ceil(reset)
        out[#out + 1] = math.max(1, math.ceil(retry))
      else
        out[#out + 1] = 1
        out[#out + 1] = math.max(0, math.floor(limit - estimate - cost))
        out[#out + 1] = math.ceil(windowEnd + period)
        out[#out + 1] = 0
        writes[i] = { 'w', window, current + cost, previous, math.ceil(windowEnd + period) }
      end
    end
  end
  if hotWeight > 0 or not admitted then anySampled = true end
  if not admitted then anyRefused = true end
  for i = 1, n do
    local key = KEYS[keyBase + i]
    if not admitted then
      redis.call('ZINCRBY', hotRequested, costs[i], key)
      redis.call('ZINCRBY', hotRefused, 1, key)
    elseif hotWeight > 0 then
      redis.call('ZINCRBY', hotRequested, costs[i] * hotWeight, key)
    end
    if admitted then
      local w = writes[i]
      if w[1] == 'g' then
        redis.call('SET', key, string.format('%.17g', w[2]), 'PX', math.max(1, w[3]))
      else
        redis.call('SET', key, string.format('%d:%.17g:%.17g', w[2], w[3], w[4]), 'PX', math.max(1, w[5]))
      end
    end
  end
  keyBase = keyBase + n
end
if anySampled then redis.call('EXPIRE', hotRequested, hotTtl) end
if anyRefused then redis.call('EXPIRE', hotRefused, hotTtl) end
return out
`;
