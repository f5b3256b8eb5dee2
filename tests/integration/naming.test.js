// Without --session the host creates a new file under sessions/ named by date and title,
// readable by its owner only, and runs from any current folder.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startHost, ROOT } = require('../lib/host.js');

// The Windows build under wine (tests/windows/run.sh) names its files as Windows does (Z:/...
// is /) and keeps no file modes.
const WINDOWS = Boolean(process.env.MEDSKAPA_EXE);

test('a new session gets a readable file name under sessions/, mode 0600', async (t) => {
  const host = await startHost(['--template', path.join(ROOT, 'sessions/templates/demo-radrum.json')]);
  const m = /Sessionsfil:\s+(.+?)\s*$/m.exec(host.output());
  assert.ok(m, host.output());
  const file = m[1].replace(/^Z:/i, '');
  t.after(() => { for (const f of [file, `${file}.journal`]) fs.rmSync(path.resolve(ROOT, f), { force: true }); });
  assert.match(path.basename(file), /^\d{4}-\d\d-\d\d-\d{4}-radrum-vagen-in-i-foreningslivet(-\d+)?\.json$/);
  assert.equal(path.basename(path.dirname(path.resolve(ROOT, file))), 'sessions');
  const st = fs.statSync(path.resolve(ROOT, file));
  if (!WINDOWS) assert.equal(st.mode & 0o777, 0o600);
  const exit = await host.stop('SIGINT');
  assert.equal(exit.code, 0, host.output());
  const saved = JSON.parse(fs.readFileSync(path.resolve(ROOT, file), 'utf8'));
  assert.equal(saved.title, 'Rådrum: Vägen in i föreningslivet');
  assert.equal(saved.format, 'medskapa-session');
});
