-- Neovim end-to-end test of weaklsp (Neovim 0.7 API: no vim.lsp.start).
-- Run by main_test.go as:
--   nvim --headless --clean -i NONE -c "luafile e2e.lua"
-- with WEAKLSP_CMD (a JSON list), WEAKLSP_FILE, WEAKLSP_ROOT, WEAKLSP_OUT set.
-- Writes a JSON report to WEAKLSP_OUT and quits, whatever happens.

local report = { steps = {} }

local function snapshot(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local code = d.code
    if code == nil and d.user_data and d.user_data.lsp then
      code = d.user_data.lsp.code
    end
    table.insert(out, { lnum = d.lnum, col = d.col, message = d.message, source = d.source, code = code })
  end
  return out
end

local function run()
  local client_id = vim.lsp.start_client({
    name = 'weaklsp',
    cmd = vim.fn.json_decode(os.getenv('WEAKLSP_CMD')),
    root_dir = os.getenv('WEAKLSP_ROOT'),
    init_options = { debounce = 50 },
  })
  assert(client_id, 'vim.lsp.start_client failed')
  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('WEAKLSP_FILE')))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'go'
  assert(vim.lsp.buf_attach_client(buf, client_id), 'vim.lsp.buf_attach_client failed')

  -- 1. The findings of the file as opened: the first load type-checks the
  -- dependencies from source, which takes minutes on a busy 2-core machine.
  local ok = vim.wait(180000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  table.insert(report.steps, { name = 'open', waited = ok, diagnostics = snapshot(buf) })
  if not ok then return end

  -- 2. Fix the unchecked dereference in the unsaved buffer: they go.
  local lnum = vim.diagnostic.get(buf)[1].lnum
  vim.api.nvim_buf_set_lines(buf, lnum, lnum + 1, false, {
    '\tif v := p.Value(); v != nil {',
    '\t\treturn v.Name',
    '\t}',
    '\treturn ""',
  })
  ok = vim.wait(90000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  table.insert(report.steps, { name = 'fix', waited = ok, diagnostics = snapshot(buf) })
  if not ok then return end

  -- 3. Break it again elsewhere: a new finding on the new line.
  local last = vim.api.nvim_buf_line_count(buf)
  vim.api.nvim_buf_set_lines(buf, last, last, false, {
    '',
    'func Again(p weak.Pointer[T]) int { return len(p.Value().Name) }',
  })
  ok = vim.wait(90000, function() return #vim.diagnostic.get(buf) > 0 end, 20)
  table.insert(report.steps, { name = 'break', waited = ok, diagnostics = snapshot(buf) })

  if not ok then return end

  -- 4. The re-call race, fixed by weakderef's quick fix, applied by Neovim.
  vim.api.nvim_buf_set_lines(buf, 0, -1, false, {
    'package demo',
    '',
    'import "weak"',
    '',
    'type T struct{ Name string }',
    '',
    'func Name(p weak.Pointer[T]) string {',
    '\tif p.Value() != nil {',
    '\t\treturn p.Value().Name',
    '\t}',
    '\treturn ""',
    '}',
  })
  ok = vim.wait(90000, function()
    local d = vim.diagnostic.get(buf)
    return #d == 1 and d[1].lnum == 8
  end, 20)
  local step = { name = 'recall', waited = ok, diagnostics = snapshot(buf) }
  table.insert(report.steps, step)
  if not ok then return end
  local d = vim.diagnostic.get(buf)[1]
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    context = { diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum) },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction', params, 30000) or {}
  step.actions = {}
  for _, resp in pairs(responses) do
    for _, action in ipairs(resp.result or {}) do
      table.insert(step.actions, action.title)
      if action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, 'utf-16')
      end
    end
  end
  ok = vim.wait(90000, function() return #vim.diagnostic.get(buf) == 0 end, 20)
  table.insert(report.steps, { name = 'quickfix', waited = ok, diagnostics = snapshot(buf),
    text = table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, false), '\n') })

  -- 5. Shut the server down as Neovim does on exit.
  vim.lsp.stop_client(client_id)
  report.stopped = vim.wait(10000, function() return vim.lsp.get_client_by_id(client_id) == nil end, 20)
end

local ok, err = pcall(run)
if not ok then report.error = tostring(err) end
vim.fn.writefile({ vim.fn.json_encode(report) }, os.getenv('WEAKLSP_OUT'))
vim.cmd('qa!')
