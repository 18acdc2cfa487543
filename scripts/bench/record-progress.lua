-- wrk script: records progress through the API with a key and If-Match, as a client would.
-- Each thread owns a disjoint range of commitments and never has two requests in flight on one of them:
-- it GETs a commitment once for its ETag, then POSTs progress with it and takes the new ETag from the
-- response's Commitment-ETag header. The baseline run (fourth argument "baseline") sends the same requests to the
-- baseline's /baseline/commitments/... endpoints, which check the key and If-Match the same way.
local thread_count = 0
local first_id, per_thread

function setup(thread)
  thread:set("index", thread_count)
  thread_count = thread_count + 1
end

function init(args)
  first_id = tonumber(args[1]) or 1
  per_thread = tonumber(args[2]) or 200
  key = args[3] or ""
  prefix = args[4] == "baseline" and "/baseline/commitments/" or "/api/v1/commitments/"
  free = {}
  for i = 0, per_thread - 1 do
    table.insert(free, { id = first_id + index * per_thread + i, etag = nil })
  end
end

local today = os.date("!%Y-%m-%d")
local body = '{"status":"onTrack","progressPercent":50,"note":"Benchmark update.","evidenceLinks":[],"asOf":"' .. today .. '"}'

function request()
  local c = table.remove(free, 1)
  if c == nil then
    c = { id = first_id, etag = nil }
  end
  inflight = inflight or {}
  inflight[c.id] = c
  if c.etag == nil then
    return wrk.format("GET", prefix .. c.id, {})
  end
  return wrk.format("POST", prefix .. c.id .. "/progress",
    { ["Authorization"] = "Bearer " .. key, ["If-Match"] = c.etag, ["Content-Type"] = "application/json" }, body)
end

-- Responses can come back in another order than the requests went out (one thread, many connections), so the
-- commitment is read from the response itself: Location of a 201, the id of a GET, the instance of a problem.
function response(status, headers, body)
  local where = (headers["Location"] or "") .. " " .. (body or "")
  local id = tonumber(string.match(where, "commitments/(%d+)") or string.match(body or "", '^{"id":(%d+)'))
  local c = id and inflight[id]
  if c == nil then return end
  inflight[id] = nil
  c.etag = headers["Commitment-ETag"] or headers["ETag"]
  table.insert(free, c)
end
