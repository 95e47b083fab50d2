--[[
  Sets fields of an existing job (never resurrects a deleted one); with ARGV[2]
  = '1' also publishes the job's progress in the outbox (the page count known
  after ingest).

  Input:
    KEYS[1] job hash
    KEYS[2] outbox (stream)

    ARGV[1] outbox length kept (approximate)
    ARGV[2] '1' to publish progress
    ARGV[3] job id
    ARGV[4..] field, value pairs

  Output:
    1 set, 0 the job does not exist
]]
local rcall = redis.call
if rcall('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 4, #ARGV, 2 do rcall('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
if ARGV[2] == '1' then
  local h = rcall('HMGET', KEYS[1], 'tenant', 'pagesDone', 'pagesTotal')
  rcall('XADD', KEYS[2], 'MAXLEN', '~', ARGV[1], '*', 'type', 'progress', 'job', ARGV[3], 'tenant', h[1], 'pagesDone', h[2] or '0', 'pagesTotal', h[3] or '0')
end
return 1
