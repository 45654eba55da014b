-- wrk script for scripts/load-test.sh: a mixed load of what users do. Each call of request()
-- takes the next entry of a weighted cycle: pages (home, list, search, detail, compare), API
-- reads, downloads and profile saves through the API. codes.lua (written by load-test.sh from
-- the running server's catalog) defines `codes`, a list of occupation codes.
local codes = dofile(os.getenv("ATLAS_LOAD_CODES"))
local words = { "nurse", "clerk", "data", "radiol", "invoice", "teach", "patient records", "drive", "account", "repair" }

local profile = [[{"name":"Load test profile","description":"written by scripts/load-test.sh",]] ..
  [["tasks":[{"title":"Sort incoming requests","share":40,"ratings":{"standardization":4,"error_tolerance":4,"verifiability":4,"frequency":5}},]] ..
  [[{"title":"Answer unusual questions","share":35,"ratings":{"standardization":2,"error_tolerance":3,"verifiability":2,"frequency":3}},]] ..
  [[{"title":"Check the monthly figures","share":25,"ratings":{"standardization":5,"error_tolerance":2,"verifiability":5,"frequency":2}}]} ]]

-- kind, weight: out of 100 requests.
local mix = {
  { "home", 8 }, { "list", 10 }, { "search", 20 }, { "detail", 25 }, { "compare", 5 },
  { "api_list", 8 }, { "api_detail", 8 }, { "download_csv", 5 }, { "download_json", 3 },
  { "download_xlsx", 2 }, { "download_pdf", 1 }, { "profile_save", 5 },
}
local cycle = {}
for _, entry in ipairs(mix) do
  for _ = 1, entry[2] do cycle[#cycle + 1] = entry[1] end
end
-- Spread the kinds over the cycle so that each connection sees all of them.
math.randomseed(42)
for i = #cycle, 2, -1 do
  local j = math.random(i)
  cycle[i], cycle[j] = cycle[j], cycle[i]
end

local counter = 0
local function code()
  return codes[(counter % #codes) + 1]
end

local function escape(text)
  return (text:gsub(" ", "+"))
end

function setup(thread)
  thread:set("offset", math.random(1000))
end

request = function()
  counter = counter + 1
  local kind = cycle[((counter + (offset or 0)) % #cycle) + 1]
  if kind == "home" then
    return wrk.format("GET", "/")
  elseif kind == "list" then
    return wrk.format("GET", "/occupations?page=" .. ((counter % 5) + 1))
  elseif kind == "search" then
    return wrk.format("GET", "/occupations?q=" .. escape(words[(counter % #words) + 1]))
  elseif kind == "detail" then
    return wrk.format("GET", "/occupations/" .. code())
  elseif kind == "compare" then
    return wrk.format("GET", "/compare?codes=" .. code() .. "," .. codes[((counter + 7) % #codes) + 1])
  elseif kind == "api_list" then
    return wrk.format("GET", "/api/v1/occupations?q=" .. escape(words[(counter % #words) + 1]))
  elseif kind == "api_detail" then
    return wrk.format("GET", "/api/v1/occupations/" .. code())
  elseif kind == "download_csv" then
    return wrk.format("GET", "/occupations/" .. code() .. "/summary.csv")
  elseif kind == "download_json" then
    return wrk.format("GET", "/occupations/" .. code() .. "/summary.json")
  elseif kind == "download_xlsx" then
    return wrk.format("GET", "/occupations/" .. code() .. "/summary.xlsx")
  elseif kind == "download_pdf" then
    return wrk.format("GET", "/occupations/" .. code() .. "/summary.pdf")
  else
    return wrk.format("POST", "/api/v1/profiles", { ["Content-Type"] = "application/json" }, profile)
  end
end

-- Anything but 200 (or 201 for a save) is an error; wrk's own count treats 3xx as success.
local errors = 0
response = function(status, headers, body)
  if status ~= 200 and status ~= 201 then
    errors = errors + 1
    if errors <= 5 then io.stderr:write("unexpected status " .. status .. "\n") end
  end
end

done = function(summary, latency, requests)
  local function ms(us) return string.format("%.2f", us / 1000) end
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.1f p50_ms=%s p90_ms=%s p99_ms=%s max_ms=%s socket_errors=%d non2xx=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    ms(latency:percentile(50)), ms(latency:percentile(90)), ms(latency:percentile(99)), ms(latency.max),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    summary.errors.status))
end
