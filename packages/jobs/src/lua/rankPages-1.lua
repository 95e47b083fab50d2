--[[
  Places a document's pages in its tenant's line (fair scheduling across tenants):
  the tenant's pages still waiting to start are counted (the base), then this
  document's pages join them. Page j of the document gets the BullMQ priority
  base + j + 1, so every tenant's k-th waiting page competes with every other
  tenant's k-th: pages of different tenants interleave, round robin.
  Idempotent: a retried fan-out counts and adds the same members again.

  Input:
    KEYS[1] the tenant's waiting pages (sorted set: page job id -> ms when queued)

    ARGV[1] now (ms)
    ARGV[2] entries older than this many ms are dropped (their page jobs are long gone)
    ARGV[3] expiry of the set in seconds
    ARGV[4..] page job ids of the document, in order

  Output:
    the base (pages of the tenant waiting before this document)
]]
local rcall = redis.call
local now = tonumber(ARGV[1])
rcall('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[2]))
for i = 4, #ARGV do rcall('ZREM', KEYS[1], ARGV[i]) end
local base = rcall('ZCARD', KEYS[1])
for i = 4, #ARGV do rcall('ZADD', KEYS[1], now, ARGV[i]) end
rcall('EXPIRE', KEYS[1], tonumber(ARGV[3]))
return base
