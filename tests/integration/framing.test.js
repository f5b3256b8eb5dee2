// RFC 6455 framing and how refused connections end, against the real host with a raw TCP
// WebSocket client that can send what a browser never would (unmasked frames, reserved bits,
// unknown opcodes, ...), and the real `ws` client for the ordinary refusals. Every refusal must
// end in a close frame the phone can read, followed by an orderly end of the TCP stream, never
// a reset (docs/protocol.md, "Connection-level limits").
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const net = require('node:net');
const { startHost } = require('../lib/host.js');
const { Client, PROTOCOL, freshSession, sleep } = require('./_client.js');

const WAIT_MS = 8000;

async function hostWith(t, extra = []) {
  const { session, template } = freshSession();
  const host = await startHost(['--session', session, '--template', template, ...extra]);
  t.after(() => host.stop('SIGKILL'));
  return host;
}

// A frame as a client sends it. opts: fin (default true), rsv (bits 4-6), mask (default
// true), len (override the length field, for control frames that lie).
function frame(opcode, payload, opts = {}) {
  const data = Buffer.isBuffer(payload) ? payload : Buffer.from(payload || '');
  const fin = opts.fin === false ? 0 : 0x80;
  const mask = opts.mask === false ? 0 : 0x80;
  const head = [fin | (opts.rsv || 0) | opcode];
  const n = data.length;
  if (n < 126) head.push(mask | n);
  else if (n < 65536) head.push(mask | 126, n >> 8, n & 255);
  else {
    head.push(mask | 127, 0, 0, 0, 0);
    head.push((n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255);
  }
  if (!mask) return Buffer.concat([Buffer.from(head), data]);
  const key = crypto.randomBytes(4);
  const body = Buffer.from(data);
  for (let i = 0; i < body.length; i++) body[i] ^= key[i & 3];
  return Buffer.concat([Buffer.from(head), key, body]);
}

const TEXT = 0x1, BINARY = 0x2, CONT = 0x0, CLOSE = 0x8, PING = 0x9;

// A raw WebSocket connection: handshake, then frames in both directions. Records the text
// messages and the close frame the host sends, and how the TCP stream ended.
class Raw {
  static open(port) {
    return new Promise((resolve, reject) => {
      const r = new Raw();
      const key = crypto.randomBytes(16).toString('base64');
      const s = net.connect(port, '127.0.0.1', () => {
        s.write(`GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\n` +
          `Connection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
          `Sec-WebSocket-Protocol: ${PROTOCOL}\r\n\r\n`);
      });
      r.s = s;
      let head = Buffer.alloc(0);
      const t = setTimeout(() => { s.destroy(); reject(new Error('no handshake answer')); }, WAIT_MS);
      const onHead = (d) => {
        head = Buffer.concat([head, d]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) return;
        clearTimeout(t);
        s.off('data', onHead);
        const status = head.slice(0, end).toString();
        if (!/^HTTP\/1\.1 101/.test(status)) { s.destroy(); reject(new Error(`no 101: ${status}`)); return; }
        s.on('data', (more) => r.feed(more));
        r.feed(head.slice(end + 4));
        resolve(r);
      };
      s.on('data', onHead);
      s.on('error', (e) => { r.error = e.code || String(e); });
      s.on('close', () => { r.ended = true; r.wake(); });
      s.on('end', () => { r.fin = true; });
    });
  }

  constructor() {
    this.buf = Buffer.alloc(0);
    this.texts = [];
    this.close = null;     // { code, reason }
    this.error = null;     // e.g. 'ECONNRESET'
    this.fin = false;      // the host ended the stream in order (FIN)
    this.ended = false;
    this.waiters = new Set();
  }

  wake() { for (const w of this.waiters) w(); }

  feed(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.buf.length < 2) break;
      const op = this.buf[0] & 0x0f;
      let len = this.buf[1] & 0x7f, off = 2;
      if (len === 126) { if (this.buf.length < 4) break; len = this.buf.readUInt16BE(2); off = 4; }
      else if (len === 127) { if (this.buf.length < 10) break; len = Number(this.buf.readBigUInt64BE(2)); off = 10; }
      if (this.buf.length < off + len) break;
      const payload = this.buf.slice(off, off + len);
      this.buf = this.buf.slice(off + len);
      if (op === TEXT) this.texts.push(JSON.parse(payload.toString()));
      else if (op === CLOSE && !this.close) {
        this.close = { code: payload.length >= 2 ? payload.readUInt16BE(0) : 1005, reason: payload.slice(2).toString() };
      }
    }
    this.wake();
  }

  send(buf) { this.s.write(buf); }

  until(cond, what) {
    return new Promise((resolve, reject) => {
      const check = () => { if (cond()) { done(); resolve(); return true; } return false; };
      const t = setTimeout(() => { done(); reject(new Error(`no ${what} in ${WAIT_MS} ms (close ${JSON.stringify(this.close)}, error ${this.error}, texts ${JSON.stringify(this.texts)})`)); }, WAIT_MS);
      const done = () => { clearTimeout(t); this.waiters.delete(check); };
      if (!check()) this.waiters.add(check);
    });
  }

  // Wait for the host's close frame and the end of the stream, answering the close as a
  // client does.
  async closedBy() {
    await this.until(() => this.close || this.ended, 'close frame');
    if (this.close && !this.s.destroyed) this.s.end(frame(CLOSE, Buffer.from([this.close.code >> 8, this.close.code & 255])));
    await this.until(() => this.ended, 'end of the stream');
    return { code: this.close ? this.close.code : null, reason: this.close ? this.close.reason : null, error: this.error };
  }
}

const hello = JSON.stringify({ type: 'hello', proto: 1 });

test('framing: a well-formed masked hello from the raw client is welcomed (the control case)', async (t) => {
  const host = await hostWith(t);
  const r = await Raw.open(host.port);
  r.send(frame(TEXT, hello));
  await r.until(() => r.texts.some((m) => m.type === 'welcome'), 'welcome');
  // A fragmented message with a ping between its pieces is allowed (RFC 6455 5.4).
  r.send(frame(TEXT, '{"type":"idea.post",', { fin: false }));
  r.send(frame(PING, 'p'));
  r.send(frame(CONT, '"cid":"x1","text":"Läxhjälp på biblioteket"}'));
  await r.until(() => r.texts.some((m) => m.type === 'ack' && m.cid === 'x1'), 'ack');
  r.s.destroy();
});

// Each breach of RFC 6455 section 5 closes the connection with 1002 and is not acted on.
const breaches = [
  ['an unmasked frame (5.1)', () => [frame(TEXT, hello, { mask: false })], 'unmasked'],
  ['reserved bit 1 without an extension (5.2)', () => [frame(TEXT, hello, { rsv: 0x40 })], null],
  ['reserved bits 2 and 3 (5.2)', () => [frame(TEXT, hello, { rsv: 0x30 })], null],
  ['an unknown data opcode 0x3 (5.2)', () => [frame(0x3, hello)], null],
  ['an unknown control opcode 0xB (5.2)', () => [frame(0xb, '')], null],
  ['a fragmented control frame (5.5)', () => [frame(PING, 'x', { fin: false })], null],
  ['a control frame over 125 bytes (5.5)', () => [frame(PING, 'x'.repeat(126))], null],
  ['a continuation without a start (5.4)', () => [frame(CONT, hello)], null],
  ['a new message inside a fragmented one (5.4)', () => [frame(TEXT, '{"type":', { fin: false }), frame(TEXT, hello)], null],
];

for (const [what, frames, reasonPart] of breaches) {
  test(`framing: ${what} is closed with 1002, not answered, and ends without a reset`, async (t) => {
    const host = await hostWith(t);
    const r = await Raw.open(host.port);
    for (const f of frames()) r.send(f);
    const c = await r.closedBy();
    assert.equal(c.code, 1002, `close code for ${what}: ${JSON.stringify(c)}`);
    if (reasonPart) assert.match(c.reason, new RegExp(reasonPart));
    assert.equal(c.error, null, `no reset: ${c.error}`);
    assert.equal(r.texts.filter((m) => m.type === 'welcome').length, 0, 'nothing in it was acted on');
  });
}

test('framing: an unmasked frame after a good hello is refused too, and the host goes on', async (t) => {
  const host = await hostWith(t);
  const r = await Raw.open(host.port);
  r.send(frame(TEXT, hello));
  await r.until(() => r.texts.some((m) => m.type === 'welcome'), 'welcome');
  r.send(frame(TEXT, JSON.stringify({ type: 'idea.post', cid: 'u1', text: 'Omaskerad' }), { mask: false }));
  const c = await r.closedBy();
  assert.equal(c.code, 1002);
  assert.equal(r.texts.filter((m) => m.type === 'ack').length, 0, 'the idea was not taken');
  const other = await Client.connect(host.wsUrl, { label: 'after' });
  const w = await other.hello({});
  assert.equal(w.type, 'welcome');
  other.close();
});

// The ordinary refusals, with the real ws client: a close code, never "socket hang up".
test('refusals: a 3 MiB message gets close 1009 and an orderly end, not a reset', async (t) => {
  const host = await hostWith(t);
  for (let round = 0; round < 3; round++) {
    const c = await Client.connect(host.wsUrl, { label: `big ${round}` });
    await c.hello({});
    let error = null;
    c.ws.on('error', (e) => { error = e.code || e.message; });
    c.send(JSON.stringify({ type: 'idea.post', text: 'x'.repeat(3 << 20) }));
    const info = await c.waitClosed(WAIT_MS);
    assert.equal(info.code, 1009, `round ${round}: ${JSON.stringify(info)} error ${error}`);
    assert.equal(error, null, `round ${round}: no reset`);
  }
  // The same with the raw client, which shows how the stream ended.
  const r = await Raw.open(host.port);
  r.send(frame(TEXT, hello));
  await r.until(() => r.texts.some((m) => m.type === 'welcome'), 'welcome');
  r.send(frame(TEXT, JSON.stringify({ type: 'idea.post', text: 'y'.repeat(3 << 20) })));
  const c = await r.closedBy();
  assert.equal(c.code, 1009);
  assert.equal(c.error, null, 'no reset');
});

test('refusals: a full host (1013) and a flood (1008) end in a readable close, not a reset', async (t) => {
  const host = await hostWith(t, ['--max-phones', '1']);
  const first = await Client.connect(host.wsUrl, { label: 'first' });
  await first.hello({});
  // The second phone is refused while it is still sending: it must still read the 1013.
  const r = await Raw.open(host.port);
  for (let i = 0; i < 50; i++) r.send(frame(TEXT, JSON.stringify({ type: 'hello', proto: 1, pad: 'z'.repeat(4000) })));
  const c = await r.closedBy();
  assert.equal(c.code, 1013);
  assert.equal(c.error, null, 'no reset');
  first.close();
  await first.waitClosed();

  // A flood: far more messages than the rate limit lets through, sent in one go.
  let r2;
  for (let tries = 0; ; tries++) {   // the first phone's slot is free once the host saw it go
    r2 = await Raw.open(host.port);
    r2.send(frame(TEXT, hello));
    try { await r2.until(() => r2.texts.some((m) => m.type === 'welcome') || r2.close, 'welcome'); } catch (e) { if (tries > 20) throw e; }
    if (!r2.close) break;
    r2.s.destroy();
    await sleep(100);
  }
  const many = [];
  for (let i = 0; i < 400; i++) many.push(frame(TEXT, JSON.stringify({ type: 'idea.post', cid: `f${i}`, text: `Idé ${i}` })));
  r2.send(Buffer.concat(many));
  const c2 = await r2.closedBy();
  assert.equal(c2.code, 1008);
  assert.equal(c2.error, null, 'no reset');
});

// An HTTP refusal that ends the connection, while the client is still sending: the answer must
// arrive, and the stream end in order. Closing with the rest unread would reset the connection
// and destroy the answer on its way.
function refusedWhileSending(port, head, extraBytes) {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => {
      s.write(head);
      s.write(Buffer.alloc(extraBytes, 0x61));
    });
    let got = '';
    let error = null;
    let fin = false;
    s.on('data', (d) => { got += d.toString('latin1'); });
    s.on('end', () => { fin = true; s.end(); });
    s.on('error', (e) => { error = e.code || String(e); });
    s.on('close', () => resolve({ got, error, fin }));
    setTimeout(() => s.destroy(), WAIT_MS);
  });
}

test('refusals: a WebSocket from another site (403) still sending data gets its answer, not a reset', async (t) => {
  const host = await hostWith(t);
  for (let round = 0; round < 3; round++) {
    const key = crypto.randomBytes(16).toString('base64');
    const r = await refusedWhileSending(host.port,
      `GET /ws HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: http://evil.example\r\n` +
      `Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: ${key}\r\n` +
      `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${PROTOCOL}\r\n\r\n`, 256 << 10);
    assert.match(r.got, /^HTTP\/1\.[01] 403/, `round ${round}: ${JSON.stringify(r)}`);
    assert.equal(r.error, null, `round ${round}: no reset`);
    assert.equal(r.fin, true, `round ${round}: an orderly end`);
  }
});

test('refusals: a POST with a body (405) gets its answer, not a reset', async (t) => {
  const host = await hostWith(t);
  for (let round = 0; round < 3; round++) {
    const size = 256 << 10;
    const r = await refusedWhileSending(host.port,
      `POST / HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nContent-Type: text/plain\r\n` +
      `Content-Length: ${size}\r\n\r\n`, size);
    assert.match(r.got, /^HTTP\/1\.[01] 405/, `round ${round}: ${JSON.stringify(r)}`);
    assert.equal(r.error, null, `round ${round}: no reset`);
    assert.equal(r.fin, true, `round ${round}: an orderly end`);
  }
});
