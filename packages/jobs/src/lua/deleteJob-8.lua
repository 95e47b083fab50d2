--[[
  Deletes a job's record and everything Redis keeps for it, in one step: the
  hash, drafts, password, tenant listing entry, status count, finished-index
  entry and the reuse pointer when it names this job; publishes `deleted` in
  the outbox (the search index drops the job from it). The store's objects and
  the queue payloads are the caller's to remove.

  Input:
    KEYS[1] job hash
    KEYS[2] drafts (hash)
    KEYS[3] password key
    KEYS[4] tenant's jobs (sorted set)
    KEYS[5] status counts (hash)
    KEYS[6] finished jobs (sorted set)
    KEYS[7] reuse pointer key
    KEYS[8] outbox (stream)

    ARGV[1] job id
    ARGV[2] outbox length kept (approximate)

  Output:
    1 deleted, 0 there was no such job
]]
local rcall = redis.call
local h = rcall('HMGET', KEYS[1], 'status', 'tenant')
if not h[1] then return 0 end
rcall('DEL', KEYS[1], KEYS[2], KEYS[3])
rcall('ZREM', KEYS[4], ARGV[1])
rcall('ZREM', KEYS[6], ARGV[1])
rcall('HINCRBY', KEYS[5], h[1], -1)
if rcall('GET', KEYS[7]) == ARGV[1] then rcall('DEL', KEYS[7]) end
rcall('XADD', KEYS[8], 'MAXLEN', '~', ARGV[2], '*', 'type', 'deleted', 'job', ARGV[1], 'tenant', h[2])
return 1
