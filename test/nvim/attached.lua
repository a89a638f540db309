-- Checks a user configuration: run after init.lua has loaded (no --clean), it opens each file of
-- $DOCKWALL_NVIM_FILES (a JSON list) in turn, waits for the diagnostics of the language server the
-- configuration attached, and writes to $DOCKWALL_NVIM_OUT, per file: the filetype, the names of
-- the attached clients and vim.diagnostic.get(). Neovim 0.7 or later.
local files = vim.json.decode(os.getenv('DOCKWALL_NVIM_FILES'))
local timeout = tonumber(os.getenv('DOCKWALL_NVIM_TIMEOUT') or '10000')
local out = {}

local function check()
  for _, file in ipairs(files) do
    vim.cmd('edit ' .. vim.fn.fnameescape(file))
    local bufnr = vim.api.nvim_get_current_buf()
    vim.wait(timeout, function()
      return #vim.diagnostic.get(bufnr) > 0
    end, 20)
    local clients = {}
    for _, c in pairs(vim.lsp.buf_get_clients(bufnr)) do
      table.insert(clients, c.name)
    end
    local diagnostics = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      local code = d.user_data and d.user_data.lsp and d.user_data.lsp.code
      table.insert(diagnostics, {
        lnum = d.lnum, col = d.col, end_lnum = d.end_lnum, end_col = d.end_col,
        message = d.message, severity = d.severity, code = code,
      })
    end
    table.insert(out, { file = file, filetype = vim.bo[bufnr].filetype, clients = clients, diagnostics = diagnostics })
  end
end

local ok, err = pcall(check)
for _, c in pairs(vim.lsp.get_active_clients()) do
  c.stop()
end
vim.wait(3000, function()
  return #vim.lsp.get_active_clients() == 0
end, 20)
local f = assert(io.open(os.getenv('DOCKWALL_NVIM_OUT'), 'w'))
f:write(vim.json.encode({ files = out, error = (not ok) and tostring(err) or nil }))
f:close()
vim.cmd(ok and 'qa!' or 'cquit 1')
