// Limits and hostile input at the network edge, against the real host: the per-phone rate
// limit and flood close, the per-address and global connection caps, the Origin check, and
// clients that trickle headers or sit idle. Each asserts the documented code (docs/protocol.md).
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const net = require('node:net');
const { startHost } = require('../lib/host.js');
const { Client, PROTOCOL, freshSession, readSession, rawExchange, sleep } = require('./_client.js');

// The host's settings these tests rely on (host/main.c, host/net.c).
const RATE = 10;          // messages a second, on average
const BURST = 40;         // ... and in a burst
const FLOOD = 4 * BURST;  // drops within 10 s before the flood close
const HEADER_SECS = 10;   // whole request head within this long
const KEEPALIVE_SECS = 5; // idle HTTP keep-alive

async function hostWith(t, extra = []) {
  const { session, template } = freshSession();
  const host = await startHost(['--session', session, '--template', template, ...extra]);
  t.after(() => host.stop('SIGKILL'));
  return { host, session };
}

// A WebSocket from a given loopback address (all of 127/8 is this machine on Linux).
function from(host, address, label, extra = {}) {
  return Client.connect(host.wsUrl, { label, ws: { localAddress: address, ...extra } });
}

const isRateLimited = (m) => m.type === 'error' && m.code === 'rate_limited';

test('rate limit: a burst passes, the rest get rate_limited and are not applied; the phone stays and recovers', async (t) => {
  const { host, session } = await hostWith(t);
  const watcher = await Client.connect(host.wsUrl, { label: 'watcher' });
  await watcher.hello({});
  const c = await Client.connect(host.wsUrl, { label: 'eager' });
  await c.hello({});   // one message of the burst

  const N = 60;
  for (let i = 0; i < N; i++) c.send({ type: 'idea.post', cid: `r${i}`, text: `Idé ${i}` });
  // Every message gets one answer: an ack from the session, or the network's rate_limited.
  await c.until((ms) => ms.filter((m) => m.type === 'ack' || isRateLimited(m)).length >= N, `${N} answers`);
  const acks = c.all('ack');
  const limited = c.msgs.filter(isRateLimited);
  assert.equal(acks.length + limited.length, N);
  // The burst less the hello, plus what trickled back in while the frames were arriving.
  assert.ok(acks.length >= BURST - 1 && acks.length <= BURST + 5, `${acks.length} passed`);
  assert.ok(limited.length >= N - BURST - 5, `${limited.length} limited`);
  assert.deepEqual(acks.map((m) => m.cid), acks.map((_, i) => `r${i}`), 'the first ones pass, in order');
  const e = limited[0];
  assert.deepEqual(Object.keys(e).sort(), ['code', 'message', 'type']);
  assert.equal(e.message, `Too many messages: wait a moment (at most ${RATE} per second).`);
  assert.equal(c.closeInfo, null, 'a burst over the limit does not close the phone');

  // The others see only what passed.
  await watcher.until((ms) => ms.filter((m) => m.type === 'idea.added').length >= acks.length, 'the ideas');
  await sleep(200);
  assert.equal(watcher.all('idea.added').length, acks.length);

  // A moment later it may send again.
  await sleep(1000 / RATE * 2);
  c.pos = c.msgs.length;
  c.send({ type: 'idea.post', cid: 'later', text: 'Lite senare' });
  const answer = await c.next((m) => m.type === 'ack' || m.type === 'error', 'an answer');
  assert.equal(answer.type, 'ack', JSON.stringify(answer));
  assert.equal(answer.cid, 'later');

  c.close();
  watcher.close();
  assert.equal((await host.stop('SIGTERM')).code, 0, host.output());
  assert.equal(readSession(session).ideas.length, acks.length + 1);
});

test('a flood: rate_limited errors, then the connection is closed with 1008 "too many messages"', async (t) => {
  const { host, session } = await hostWith(t);
  const other = await Client.connect(host.wsUrl, { label: 'other' });
  await other.hello({});
  const f = await Client.connect(host.wsUrl, { label: 'flood' });
  await f.hello({});

  for (let i = 0; i < 1000; i++) f.send({ type: 'idea.post', cid: `f${i}`, text: `Flod ${i}` });
  const closed = await f.waitClosed(10000);
  assert.equal(closed.code, 1008);
  assert.equal(closed.reason, 'too many messages');
  // Every drop up to the threshold was answered, and the close came after them.
  assert.equal(f.msgs.filter(isRateLimited).length, FLOOD);
  const passed = f.all('ack').length;
  assert.ok(passed <= BURST + 5, `${passed} passed`);

  // The other phone was not disturbed.
  other.send({ type: 'idea.post', cid: 'o', text: 'Jag är kvar' });
  assert.equal((await other.next('ack')).cid, 'o');
  other.close();
  assert.equal((await host.stop('SIGTERM')).code, 0, host.output());
  const ideas = readSession(session).ideas;
  assert.ok(ideas.length <= BURST + 6, `${ideas.length} ideas saved`);
  assert.equal(ideas.filter((i) => i.text === 'Jag är kvar').length, 1);
});

