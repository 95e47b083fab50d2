--[[
  Adds a job's records to a tenant's search index in one step: its record is
  appended to each bucket it has terms in (a new value of exact size, unlike
  APPEND, which leaves room for growth), its number and description are kept,
  and the tenant's counts grow. A job already indexed is left as it is.

  Input:
    KEYS[1]   counts (hash: docs, len, b<level>)
    KEYS[2]   indexed jobs (hash: job id → job number)
    KEYS[3]   job descriptions (hash: job number → deflated JSON)
    KEYS[4..] the buckets the job has terms in

    ARGV[1]   job id
    ARGV[2]   job number
    ARGV[3]   the job's description
    ARGV[4]   its chunks
    ARGV[5]   the sum of its chunks' lengths (terms)
    ARGV[6]   the field counting its level's bytes (b<level>)
    ARGV[7]   the bytes of its records
    ARGV[8..] its record for each bucket, in the order of KEYS[4..]

  Output:
    1 when added, 0 when the job was indexed already
]]
local rcall = redis.call
if rcall('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 0 end
for i = 4, #KEYS do
  local v = rcall('GET', KEYS[i])
  rcall('SET', KEYS[i], (v or '') .. ARGV[i + 4])
end
rcall('HSET', KEYS[2], ARGV[1], ARGV[2])
rcall('HSET', KEYS[3], ARGV[2], ARGV[3])
rcall('HINCRBY', KEYS[1], 'docs', ARGV[4])
rcall('HINCRBY', KEYS[1], 'len', ARGV[5])
rcall('HINCRBY', KEYS[1], ARGV[6], ARGV[7])
return 1
