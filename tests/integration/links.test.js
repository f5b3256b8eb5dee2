// No file is written through a planted link, and session files are private: real files on disk,
// a symbolic link planted where the host (or `medskapa report -o`, or --layout-json) would write,
// and the link's target checked byte for byte afterwards.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { BIN, ROOT, startHost, tmpdir } = require('../lib/host.js');
const { Client, freshSession, readSession } = require('./_client.js');

process.umask(0o022);   // the usual umask: files made without care would be 0644

// A file someone else cares about, which a link will point at.
function victim(dir) {
  const file = path.join(dir, 'victim.txt');
  fs.writeFileSync(file, 'do not touch: the only copy\n'.repeat(20));
  fs.chmodSync(file, 0o644);
  return { file, content: fs.readFileSync(file), mode: fs.statSync(file).mode };
}

function assertUntouched(v) {
  const st = fs.statSync(v.file);
  assert.equal(st.size, v.content.length, 'the link target keeps its size');
  assert.deepEqual(fs.readFileSync(v.file), v.content, 'the link target keeps its content');
  assert.equal(st.mode, v.mode, 'the link target keeps its mode');
}

function mode(file) { return fs.statSync(file).mode & 0o7777; }

// A session with a meeting in it, saved and closed; returns its path.
async function meeting(session, template, ideas = ['En idé']) {
  const host = await startHost(['--session', session, ...(template ? ['--template', template] : [])]);
  try {
    const c = await Client.connect(host.wsUrl);
    await c.hello({ name: 'Amal' });
    for (const [k, text] of ideas.entries()) {
      c.send({ type: 'idea.post', cid: `i${k}`, text });
      await c.next((m) => m.type === 'ack' && m.cid === `i${k}`, `ack of ${text}`);
    }
    c.close();
  } finally {
    const exit = await host.stop('SIGTERM');
    assert.equal(exit.code, 0, host.output());
  }
}

async function refusedToStart(args, file) {
  await assert.rejects(startHost(args), (e) => {
    assert.match(e.message, /host exited \(1\)/);
    assert.ok(e.message.includes(file), `the message names ${file}: ${e.message}`);
    assert.match(e.message, /symbolic link/);
    assert.match(e.message, /inget ändrades/);
    return true;
  });
}

test('a link planted at SESSION.json.journal before a resume: refused at start, naming it; its target untouched', async () => {
  const { dir, template, session } = freshSession('medskapa-link-journal-');
  await meeting(session, template);
  const journal = `${session}.journal`;
  fs.rmSync(journal, { force: true });
  const v = victim(dir);
  fs.symlinkSync(v.file, journal);
  const before = fs.readFileSync(session);
  await refusedToStart(['--session', session], journal);
  assertUntouched(v);
  assert.deepEqual(fs.readFileSync(session), before, 'the session file is unchanged');
  assert.ok(fs.lstatSync(journal).isSymbolicLink(), 'the link is left where it was');
});

test('a link planted at the journal of a new session: refused at start, naming it; its target untouched', async () => {
  const { dir, template, session } = freshSession('medskapa-link-newjournal-');
  const v = victim(dir);
  fs.symlinkSync(v.file, `${session}.journal`);
  await refusedToStart(['--session', session, '--template', template], `${session}.journal`);
  assertUntouched(v);
  assert.ok(!fs.existsSync(session), 'no session file was made');
});

test('a link planted at SESSION.json itself: refused at start, naming it; its target untouched', async () => {
  const { dir, template, session } = freshSession('medskapa-link-session-');
  // The target is a real session, which the host must neither resume through the link nor write.
  const real = path.join(dir, 'real.json');
  await meeting(real, template);
  fs.rmSync(`${real}.journal`, { force: true });
  const v = { file: real, content: fs.readFileSync(real), mode: fs.statSync(real).mode };
  fs.symlinkSync(real, session);
  await refusedToStart(['--session', session], session);
  assertUntouched(v);
  assert.ok(!fs.existsSync(`${session}.journal`), 'no journal was made');
  // A dangling link (a new session would be created there) is refused the same way.
  fs.unlinkSync(session);
  fs.symlinkSync(path.join(dir, 'elsewhere.json'), session);
  await refusedToStart(['--session', session, '--template', template], session);
  assert.ok(!fs.existsSync(path.join(dir, 'elsewhere.json')), 'nothing was created at the dangling target');
});

