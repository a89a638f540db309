-- A headless Neovim LSP client for the end-to-end tests (Neovim 0.7 or later).
--
--   DOCKWALL_NVIM_PLAN=plan.json nvim --headless --clean -c 'luafile test/nvim/client.lua'
--
-- plan.json:
--   { "cmd": ["node", "dist/cli.js", "lsp", "--stdio"], "root": "/tmp/x", "out": "/tmp/x/result.json",
--     "timeoutMs": 10000, "initializationOptions": {...},
--     "steps": [ { "op": "open", "file": "a.nft", "languageId": "nftables" },
--                { "op": "diagnostics", "file": "a.nft", "min": 1, "code": "DW001", "absent": "DW001", "fresh": true },
--                { "op": "hover", "file": "compose.yaml", "line": 24, "character": 9 },
--                { "op": "codeAction", "file": "compose.yaml", "line": 24, "character": 9, "only": ["quickfix"],
--                  "apply": "substring of the title to apply", "forCode": "DW001" },
--                { "op": "text", "file": "compose.yaml" },
--                { "op": "write", "file": "compose.yaml" } ] }
--
-- Files are relative to root. Every step appends one entry to "steps" in the JSON written to `out`:
-- what the server answered and what Neovim made of it (vim.diagnostic, buffer text). The file also
-- carries the server's capabilities, so a test can tell which features the server offers. Neovim
-- exits 0 when every step ran, 1 (with "error" set) when one failed or timed out.

local plan_path = os.getenv('DOCKWALL_NVIM_PLAN')

local function read_file(path)
  local f = assert(io.open(path, 'r'))
  local s = f:read('*a')
  f:close()
  return s
end

local function write_file(path, s)
  local f = assert(io.open(path, 'w'))
  f:write(s)
  f:close()
end

local plan = vim.json.decode(read_file(assert(plan_path, 'DOCKWALL_NVIM_PLAN is not set')))
local timeout = plan.timeoutMs or 10000
local output = { steps = {} }
local published = {} -- uri -> last publishDiagnostics params
local buffers = {} -- file -> bufnr
local client_id
local initialized = false

local function path_of(file)
  if file:sub(1, 1) == '/' then
    return file
  end
  return plan.root .. '/' .. file
end

local function client()
  return assert(vim.lsp.get_client_by_id(client_id), 'the language server is gone')
end

-- JSON null decodes as vim.NIL; an empty Lua table encodes as {} (the reader treats {} as []).
local function array(t)
  if t == nil or t == vim.NIL then
    return {}
  end
  return t
end

local function buffer_of(file)
  return assert(buffers[file], 'file not opened: ' .. file)
end

local function uri_of(file)
  return vim.uri_from_bufnr(buffer_of(file))
end

local function vim_diagnostics(bufnr)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(out, {
      lnum = d.lnum,
      col = d.col,
      end_lnum = d.end_lnum,
      end_col = d.end_col,
      severity = d.severity,
      message = d.message,
      source = d.source,
      code = (d.user_data and d.user_data.lsp and d.user_data.lsp.code) or vim.NIL,
    })
  end
  table.sort(out, function(a, b)
    if a.lnum ~= b.lnum then
      return a.lnum < b.lnum
    end
    return a.col < b.col
  end)
  return out
end

local function has_code(diagnostics, code)
  for _, d in ipairs(diagnostics) do
    if d.code == code then
      return true
    end
  end
  return false
end

local function request(method, params, bufnr)
  local reply, err = client().request_sync(method, params, timeout, bufnr)
  if not reply then
    error(method .. ': no reply (' .. tostring(err) .. ')')
  end
  if reply.err then
    error(method .. ': ' .. vim.inspect(reply.err))
  end
  return reply.result
end

local steps = {}

function steps.open(step)
  vim.cmd('edit ' .. vim.fn.fnameescape(path_of(step.file)))
  local bufnr = vim.api.nvim_get_current_buf()
  -- The filetype becomes the languageId of didOpen. Neovim 0.7 knows no nftables or iptables type.
  if step.languageId then
    vim.bo[bufnr].filetype = step.languageId
  end
  buffers[step.file] = bufnr
  assert(vim.lsp.buf_attach_client(bufnr, client_id), 'could not attach to ' .. step.file)
  return { bufnr = bufnr, uri = vim.uri_from_bufnr(bufnr), languageId = vim.bo[bufnr].filetype }
end

