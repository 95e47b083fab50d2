--[[
  Removes a job from a tenant's search index in one step: its record leaves
  each bucket it is in (a bucket left empty is deleted), its number and
  description go, and the tenant's counts shrink. Nothing happens when the job
  is not indexed under that number (removed already, or indexed again since).

  Input:
    KEYS[1]   counts (hash: docs, len, b<level>)
    KEYS[2]   indexed jobs (hash: job id → job number)
    KEYS[3]   job descriptions (hash: job number → deflated JSON)
    KEYS[4..] the buckets the job has records in

    ARGV[1]   job id
    ARGV[2]   job number
    ARGV[3]   job number as its record starts (uint32, big-endian)
    ARGV[4]   its chunks
    ARGV[5]   the sum of its chunks' lengths (terms)
    ARGV[6]   the field counting its level's bytes (b<level>)
    ARGV[7]   the bytes of its records

  Output:
    1 when removed, 0 when there was nothing to remove
]]
local rcall = redis.call
if rcall('HGET', KEYS[2], ARGV[1]) ~= ARGV[2] then return 0 end
for i = 4, #KEYS do
  local v = rcall('GET', KEYS[i])
  if v then
    -- A record: job number (4 bytes), payload length (4 bytes, big-endian), payload.
    local kept = {}
    local pos = 1
    while pos <= #v do
      local stop = pos + 8 + struct.unpack('>I4', v, pos + 4)
      if string.sub(v, pos, pos + 3) ~= ARGV[3] then kept[#kept + 1] = string.sub(v, pos, stop - 1) end
      pos = stop
    end
    if #kept == 0 then rcall('DEL', KEYS[i]) else rcall('SET', KEYS[i], table.concat(kept)) end
  end
end
rcall('HDEL', KEYS[2], ARGV[1])
rcall('HDEL', KEYS[3], ARGV[2])
rcall('HINCRBY', KEYS[1], 'docs', -tonumber(ARGV[4]))
rcall('HINCRBY', KEYS[1], 'len', -tonumber(ARGV[5]))
rcall('HINCRBY', KEYS[1], ARGV[6], -tonumber(ARGV[7]))
return 1
