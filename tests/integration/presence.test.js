// Presence is coalesced (docs/protocol.md, `presence`): a crowd joining at once costs each
// phone a few `presence` messages, not one per join, and yet every phone ends up with the
// right number of phones, from its welcome or from the last presence after it.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { startHost } = require('../lib/host.js');
const { Client, freshSession } = require('./_client.js');

// The number of phones a client was last told: the last presence after its welcome, or the
// welcome's own count.
function lastCount(c) {
  let n = null;
  for (const m of c.msgs) {
    if (m.type === 'welcome' || m.type === 'presence') n = m.phones;
  }
  return n;
}

test('200 phones joining at once get far fewer than N^2/2 presence messages, and all end with 200', async (t) => {
  const N = 200;
  const { session, template } = freshSession();
  const host = await startHost(['--session', session, '--template', template,
    '--max-per-address', String(N + 10)]);
  t.after(() => host.stop('SIGKILL'));

  const phones = await Promise.all(Array.from({ length: N }, (_, i) =>
    Client.connect(host.wsUrl, { label: `phone${i}` })));
  // Everyone says hello at once, as a room does when the QR code goes up.
  await Promise.all(phones.map((p) => p.hello({})));
  await Promise.all(phones.map((p) => p.until(() => lastCount(p) === N, `the count ${N}`)));

  const total = phones.reduce((sum, p) => sum + p.all('presence').length, 0);
  const uncoalesced = (N * (N + 1)) / 2;   // one presence per join to every phone joined so far
  assert.ok(total < uncoalesced / 4, `${total} presence messages for ${N} joins (one per join would be ${uncoalesced})`);
  for (const p of phones) {
    assert.equal(p.all('welcome').length, 1, `${p.label}: one welcome`);
    assert.equal(p.msgs[0].type, 'welcome', `${p.label}: the welcome comes before any presence`);
  }

  // Half leave at once: the others end with the new number.
  for (const p of phones.slice(N / 2)) p.close();
  const stay = phones.slice(0, N / 2);
  await Promise.all(stay.map((p) => p.until(() => lastCount(p) === N / 2, `the count ${N / 2}`)));

  for (const p of stay) p.close();
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, host.output());
});
