// docs/protocol.md lists every close code and every error code the host sends, with when; this
// test holds those lists against the host's source, both ways: a code the host can send that the
// document does not name fails, and so does a documented code the host never sends.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const read = (f) => fs.readFileSync(path.join(ROOT, f), 'utf8');
const host = fs.readdirSync(path.join(ROOT, 'host')).filter((f) => f.endsWith('.c'))
  .map((f) => [f, read(path.join('host', f))]);
const doc = read('docs/protocol.md');

// The rows of the markdown table that follows a line matching `header`.
function table(header) {
  const lines = doc.split('\n');
  const at = lines.findIndex((l) => header.test(l));
  assert.ok(at >= 0, `docs/protocol.md has a table headed ${header}`);
  const rows = [];
  for (let i = at + 2; i < lines.length && lines[i].startsWith('|'); i++) rows.push(lines[i]);
  return rows;
}

// Error codes in the source: the model's table, the decoder's perr() calls, and the few the
// host's edges write themselves (`code = "storage"`, the network's `"code":"rate_limited"`).
function sourceErrorCodes() {
  const codes = new Set(['internal']);   // session_err_code's answer for anything unnamed
  for (const [file, src] of host) {
    const m = /err_codes\[\]\s*=\s*\{([\s\S]*?)\};/.exec(src);
    if (m) for (const s of m[1].matchAll(/"([a-z_]+)"/g)) codes.add(s[1]);
    for (const s of src.matchAll(/\bperr\(\s*\w+,\s*"([a-z_]+)"/g)) codes.add(s[1]);
    for (const s of src.matchAll(/\bcode\s*=\s*"([a-z_]+)"/g)) codes.add(s[1]);
    for (const s of src.matchAll(/\bsimple_error\([^"]*"([a-z_]+)"/g)) codes.add(s[1]);
    for (const s of src.matchAll(/\\"code\\":\\"([a-z_]+)\\"/g)) codes.add(s[1]);
    void file;
  }
  codes.delete('ok');   // SERR_OK names success; it is never sent as an error
  return codes;
}

// Close codes in the source: every code given to net_close_with or stored as a peer's close code.
const NAMED = {
  LWS_CLOSE_STATUS_PROTOCOL_ERR: 1002, LWS_CLOSE_STATUS_UNACCEPTABLE_OPCODE: 1003,
  LWS_CLOSE_STATUS_INVALID_PAYLOAD: 1007, LWS_CLOSE_STATUS_POLICY_VIOLATION: 1008,
  LWS_CLOSE_STATUS_MESSAGE_TOO_LARGE: 1009, NET_CLOSE_TRY_AGAIN_LATER: 1013,
  WSFRAME_PROTOCOL_ERROR: 1002,
};
function sourceCloseCodes() {
  const codes = new Set();
  const net = fs.readdirSync(path.join(ROOT, 'host')).filter((f) => /^net.*\.[ch]$/.test(f)).sort()
    .map((f) => read(`host/${f}`)).join('\n') + read('host/wsframe.h');
  const uses = [...net.matchAll(/net_close_with\(\s*wsi,\s*(\w+)/g), ...net.matchAll(/close_code\s*=\s*(\w+)/g),
    ...net.matchAll(/lws_close_reason\(\s*wsi,\s*\([^)]*\)\s*(\w+)/g)];
  for (const [, name] of uses) {
    if (name === 'code') continue;   // a code passed through (net_close_peer)
    assert.ok(name in NAMED || /^\d+$/.test(name), `a close code this test does not know: ${name}`);
    codes.add(NAMED[name] || Number(name));
  }
  return codes;
}

test('every error code the host sends is in the error table of docs/protocol.md, and no other', () => {
  const documented = new Set(table(/^\| code \| when \|/).map((r) => (/^\| `([a-z_]+)`/.exec(r) || [])[1]).filter(Boolean));
  const sent = sourceErrorCodes();
  assert.ok(sent.size > 20, `found the host's codes (${[...sent]})`);
  assert.deepEqual([...sent].filter((c) => !documented.has(c)).sort(), [], 'sent but not documented');
  assert.deepEqual([...documented].filter((c) => !sent.has(c)).sort(), [], 'documented but never sent');
});

test('every close code the host sends is in the close-code table of docs/protocol.md, and no other', () => {
  const documented = new Set(table(/^\| close code \| sent when \|/).map((r) => Number((/^\| \*\*(\d{4})\*\*/.exec(r) || [])[1])).filter(Boolean));
  const sent = sourceCloseCodes();
  assert.ok(sent.has(1009) && sent.has(1002), `found the host's close codes (${[...sent]})`);
  assert.deepEqual([...sent].filter((c) => !documented.has(c)).sort(), [], 'sent but not documented');
  assert.deepEqual([...documented].filter((c) => !sent.has(c)).sort(), [], 'documented but never sent');
});

// Issue 16: every error code a phone can receive has a sentence in the phone's catalogue, in every
// language (tests/browser/i18n-files.test.js holds the languages to en.json): its own err_<code>,
// or the one the page's ERR_AS gives it (codes only a page out of step with the host can meet),
// or bad_key, which the page answers on its own.
test('every documented error code has a sentence on the phone', () => {
  const en = JSON.parse(read('participant-web/i18n/en.json'));
  const app = read('participant-web/app.js');
  const m = /var ERR_AS = (\{[\s\S]*?\});/.exec(app);
  assert.ok(m, 'app.js has var ERR_AS = {...}');
  const as = require('node:vm').runInNewContext(`(${m[1]})`);
  const documented = table(/^\| code \| when \|/).map((r) => (/^\| `([a-z_]+)`/.exec(r) || [])[1]).filter(Boolean);
  const missing = documented.filter((c) => c !== 'bad_key' && !(`err_${as[c] || c}` in en));
  assert.deepEqual(missing, []);
  assert.ok('bad_key' in en);
});
