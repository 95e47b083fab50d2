--[[
  Moves a job to a status when its current status is one of the allowed ones,
  with everything that goes with the move, in one step: the record's fields,
  the status counts, the outbox event; for a final status also the finished
  index (for expiry), the password (dropped), the drafts (dropped) and, for a
  success that is neither degraded nor password-protected, the reuse pointer.

  Input:
    KEYS[1] job hash
    KEYS[2] status counts (hash)
    KEYS[3] finished jobs (sorted set, scored by ms)
    KEYS[4] password key
    KEYS[5] reuse pointer key
    KEYS[6] outbox (stream)
    KEYS[7] drafts (hash)

    ARGV[1] the new status
    ARGV[2] allowed current statuses, comma-separated
    ARGV[3] now (ms)
    ARGV[4] outbox length kept (approximate)
    ARGV[5] job id
    ARGV[6] '1' when KEYS[5] is the job's reuse pointer ('' = none given: no pointer is written)
    ARGV[7..] field, value pairs to set with the move

  Output:
    1  moved
    0  the job is in another status (nothing written)
   -1  the job does not exist
]]
local rcall = redis.call
local cur = rcall('HGET', KEYS[1], 'status')
if not cur then return -1 end
local ok = false
for s in string.gmatch(ARGV[2], '[^,]+') do if s == cur then ok = true end end
if not ok then return 0 end
local to = ARGV[1]
local id = ARGV[5]
rcall('HSET', KEYS[1], 'status', to)
for i = 7, #ARGV, 2 do rcall('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if cur ~= to then
  rcall('HINCRBY', KEYS[2], cur, -1)
  rcall('HINCRBY', KEYS[2], to, 1)
end
if to == 'succeeded' or to == 'failed' or to == 'canceled' then
  rcall('ZADD', KEYS[3], ARGV[3], id)
  rcall('DEL', KEYS[4], KEYS[7])
  if to == 'succeeded' and ARGV[6] == '1' and rcall('HEXISTS', KEYS[1], 'degraded') == 0 and rcall('HGET', KEYS[1], 'protected') ~= '1' then
    rcall('SET', KEYS[5], id)
  end
end
rcall('XADD', KEYS[6], 'MAXLEN', '~', ARGV[4], '*', 'type', 'status', 'job', id, 'tenant', rcall('HGET', KEYS[1], 'tenant'), 'status', to)
return 1