test('a link planted at SESSION.json.tmp (the old fixed temporary name): never followed, the session saved properly', async () => {
  const { dir, template, session } = freshSession('medskapa-link-tmp-');
  const v = victim(dir);
  fs.symlinkSync(v.file, `${session}.tmp`);
  await meeting(session, template, ['Läxhjälp', 'Skjuts']);
  assertUntouched(v);
  assert.ok(fs.lstatSync(session).isFile(), 'the session file is a regular file');
  assert.deepEqual(readSession(session).ideas.map((i) => i.text), ['Läxhjälp', 'Skjuts']);
  assert.equal(mode(session), 0o600);
  const left = fs.readdirSync(dir).filter((f) => f.startsWith('session.json.tmp') && f !== 'session.json.tmp');
  assert.deepEqual(left, [], 'no temporary file left behind');
});

test('session file and journal are 0600 after a meeting with umask 022, even when copied in as 0644', async () => {
  const { dir, template, session } = freshSession('medskapa-modes-');
  await meeting(session, template, ['Första']);
  assert.equal(mode(session), 0o600, 'a new session file');
  assert.equal(mode(`${session}.journal`), 0o600, 'a new journal');
  // Copied elsewhere the ordinary way (0644 under umask 022), with a stale 0644 temporary file
  // beside it from a crash: a meeting there leaves all of it private again.
  const moved = path.join(tmpdir('medskapa-modes-copy-'), 'm.json');
  for (const [from, to] of [[session, moved], [`${session}.journal`, `${moved}.journal`]]) {
    fs.writeFileSync(to, fs.readFileSync(from));
    fs.chmodSync(to, 0o644);
  }
  fs.writeFileSync(`${moved}.tmp`, 'left by a crash');
  fs.chmodSync(`${moved}.tmp`, 0o644);
  await meeting(moved, null, ['Andra']);
  assert.deepEqual(readSession(moved).ideas.map((i) => i.text), ['Första', 'Andra']);
  assert.equal(mode(moved), 0o600, 'the session file after a meeting');
  assert.equal(mode(`${moved}.journal`), 0o600, 'the journal after a meeting');
  void dir;
});

test('`medskapa report S.json -o LINK` is refused naming the file; the link target untouched', async () => {
  const { dir, template, session } = freshSession('medskapa-link-report-');
  await meeting(session, template);
  const v = victim(dir);
  const link = path.join(dir, 'protokoll.html');
  fs.symlinkSync(v.file, link);
  const r = spawnSync(BIN, ['report', session, '-o', link], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(r.status, 1, r.stderr);
  assert.ok(r.stderr.includes(link), `the message names the file: ${r.stderr}`);
  assert.match(r.stderr, /symbolic link/);
  assertUntouched(v);
  assert.ok(fs.lstatSync(link).isSymbolicLink(), 'the link is left as it was');
  // Written to a plain name, the report is private.
  const out = path.join(dir, 'ok.html');
  const ok = spawnSync(BIN, ['report', session, '-o', out], { cwd: ROOT, encoding: 'utf8' });
  assert.equal(ok.status, 0, ok.stderr);
  assert.equal(mode(out), 0o600);
});

test('--layout-json onto a link is refused naming the file; the link target untouched', () => {
  const dir = tmpdir('medskapa-link-layout-');
  const v = victim(dir);
  const link = path.join(dir, 'layout.json');
  fs.symlinkSync(v.file, link);
  const r = spawnSync(BIN, ['--screenshot', path.join(dir, 'b.png'), '--layout-json', link],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SDL_VIDEODRIVER: 'dummy' } });
  assert.notEqual(r.status, 0, r.stdout);
  assert.ok(r.stderr.includes(link), `the message names the file: ${r.stderr}`);
  assertUntouched(v);
});
