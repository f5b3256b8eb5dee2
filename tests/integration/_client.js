// Helpers for the integration tests: a WebSocket client that keeps every message it gets and
// lets a test wait for the next one of a kind, plus small HTTP and session-file helpers.
'use strict';
const assert = require('node:assert/strict');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const path = require('node:path');
const { after } = require('node:test');
const WebSocket = require('ws');
const { tmpdir } = require('../lib/host.js');

const PROTOCOL = 'medskapa.v1';
const WAIT_MS = 5000;

// Every client a test file opened is ended when the file's tests are done: a test that killed
// its host does not wait for the host's side to close (under wine a killed program's sockets
// can stay open in wineserver), and the file's process exits.
const opened = new Set();
after(() => { for (const ws of opened) ws.terminate(); });

class Client {
  constructor(ws, label) {
    this.ws = ws;
    this.label = label;
    this.msgs = [];     // every message received, parsed (or {raw} if not JSON)
    this.pos = 0;       // next() looks from here on
    this.listeners = new Set();
    this.closeInfo = null;
    this.closed = new Promise((resolve) => {
      ws.on('close', (code, reason) => {
        this.closeInfo = { code, reason: reason.toString() };
        resolve(this.closeInfo);
        for (const l of this.listeners) l();
      });
    });
    ws.on('message', (data, isBinary) => {
      let m;
      try { m = JSON.parse(data.toString()); } catch { m = { raw: data.toString(), isBinary }; }
      this.msgs.push(m);
      for (const l of this.listeners) l();
    });
    ws.on('error', () => {});   // a refused or closed socket is reported through `closed`
  }

  // Open a WebSocket; resolves when open, rejects if the server refuses it. `ws` holds extra
  // options for the ws client, e.g. { origin, localAddress, headers }.
  static connect(url, { protocol = PROTOCOL, label = 'client', timeout = WAIT_MS, ws: wsOptions } = {}) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocol ? [protocol] : [], wsOptions);
      opened.add(ws);
      ws.once('close', () => opened.delete(ws));
      const c = new Client(ws, label);
      const t = setTimeout(() => { ws.terminate(); reject(new Error(`${label}: no open in ${timeout} ms`)); }, timeout);
      ws.once('open', () => { clearTimeout(t); resolve(c); });
      ws.once('error', (e) => { clearTimeout(t); reject(e); });
      ws.once('unexpected-response', (req, res) => {
        clearTimeout(t);
        reject(new Error(`${label}: HTTP ${res.statusCode} instead of a WebSocket`));
        req.destroy();
      });
    });
  }

  send(x) {
    this.ws.send(typeof x === 'string' || Buffer.isBuffer(x) ? x : JSON.stringify(x));
  }

  // The next message (after those already taken) for which pred is true; the ones before it
  // are passed over. Fails with everything received so far if none comes in time.
  next(pred, what = 'a matching message', timeout = WAIT_MS) {
    if (typeof pred === 'string') {
      const type = pred;
      what = `a "${type}" message`;
      pred = (m) => m.type === type;
    }
    return new Promise((resolve, reject) => {
      const check = () => {
        for (let i = this.pos; i < this.msgs.length; i++) {
          if (pred(this.msgs[i])) {
            this.pos = i + 1;
            done();
            resolve(this.msgs[i]);
            return true;
          }
        }
        if (this.closeInfo) {
          done();
          reject(new Error(`${this.label}: closed (${this.closeInfo.code} ${this.closeInfo.reason}) ` +
            `while waiting for ${what}; got ${JSON.stringify(this.msgs.slice(this.pos))}`));
          return true;
        }
        return false;
      };
      const t = setTimeout(() => {
        done();
        reject(new Error(`${this.label}: no ${what} in ${timeout} ms; got ${JSON.stringify(this.msgs.slice(this.pos))}`));
      }, timeout);
      const done = () => { clearTimeout(t); this.listeners.delete(check); };
      if (!check()) this.listeners.add(check);
    });
  }

  // Wait until cond(all messages so far) holds, wherever they came in the stream.
  until(cond, what, timeout = WAIT_MS) {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (cond(this.msgs)) { done(); resolve(); return true; }
        if (this.closeInfo) {
          done();
          reject(new Error(`${this.label}: closed while waiting for ${what}; got ${JSON.stringify(this.msgs)}`));
          return true;
        }
        return false;
      };
      const t = setTimeout(() => {
        done();
        reject(new Error(`${this.label}: no ${what} in ${timeout} ms; got ${JSON.stringify(this.msgs)}`));
      }, timeout);
      const done = () => { clearTimeout(t); this.listeners.delete(check); };
      if (!check()) this.listeners.add(check);
    });
  }

  // Send hello and wait for the welcome.
  async hello(fields = {}) {
    this.send({ type: 'hello', proto: 1, ...fields });
    return this.next('welcome');
  }

  // Wait for the close; fails if it does not come in time.
  async waitClosed(timeout = WAIT_MS) {
    let t;
    const timer = new Promise((_, reject) => {
      t = setTimeout(() => reject(new Error(`${this.label}: not closed in ${timeout} ms`)), timeout);
    });
    try { return await Promise.race([this.closed, timer]); } finally { clearTimeout(t); }
  }

  all(type) { return this.msgs.filter((m) => m.type === type); }

  close() { if (this.ws.readyState <= WebSocket.OPEN) this.ws.close(1000); }
}

// A fresh folder with an agenda template of one ideas activity; returns paths.
function freshSession(prefix = 'medskapa-it-') {
  const dir = tmpdir(prefix);
  const template = path.join(dir, 'template.json');
  fs.writeFileSync(template, JSON.stringify({
    format: 'medskapa-template', version: 1, title: 'Rådrum: läxhjälp', lang: 'sv',
    activities: [{ kind: 'ideas', title: 'Idéer', prompt: 'Hur kan fler få hjälp med läxorna?' }],
  }));
  return { dir, template, session: path.join(dir, 'session.json') };
}

function readSession(file) {
  assert.ok(fs.existsSync(file), `session file ${file} exists`);
  const text = fs.readFileSync(file, 'utf8');
  let s;
  assert.doesNotThrow(() => { s = JSON.parse(text); }, `session file is valid JSON:\n${text.slice(0, 500)}`);
  assert.equal(s.format, 'medskapa-session');
  assert.ok(Array.isArray(s.ideas), 'session has an ideas list');
  return s;
}

// GET with the path sent exactly as given (no URL normalisation).
function get(port, rawPath, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: rawPath, method: 'GET', headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    req.setTimeout(WAIT_MS, () => req.destroy(new Error(`GET ${rawPath}: timeout`)));
    req.end();
  });
}

// Send raw bytes on a TCP connection; resolves with what came back when the server closes,
// or after ms with what came so far.
function rawExchange(port, text, ms = 1500) {
  return new Promise((resolve, reject) => {
    let out = '';
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    const t = setTimeout(() => { s.destroy(); resolve({ data: out, closedByServer: false }); }, ms);
    s.on('data', (d) => { out += d; });
    s.on('close', () => { clearTimeout(t); resolve({ data: out, closedByServer: true }); });
    s.on('error', (e) => { clearTimeout(t); if (out || e.code === 'ECONNRESET') resolve({ data: out, closedByServer: true }); else reject(e); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { Client, PROTOCOL, freshSession, readSession, get, rawExchange, sleep };
