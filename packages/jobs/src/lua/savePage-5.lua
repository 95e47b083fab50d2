--[[
  Stores one page's draft under its index (a re-run overwrites it), counts the
  distinct pages done on the record and publishes the progress in the outbox.
  Only a running job takes pages: a canceled, failed or deleted one does not,
  so no draft is left behind without its job.

  Input:
    KEYS[1] job hash
    KEYS[2] drafts (hash)
    KEYS[3] pages done, all jobs (counter)
    KEYS[4] recent page latencies (list)
    KEYS[5] outbox (stream)

    ARGV[1] page index
    ARGV[2] draft JSON
    ARGV[3] latency (ms)
    ARGV[4] outbox length kept (approximate)
    ARGV[5] job id
    ARGV[6] drafts' expiry in seconds (a job that never ends must not keep them forever)

  Output:
    pages done, or -1 when the job is gone or no longer running
]]
local rcall = redis.call
if rcall('HGET', KEYS[1], 'status') ~= 'running' then return -1 end
rcall('HSET', KEYS[2], ARGV[1], ARGV[2])
rcall('EXPIRE', KEYS[2], tonumber(ARGV[6]))
local n = rcall('HLEN', KEYS[2])
rcall('HSET', KEYS[1], 'pagesDone', n)
rcall('INCR', KEYS[3])
rcall('LPUSH', KEYS[4], ARGV[3])
rcall('LTRIM', KEYS[4], 0, 999)
local total = rcall('HGET', KEYS[1], 'pagesTotal') or '0'
rcall('XADD', KEYS[5], 'MAXLEN', '~', ARGV[4], '*', 'type', 'progress', 'job', ARGV[5], 'tenant', rcall('HGET', KEYS[1], 'tenant'), 'pagesDone', n, 'pagesTotal', total)
return n