test('per-address cap: the next connection from that address is closed with 1013; other addresses are served', async (t) => {
  const { host } = await hostWith(t, ['--max-phones', '5', '--max-per-address', '3']);
  const a = [];
  for (let i = 0; i < 3; i++) {
    a.push(await from(host, '127.0.0.1', `a${i}`));
    await a[i].hello({});
  }
  const fourth = await from(host, '127.0.0.1', 'a3');
  fourth.send({ type: 'hello', proto: 1 });
  const closed = await fourth.waitClosed();
  assert.equal(closed.code, 1013);
  assert.equal(closed.reason, 'too many connections from your address');
  assert.equal(fourth.all('welcome').length, 0, 'the refused one did not join');

  const b = await from(host, '127.0.0.2', 'b0');
  assert.ok((await b.hello({})).you.id > 0, 'another address is served');

  // When one from the first address leaves, that address may connect again.
  a[0].close();
  await a[0].waitClosed();
  let again;
  for (let i = 0; i < 20 && !again; i++) {
    const c = await from(host, '127.0.0.1', `again${i}`);
    // welcomed or closed, whichever the host says (not "not closed within 300 ms": a loaded host
    // may take longer to close a refused one)
    const r = await c.hello({}).then(() => null, () => c.closeInfo);
    assert.ok(r || c.all('welcome').length, `${c.label}: neither welcomed nor closed`);
    if (r) { assert.equal(r.code, 1013); await sleep(100); } else again = c;
  }
  assert.ok(again, 'a free place is given to the same address');
  assert.ok(again.all('welcome')[0].you.id > 0);
  for (const c of [...a, b, again]) c.close();
  assert.equal((await host.stop('SIGTERM')).code, 0, host.output());
});

test('global maximum: --max-phones 5 closes the sixth with 1013 "host full", and frees the place when one leaves', async (t) => {
  const { host } = await hostWith(t, ['--max-phones', '5', '--max-per-address', '3']);
  const addrs = ['127.0.0.2', '127.0.0.2', '127.0.0.3', '127.0.0.3', '127.0.0.4'];
  const open = [];
  for (const [i, ad] of addrs.entries()) {
    open.push(await from(host, ad, `p${i}`));
    await open[i].hello({});
  }
  const sixth = await from(host, '127.0.0.5', 'sixth');
  sixth.send({ type: 'hello', proto: 1 });
  const closed = await sixth.waitClosed();
  assert.equal(closed.code, 1013);
  assert.equal(closed.reason, 'host full');
  assert.equal(sixth.all('welcome').length, 0);
  for (const c of open) assert.equal(c.closeInfo, null, `${c.label} stays`);

  open[4].close();
  await open[4].waitClosed();
  let next;
  for (let i = 0; i < 20 && !next; i++) {
    const c = await from(host, '127.0.0.5', `next${i}`);
    // welcomed or closed, whichever the host says (not "not closed within 300 ms": a loaded host
    // may take longer to close a refused one)
    const r = await c.hello({}).then(() => null, () => c.closeInfo);
    assert.ok(r || c.all('welcome').length, `${c.label}: neither welcomed nor closed`);
    if (r) { assert.equal(r.reason, 'host full'); await sleep(100); } else next = c;
  }
  assert.ok(next, 'the freed place is given out');
  assert.ok(next.all('welcome')[0].you.id > 0);
  for (const c of [...open, next]) c.close();
  assert.equal((await host.stop('SIGTERM')).code, 0, host.output());
});

// The handshake as a browser would send it, with the Origin and Host given.
function handshake(port, { origin, hostHeader }) {
  return rawExchange(port,
    `GET /ws HTTP/1.1\r\nHost: ${hostHeader}\r\n` + (origin === undefined ? '' : `Origin: ${origin}\r\n`) +
    'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n' +
    `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${PROTOCOL}\r\n\r\n`, 500);
}

