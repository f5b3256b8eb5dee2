// What the browser tests share: how to launch Debian's chromium headless, a phone's viewport,
// and a WebSocket peer that says hello and then sends requests and waits for their answers.
'use strict';
const assert = require('node:assert/strict');
const WebSocket = require('ws');

const LAUNCH = {
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
};
const PHONE = {
  viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2,
  locale: 'sv-SE', timezoneId: 'Europe/Stockholm',
};
const WAIT = 20000; // a deadline with room on a loaded machine, never a sleep

// A WebSocket peer that says hello. Resolves with { ws, next, ask, welcome }, or rejects with
// the host's error (its code in e.code). next(pred) waits for a message; ask(o) sends o with a
// fresh cid and waits for its ack (an error fails the test with the host's words).
function peer(url, hello) {
  const ws = new WebSocket(url, 'medskapa.v1');
  const inbox = [], waiters = [];
  let n = 0;
  ws.on('message', (d) => { inbox.push(JSON.parse(d)); waiters.splice(0).forEach((w) => w()); });
  const next = (pred) => new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error('no such message: ' + JSON.stringify(inbox.slice(-5)))), WAIT);
    const check = () => {
      const m = inbox.find(pred);
      if (m) { clearTimeout(timer); res(m); } else waiters.push(check);
    };
    check();
  });
  const ask = async (o) => {
    const cid = 'm' + (++n);
    ws.send(JSON.stringify(Object.assign({ cid }, o)));
    const m = await next((x) => x.cid === cid && (x.type === 'ack' || x.type === 'error'));
    assert.equal(m.type, 'ack', `${o.type}: ${JSON.stringify(m)}`);
    return m;
  };
  return new Promise((res, rej) => {
    ws.on('error', rej);
    ws.on('open', async () => {
      ws.send(JSON.stringify(Object.assign({ type: 'hello', proto: 1 }, hello)));
      try {
        const m = await next((x) => x.type === 'welcome' || x.type === 'error');
        if (m.type === 'error') { ws.close(); rej(Object.assign(new Error(m.code), { code: m.code })); } else res({ ws, next, ask, welcome: m });
      } catch (e) { rej(e); }
    });
  });
}

module.exports = { LAUNCH, PHONE, WAIT, peer };
