// `medskapa report` after a crash: the real host is killed (SIGKILL) right after an idea was
// acknowledged, so the idea is in the journal but not yet in the session file. The report, the
// CSV and the overview must hold it all the same, and reading must not change either file. A
// damaged journal gives an error naming the journal and its line, and no report.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { startHost } = require('../lib/host.js');
const { Client, freshSession } = require('../integration/_client.js');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');

function report(args) {
  const r = spawnSync(BIN, ['report', ...args], { cwd: ROOT, env: { ...process.env, TZ: 'Europe/Stockholm' } });
  if (r.error) throw r.error;
  return { code: r.status, out: r.stdout.toString(), err: r.stderr.toString() };
}

// Post an idea and kill the host as soon as it is acknowledged. The host saves a snapshot at
// most a second after a change, so now and then the snapshot wins the race: then try again
// with another idea (the test needs one that only the journal holds).
async function crashAfterAck(session, template) {
  for (let attempt = 1; attempt <= 5; attempt++) {
    const host = await startHost(['--session', session, ...(attempt === 1 ? ['--template', template] : [])]);
    try {
      const phone = await Client.connect(host.wsUrl, { label: 'phone' });
      await phone.hello({ name: 'Hodan', lang: 'so' });
      const text = `Kvällsöppet bibliotek, försök ${attempt} — saacadaha fiidkii`;
      phone.send({ type: 'idea.post', cid: `c${attempt}`, text });
      await phone.next((m) => m.type === 'ack' && m.cid === `c${attempt}`, 'the ack');
      host.proc.kill('SIGKILL');
      await host.exited;
      const saved = fs.readFileSync(session, 'utf8');
      const journal = fs.readFileSync(`${session}.journal`, 'utf8');
      if (!saved.includes(text) && journal.includes(text)) return text;
    } finally {
      await host.stop('SIGKILL');
    }
  }
  throw new Error('the snapshot was written before the kill five times in a row');
}

test('a report after a crash includes what only the journal holds, and reads only', async () => {
  const { dir, session, template } = freshSession('medskapa-report-journal-');
  const text = await crashAfterAck(session, template);
  const before = [fs.readFileSync(session), fs.readFileSync(`${session}.journal`)];

  const md = report([session, '--format', 'md']);
  assert.equal(md.code, 0, md.err);
  assert.ok(md.out.includes(text), `the Markdown report holds the idea from the journal:\n${md.out}`);
  assert.match(md.err, /ändring(ar)? efter senaste sparningen hämtade? från session\.json\.journal/);

  const csv = report([session, '--format', 'csv']);
  assert.equal(csv.code, 0, csv.err);
  assert.ok(csv.out.includes(text), 'the CSV holds it');

  const html = report([session]);
  assert.equal(html.code, 0, html.err);
  assert.ok(html.out.includes(text), 'the HTML report holds it');

  const ov = report(['--overview', dir]);
  assert.equal(ov.code, 0, ov.err);
  assert.match(ov.out, /session\.json<\/bdi><\/span><\/td><td class="num">1<\/td><td class="num">1<\/td>/,
    'the overview counts the participant and the idea, both only in the journal');

  assert.deepEqual([fs.readFileSync(session), fs.readFileSync(`${session}.journal`)], before,
    'making reports changed neither the session file nor its journal');

  // A journal damaged in the middle (not a torn last line): a clear error, no report.
  const lines = fs.readFileSync(`${session}.journal`, 'utf8').split('\n');
  lines.splice(0, 0, '{"seq":1,"cmd":"idea.post","text":');
  fs.writeFileSync(`${session}.journal`, lines.join('\n'));
  const bad = report([session, '--format', 'md']);
  assert.equal(bad.code, 1);
  assert.equal(bad.out, '', 'no report from a damaged journal');
  assert.match(bad.err, /session\.json\.journal: line 1/);
  fs.rmSync(dir, { recursive: true, force: true });
});
