// When no phone reaches the host within a minute of its start (a firewall that blocks it, the
// phones on another Wi-Fi), the board says what to check; a phone that connects keeps it away.
// The minute is shortened for the test (MEDSKAPA_NO_PHONE_SECS). The board runs on SDL's dummy
// driver and writes what it shows after each frame (MEDSKAPA_BOARD_LAYOUT).
'use strict';
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { tmpdir, startHost, said } = require('../lib/host.js');
const { Client } = require('../integration/_client.js');

const SENTENCE = said('host_no_phone_reached', 'sv');

async function layoutUntil(file, pred, ms) {
  const end = Date.now() + ms;
  let s = null;
  for (;;) {
    try { s = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { s = null; }
    if (s && pred(s)) return s;
    if (Date.now() > end) return null;
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function board(t, secs) {
  const dir = tmpdir('medskapa-lonely-');
  const live = path.join(dir, 'live.json');
  const host = await startHost(['--session', path.join(dir, 'm.json'), '--template', 'sessions/templates/demo-radrum.json'],
    { windowed: true, env: { SDL_VIDEODRIVER: 'dummy', MEDSKAPA_BOARD_LAYOUT: live, MEDSKAPA_NO_PHONE_SECS: String(secs) } });
  t.after(() => host.stop('SIGKILL'));
  return { host, live };
}

test('no phone within the time: the board says to check the Wi-Fi and the firewall', async (t) => {
  const { host, live } = await board(t, 1);
  const first = await layoutUntil(live, () => true, 10000);
  assert.ok(first, 'the board drew a frame');
  assert.equal(first.notice, null, 'nothing to say at the start');
  const later = await layoutUntil(live, (l) => l.notice && SENTENCE.test(l.notice.text), 10000);
  assert.ok(later, `the notice after a second without phones:\n${host.output()}`);
  assert.match(later.notice.text, /brandväggen/);
  // A phone comes after all: the notice goes.
  const c = await Client.connect(host.wsUrl, { label: 'late' });
  await c.hello({ name: 'Sara' });
  assert.ok(await layoutUntil(live, (l) => l.notice === null, 10000), 'the notice gone once a phone came');
  c.close();
});

test('a phone in time: the board never says it', async (t) => {
  const { host, live } = await board(t, 2);
  const c = await Client.connect(host.wsUrl, { label: 'early' });
  await c.hello({ name: 'Amal' });
  c.close();   // gone again: it came, so the network works
  await new Promise((r) => setTimeout(r, 3000));
  const l = await layoutUntil(live, () => true, 5000);
  assert.ok(l, 'a layout');
  assert.equal(l.notice, null, `no notice: ${JSON.stringify(l.notice)}`);
});
