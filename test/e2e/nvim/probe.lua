-- Neovim (0.7+) as a second, independent LSP client: attach the built server to a fixture, wait
-- for its pushed diagnostics, ask for the code actions of the table-sum finding, apply the quick
-- fix, and write what happened as JSON. Exit 1 on time-out.
local fixture = os.getenv('REFERAT_FIXTURE')
local out = os.getenv('REFERAT_OUT')
local result = { diagnostics = {}, actions = {} }
local received = false

local client_id = vim.lsp.start_client({
  name = 'referat',
  cmd = { os.getenv('REFERAT_NODE') or 'node', os.getenv('REFERAT_SERVER'), '--stdio' },
  root_dir = vim.fn.fnamemodify(fixture, ':h'),
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, params)
      if params and #params.diagnostics > 0 then
        result.diagnostics = params.diagnostics
        received = true
      end
    end,
  },
})

vim.cmd('edit ' .. vim.fn.fnameescape(fixture))
vim.bo.filetype = 'referat'
vim.lsp.buf_attach_client(0, client_id)

if not vim.wait(20000, function() return received end, 20) then
  io.stderr:write('no diagnostics from the server within 20 s\n')
  vim.cmd('cquit 1')
end

local finding
for _, d in ipairs(result.diagnostics) do
  if d.code == 'table-sum-mismatch' then finding = d end
end
if finding then
  local client = vim.lsp.get_client_by_id(client_id)
  local response = client.request_sync('textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(0) },
    range = finding.range,
    context = { diagnostics = { finding }, only = { 'quickfix' } },
  }, 10000, 0)
  result.actions = (response and response.result) or {}
  for _, action in ipairs(result.actions) do
    if action.kind == 'quickfix' and action.edit then
      vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      result.applied = action.title
      break
    end
  end
  result.fixedLine = vim.api.nvim_buf_get_lines(0, finding.range.start.line, finding.range.start.line + 1, false)[1]
end

local file = io.open(out, 'w')
file:write(vim.fn.json_encode(result))
file:close()
vim.cmd('qall!')
