--[[
  Creates a job record: the hash, its tenant listing, the status count, the
  password (sealed) and, in the same step, the outbox event that makes the
  ingest relay queue its ingest step. With an idempotency key, claims the key
  for this job unless it names a job that still exists (then nothing is written).

  Input:
    KEYS[1] job hash
    KEYS[2] tenant's jobs (sorted set)
    KEYS[3] status counts (hash)
    KEYS[4] idempotency key (unused when ARGV[3] is '')
    KEYS[5] password key
    KEYS[6] finished jobs (sorted set, scored by ms)
    KEYS[7] outbox (stream)

    ARGV[1] job id
    ARGV[2] now (ms)
    ARGV[3] idempotency TTL in seconds ('' = no key)
    ARGV[4] idempotency value ('<id>|<request fingerprint>')
    ARGV[5] job hash key prefix (for the job an idempotency key names)
    ARGV[6] sealed password ('' = none)
    ARGV[7] password TTL in seconds
    ARGV[8] outbox length kept (approximate)
    ARGV[9] status ('queued', or 'succeeded' for a reused result)
    ARGV[10] tenant
    ARGV[11..] field, value pairs of the hash

  Output:
    {1, ''}                     created
    {0, '<idempotency value>'}  the key names an existing job: nothing written
]]
local rcall = redis.call
local id = ARGV[1]
if ARGV[3] ~= '' then
  local held = rcall('GET', KEYS[4])
  if held then
    local heldId = string.match(held, '^([^|]+)')
    if heldId and rcall('EXISTS', ARGV[5] .. heldId) == 1 then return {0, held} end
  end
  rcall('SET', KEYS[4], ARGV[4], 'EX', tonumber(ARGV[3]))
end
local status = ARGV[9]
rcall('HSET', KEYS[1], 'status', status)
for i = 11, #ARGV, 2 do rcall('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
rcall('ZADD', KEYS[2], 0, id)
rcall('HINCRBY', KEYS[3], status, 1)
if ARGV[6] ~= '' then rcall('SET', KEYS[5], ARGV[6], 'EX', tonumber(ARGV[7])) end
if status == 'succeeded' or status == 'failed' or status == 'canceled' then rcall('ZADD', KEYS[6], ARGV[2], id) end
rcall('XADD', KEYS[7], 'MAXLEN', '~', ARGV[8], '*', 'type', 'status', 'job', id, 'tenant', ARGV[10], 'status', status)
return {1, ''}