function steps.diagnostics(step)
  local bufnr = buffer_of(step.file)
  local uri = uri_of(step.file)
  local function ready()
    local p = published[uri]
    if not p then
      return false
    end
    local ds = p.diagnostics or {}
    if step.fresh and p.version ~= nil and p.version ~= vim.lsp.util.buf_versions[bufnr] then
      return false
    end
    if step.min and #ds < step.min then
      return false
    end
    if step.max and #ds > step.max then
      return false
    end
    if step.code and not has_code(ds, step.code) then
      return false
    end
    if step.absent and has_code(ds, step.absent) then
      return false
    end
    return true
  end
  if not vim.wait(timeout, ready, 20) then
    error('diagnostics for ' .. step.file .. ': condition not met within ' .. timeout .. ' ms; last: '
      .. vim.inspect(published[uri]))
  end
  return { lsp = array(published[uri].diagnostics), version = published[uri].version, vim = array(vim_diagnostics(bufnr)) }
end

local function position_params(step)
  return { textDocument = { uri = uri_of(step.file) }, position = { line = step.line, character = step.character } }
end

function steps.hover(step)
  return { hover = request('textDocument/hover', position_params(step), buffer_of(step.file)) or vim.NIL }
end

local function covers(range, line, character)
  local s, e = range.start, range['end']
  local after_start = line > s.line or (line == s.line and character >= s.character)
  local before_end = line < e.line or (line == e.line and character <= e.character)
  return after_start and before_end
end

function steps.codeAction(step)
  local bufnr = buffer_of(step.file)
  local uri = uri_of(step.file)
  local at = { line = step.line, character = step.character }
  local context = { diagnostics = {} }
  for _, d in ipairs((published[uri] or {}).diagnostics or {}) do
    if covers(d.range, step.line, step.character) then
      table.insert(context.diagnostics, d)
    end
  end
  context.diagnostics = array(context.diagnostics)
  if step.only then
    context.only = step.only
  end
  local params = { textDocument = { uri = uri }, range = { start = at, ['end'] = at }, context = context }
  local actions = request('textDocument/codeAction', params, bufnr) or {}
  local result = { actions = array(actions) }
  if step.apply then
    -- The first action titled like step.apply; with step.forCode, one that names a diagnostic of that code.
    local chosen
    for _, a in ipairs(actions) do
      local fits = step.forCode == nil
      for _, d in ipairs(a.diagnostics or {}) do
        fits = fits or d.code == step.forCode
      end
      if fits and a.title:find(step.apply, 1, true) then
        chosen = a
        break
      end
    end
    assert(chosen, 'no code action titled like "' .. step.apply .. '" among ' .. #actions)
    if chosen.edit == nil and chosen.command == nil and chosen.data ~= nil then
      chosen = request('codeAction/resolve', chosen, bufnr)
    end
    if chosen.edit then
      vim.lsp.util.apply_workspace_edit(chosen.edit, client().offset_encoding)
    end
    local command = chosen.command
    if type(command) == 'string' then
      command = chosen -- a bare Command
    end
    if type(command) == 'table' then
      request('workspace/executeCommand', { command = command.command, arguments = command.arguments }, bufnr)
    end
    result.applied = chosen.title
  end
  return result
end

function steps.text(step)
  local lines = vim.api.nvim_buf_get_lines(buffer_of(step.file), 0, -1, false)
  return { text = table.concat(lines, '\n') .. '\n' }
end

function steps.write(step)
  vim.api.nvim_buf_call(buffer_of(step.file), function()
    vim.cmd('silent write')
  end)
  return {}
end

local function finish(err)
  output.error = err
  if client_id and vim.lsp.get_client_by_id(client_id) then
    local c = vim.lsp.get_client_by_id(client_id)
    c.stop()
    vim.wait(3000, function()
      return c.is_stopped()
    end, 20)
  end
  write_file(plan.out, vim.json.encode(output))
  if err then
    vim.cmd('cquit 1')
  else
    vim.cmd('qa!')
  end
end

local function run()
  client_id = vim.lsp.start_client({
    name = 'dockwall',
    cmd = plan.cmd,
    root_dir = plan.root,
    init_options = plan.initializationOptions,
    on_init = function()
      initialized = true
    end,
    handlers = {
      ['textDocument/publishDiagnostics'] = function(err, result, ctx, config)
        published[result.uri] = result
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  assert(client_id, 'could not start ' .. table.concat(plan.cmd, ' '))
  if not vim.wait(timeout, function()
    return initialized
  end, 20) then
    error('the language server did not answer initialize within ' .. timeout .. ' ms')
  end
  output.capabilities = client().server_capabilities
  for i, step in ipairs(plan.steps) do
    local op = assert(steps[step.op], 'unknown step ' .. tostring(step.op))
    local ok, res = pcall(op, step)
    if not ok then
      error('step ' .. i .. ' (' .. step.op .. ' ' .. tostring(step.file) .. '): ' .. tostring(res), 0)
    end
    res.op = step.op
    res.file = step.file
    table.insert(output.steps, res)
  end
end

local ok, err = pcall(run)
finish(not ok and tostring(err) or nil)
