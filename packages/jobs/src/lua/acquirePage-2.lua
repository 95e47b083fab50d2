--[[
  Takes one of a tenant's slots for a page about to run (pages in flight per key).
  A slot is a lease that ends by itself, so a worker killed mid-page holds it only
  until the lease ends; the same page job retried gets its own slot back at once.
  A page that gets its slot leaves the tenant's waiting pages (see rankPages-1).

  Input:
    KEYS[1] the tenant's pages in flight (sorted set: page job id -> lease end, ms)
    KEYS[2] the tenant's waiting pages (sorted set)

    ARGV[1] page job id
    ARGV[2] now (ms)
    ARGV[3] lease (ms)
    ARGV[4] slots of the tenant (0 = no limit)

  Output:
    1 when the page may run, 0 when the tenant's slots are all taken
]]
local rcall = redis.call
local now = tonumber(ARGV[2])
local limit = tonumber(ARGV[4])
rcall('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
if limit > 0 and not rcall('ZSCORE', KEYS[1], ARGV[1]) and rcall('ZCARD', KEYS[1]) >= limit then return 0 end
rcall('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[1])
rcall('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
rcall('ZREM', KEYS[2], ARGV[1])
return 1