test('Origin: another site is refused with 403 before the upgrade; same origin and no Origin are served', async (t) => {
  const { host } = await hostWith(t);
  const p = host.port;
  const self = `http://127.0.0.1:${p}`;

  const same = await Client.connect(host.wsUrl, { label: 'same origin', ws: { origin: self } });
  assert.ok((await same.hello({})).you.id > 0);
  const none = await Client.connect(host.wsUrl, { label: 'no origin' });
  assert.ok((await none.hello({})).you.id > 0);

  for (const origin of ['http://evil.example', `http://evil.example:${p}`, 'http://127.0.0.1',
    `http://127.0.0.1:${p + 1}`, `http://127.0.0.2:${p}`, 'null', `file://127.0.0.1:${p}`,
    `ws://127.0.0.1:${p}`, `http://127.0.0.1:${p}.evil.example`, `http://127.0.0.1:${p}@evil.example`,
    `http://127.0.0.1:${p}/`, `http://127.0.0.1:0${p}x`]) {
    await assert.rejects(Client.connect(host.wsUrl, { label: `origin ${origin}`, ws: { origin } }),
      /HTTP 403 instead of a WebSocket/, `Origin: ${origin}`);
  }

  // The same rules at the byte level: the Host names this host as a browser sees it.
  const cases = [
    [{ origin: 'http://medskapa.local', hostHeader: 'medskapa.local' }, true],
    [{ origin: 'http://MEDSKAPA.local', hostHeader: 'medskapa.local:80' }, true],
    [{ origin: 'http://medskapa.local:80', hostHeader: 'medskapa.local' }, true],
    [{ origin: 'https://medskapa.local', hostHeader: 'medskapa.local' }, true],   // TLS proxy in front
    [{ origin: `http://[::1]:${p}`, hostHeader: `[::1]:${p}` }, true],
    [{ origin: undefined, hostHeader: 'anything' }, true],
    [{ origin: 'http://medskapa.local', hostHeader: 'medskapa.local:8080' }, false],
    [{ origin: 'https://medskapa.local', hostHeader: 'medskapa.local:80' }, false],
    [{ origin: `http://[::1]:${p}`, hostHeader: `[::2]:${p}` }, false],
    [{ origin: 'http://a.example, http://medskapa.local', hostHeader: 'medskapa.local' }, false],
  ];
  for (const [h, ok] of cases) {
    const r = await handshake(p, h);
    const status = r.data.split('\r\n')[0];
    if (ok) assert.match(status, /^HTTP\/1\.1 101 /, `${JSON.stringify(h)} -> ${status}`);
    else assert.match(status, /^HTTP\/1\.[01] 403 /, `${JSON.stringify(h)} -> ${status}`);
  }
  same.close();
  none.close();
  assert.equal((await host.stop('SIGTERM')).code, 0, host.output());
});

// Open a TCP connection and send text one byte a second; resolves with how long until the
// host closed it and what it sent, or { secs: Infinity } after limitSecs.
function trickle(port, text, limitSecs) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    let got = '';
    let i = 0;
    let iv;
    const s = net.connect(port, '127.0.0.1', () => {
      iv = setInterval(() => { if (i < text.length && !s.destroyed) s.write(text[i++]); }, 1000);
    });
    const stop = setTimeout(() => { s.destroy(); resolve({ secs: Infinity, got, sent: i }); }, limitSecs * 1000);
    s.on('data', (d) => { got += d; });
    s.on('error', () => {});
    s.on('close', () => {
      clearInterval(iv);
      clearTimeout(stop);
      resolve({ secs: (Date.now() - t0) / 1000, got, sent: i });
    });
  });
}

// A keep-alive GET, then silence; resolves with the seconds from the response to the close.
function keepAliveIdle(port, limitSecs) {
  return new Promise((resolve) => {
    let got = '';
    let answered = 0;
    const s = net.connect(port, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n'));
    const stop = setTimeout(() => { s.destroy(); resolve({ secs: Infinity, got }); }, limitSecs * 1000);
    s.on('data', (d) => { got += d; if (!answered) answered = Date.now(); });
    s.on('error', () => {});
    s.on('close', () => { clearTimeout(stop); resolve({ secs: answered ? (Date.now() - answered) / 1000 : -1, got }); });
  });
}

test('slow headers, silent connections and idle keep-alive are dropped within seconds', async (t) => {
  const { host } = await hostWith(t);
  const p = host.port;
  const limit = HEADER_SECS + 8;
  const pad = 'x'.repeat(200);   // never finished at one byte a second
  const [slowGet, slowWs, silent, idle] = await Promise.all([
    trickle(p, `GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Pad: ${pad}\r\n\r\n`, limit),
    trickle(p, 'GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
      `Sec-WebSocket-Protocol: ${PROTOCOL}\r\nX-Pad: ${pad}\r\n\r\n`, limit),
    trickle(p, '', limit),
    keepAliveIdle(p, limit),
  ]);
  for (const [what, r] of [['slow GET', slowGet], ['slow handshake', slowWs], ['silent', silent]]) {
    assert.ok(r.secs >= HEADER_SECS - 1 && r.secs <= HEADER_SECS + 5,
      `${what}: dropped after ${r.secs} s (${r.sent} bytes sent)`);
    assert.equal(r.got, '', `${what}: got no answer`);
  }
  assert.match(idle.got, /^HTTP\/1\.1 200 /);
  assert.ok(idle.secs >= KEEPALIVE_SECS - 1 && idle.secs <= KEEPALIVE_SECS + 4,
    `idle keep-alive closed ${idle.secs} s after the response`);

  // The host kept serving meanwhile.
  const c = await Client.connect(host.wsUrl);
  assert.ok((await c.hello({})).you.id > 0);
  c.close();
  assert.equal((await host.stop('SIGTERM')).code, 0, host.output());
});
