// The phone page over HTTP on the host's one port: security headers, MIME types, no way out of
// the web folder, no dotfiles, no listings, no h2c upgrade, and WebSockets only for medskapa.v1.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { startHost, ROOT } = require('../lib/host.js');
const { Client, freshSession, get, rawExchange, sleep } = require('./_client.js');

const WEB = path.join(ROOT, 'participant-web');
const MIME = {
  '.html': /^text\/html\b/, '.js': /^(text|application)\/javascript\b/, '.css': /^text\/css\b/,
  '.svg': /^image\/svg\+xml\b/, '.png': /^image\/png\b/, '.json': /^application\/json\b/,
  '.webmanifest': /^application\/manifest\+json\b/, '.woff2': /^font\/woff2\b/,
};

let host;
before(async () => {
  const { session, template } = freshSession();
  host = await startHost(['--session', session, '--template', template]);
});
after(() => host && host.stop('SIGKILL'));

test('GET / is the phone page with a strict Content-Security-Policy and nosniff', async () => {
  const r = await get(host.port, '/');
  assert.equal(r.status, 200);
  assert.match(r.headers['content-type'], MIME['.html']);
  assert.equal(r.body, fs.readFileSync(path.join(WEB, 'index.html'), 'utf8'));
  const csp = r.headers['content-security-policy'];
  assert.ok(csp, 'has a Content-Security-Policy');
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'self'/);
  assert.match(csp, /style-src 'self'/);
  assert.match(csp, /connect-src [^;]*(ws:|'self')/);
  assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/);
  assert.equal(r.headers['x-content-type-options'], 'nosniff');
  assert.equal((await get(host.port, '/index.html')).body, r.body);
});

test('every file the page links to is served with its MIME type', async () => {
  const html = fs.readFileSync(path.join(WEB, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"#?:]+)"/g)].map((m) => m[1]);
  assert.ok(refs.length > 0, 'the page links to its files');
  const files = new Set([...refs, ...fs.readdirSync(WEB).filter((f) => !f.startsWith('.'))]);
  for (const f of files) {
    const full = path.join(WEB, f);
    if (!fs.existsSync(full) || !fs.statSync(full).isFile()) continue;
    const type = MIME[path.extname(f)];
    if (!type) continue;
    const r = await get(host.port, '/' + f.replace(/^\.?\//, ''));
    assert.equal(r.status, 200, `${f}`);
    assert.match(r.headers['content-type'], type, `${f}: ${r.headers['content-type']}`);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', f);
  }
});

test('paths that leave the web folder, dotfiles and missing files are 404', async () => {
  assert.ok(fs.existsSync(path.join(ROOT, 'Makefile')), 'the repo has a Makefile next to the web folder');
  for (const p of ['/../Makefile', '/%2e%2e/Makefile', '/%2E%2E/Makefile', '/..%2fMakefile',
    '/%2e%2e%2fMakefile', '/./../Makefile', '/i18n/../../Makefile', '/..\\Makefile',
    '/.hidden', '/.git/HEAD', '/%2egit/HEAD', '/../.git/HEAD', '/no-such-file.js']) {
    const r = await get(host.port, p);
    assert.equal(r.status, 404, `${p} -> ${r.status}`);
    assert.doesNotMatch(r.body, /\$\(BUILD\)|MEDSKAPA|ref: refs/, `${p} leaks a file`);
  }
});

test('a folder gives no listing', async () => {
  const dirs = fs.readdirSync(WEB, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.'));
  for (const d of dirs) {
    const inside = fs.readdirSync(path.join(WEB, d.name));
    for (const p of [`/${d.name}/`, `/${d.name}`]) {
      const r = await get(host.port, p);
      if (inside.includes('index.html')) continue;
      assert.equal(r.status, 404, `${p} -> ${r.status}`);
      for (const f of inside) assert.ok(!r.body.includes(f), `${p} lists ${f}`);
    }
  }
});

test('an Upgrade to h2c (or anything but websocket) gets no 101, and the host keeps serving', async () => {
  const h2c = await rawExchange(host.port,
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade, HTTP2-Settings\r\n' +
    'Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n');
  assert.doesNotMatch(h2c.data, /^HTTP\/1\.[01] 101/, `h2c answered: ${JSON.stringify(h2c.data.slice(0, 80))}`);
  assert.doesNotMatch(h2c.data, /Switching Protocols/i);

  const other = await rawExchange(host.port,
    'GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: foo\r\n\r\n');
  assert.doesNotMatch(other.data, /^HTTP\/1\.[01] 101/);

  // HTTP/2 with prior knowledge is not spoken either.
  const pri = await rawExchange(host.port, 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n');
  assert.ok(!pri.data.startsWith('\x00'), 'no HTTP/2 frames in reply to the preface');

  assert.equal((await get(host.port, '/')).status, 200);
});

test('a WebSocket naming no subprotocol, or another one, or another path, does not join', async () => {
  const url = host.wsUrl;
  const attempts = [
    ['no subprotocol', url, null],
    ['other subprotocol', url, 'chat'],
    ['old version', url, 'medskapa.v0'],
    ['other path', url.replace(/\/ws$/, '/'), 'medskapa.v1'],
    ['other path 2', url.replace(/\/ws$/, '/wsx'), 'medskapa.v1'],
  ];
  for (const [what, u, protocol] of attempts) {
    let c;
    try {
      c = await Client.connect(u, { protocol, label: what, timeout: 3000 });
    } catch (e) {
      continue;   // refused at the handshake: what we want
    }
    // If a server ever opened it, it must not serve it.
    c.send({ type: 'hello', proto: 1 });
    await sleep(300);
    assert.equal(c.all('welcome').length, 0, `${what}: joined`);
    assert.fail(`${what}: the WebSocket was opened`);
  }

  // The real one, for contrast.
  const ok = await Client.connect(url, { label: 'ok' });
  assert.equal(ok.ws.protocol, 'medskapa.v1');
  assert.ok((await ok.hello({})).you.id > 0);
  ok.close();
});

// The security headers as directives: name -> value list.
function cspDirectives(csp) {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean)
    .map((d) => { const [k, ...v] = d.split(/\s+/); return [k, v]; }));
}

test('the CSP allows scripts only from this host: no inline script, no eval, no plugins, no framing', async () => {
  for (const p of ['/', '/index.html', '/app.js', '/no-such-file.js']) {
    const r = await get(host.port, p);
    const csp = cspDirectives(r.headers['content-security-policy'] || '');
    assert.deepEqual(csp.get('script-src'), ["'self'"], `${p}: script-src`);
    assert.deepEqual(csp.get('default-src'), ["'none'"], `${p}: default-src`);
    assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${p}: frame-ancestors`);
    assert.equal(csp.get('object-src') || csp.get('default-src'), csp.get('default-src'));
    assert.equal(r.headers['x-frame-options'], 'deny', p);
    assert.equal(r.headers['x-content-type-options'], 'nosniff', p);
  }
});

test('a real dotfile in the web folder is not served, however it is spelled', async (t) => {
  const probe = path.join(WEB, '.probe');
  const secret = `secret-${process.pid}-${Date.now()}`;
  fs.writeFileSync(probe, secret);
  t.after(() => fs.rmSync(probe, { force: true }));
  for (const p of ['/.probe', '/%2eprobe', '/%2Eprobe', '/./.probe', '/i18n/../.probe', '/i18n/%2e%2e/.probe',
    '//.probe', '/.probe/', '/.probe?x=1', '/.probe#x']) {
    const r = await get(host.port, p);
    assert.equal(r.status, 404, `${p} -> ${r.status}`);
    assert.ok(!r.body.includes(secret), `${p} leaks the dotfile`);
  }
});

test('absolute paths and absolute-form requests do not reach files outside the web folder', async () => {
  for (const p of ['//etc/passwd', '/%2fetc/passwd', '/%2Fetc%2Fpasswd', '/etc/passwd', `/${ROOT}/Makefile`,
    `/${encodeURIComponent(path.join(ROOT, 'Makefile'))}`, '/\\etc\\passwd', '/%5c..%5cMakefile']) {
    const r = await get(host.port, p);
    assert.equal(r.status, 404, `${p} -> ${r.status}`);
    assert.doesNotMatch(r.body, /root:|\$\(BUILD\)/, `${p} leaks a file`);
  }
  for (const target of ['http://127.0.0.1/../Makefile', `http://127.0.0.1:${host.port}/../Makefile`, '/../../../../etc/passwd']) {
    const r = await rawExchange(host.port, `GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`, 500);
    assert.doesNotMatch(r.data, /^HTTP\/1\.[01] 200/, `${target}: ${r.data.split('\r\n')[0]}`);
    assert.doesNotMatch(r.data, /root:|\$\(BUILD\)/, `${target} leaks a file`);
  }
});

test('only GET and HEAD: other methods get 405 with Allow, and the connection closes without waiting for a body', async () => {
  const requests = [
    'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n',
    'POST /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}',
    'POST /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\n\r\nhello',
    // A body announced but never sent (a slow upload holding the connection).
    'POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\nx',
    'PUT /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n\r\nx',
    'PUT /new.js HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1\r\n\r\nx',
    'DELETE /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    'PATCH /index.html HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n',
    'OPTIONS / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n',
    // lws would make this a raw tunnel that nothing ever times out.
    'CONNECT 127.0.0.1:22 HTTP/1.1\r\nHost: 127.0.0.1:22\r\n\r\nSSH-2.0-probe\r\n',
  ];
  for (const req of requests) {
    const what = req.split('\r\n')[0];
    const t0 = Date.now();
    const r = await rawExchange(host.port, req, 3000);
    assert.match(r.data, /^HTTP\/1\.[01] 405 /, `${what}: ${r.data.split('\r\n')[0]}`);
    assert.match(r.data, /\r\nallow: GET, HEAD\r\n/i, `${what}: Allow header`);
    assert.match(r.data, /\r\ncontent-security-policy: [^\r]*script-src 'self'/i, `${what}: CSP`);
    assert.ok(r.closedByServer && Date.now() - t0 < 2000, `${what}: closed at once`);
  }
  assert.ok(!fs.existsSync(path.join(WEB, 'new.js')), 'nothing was written');
  assert.ok(fs.readFileSync(path.join(WEB, 'index.html'), 'utf8').length > 0);

  // What lws does not parse as a request (other verbs, `*`) it refuses itself (403, or just
  // closes): never served.
  for (const line of ['TRACE / HTTP/1.1', 'FOO / HTTP/1.1', 'OPTIONS * HTTP/1.1']) {
    const r = await rawExchange(host.port, `${line}\r\nHost: 127.0.0.1\r\n\r\n`, 1000);
    assert.match(r.data, /^(HTTP\/1\.[01] 4\d\d |$)/, `${line}: ${r.data.split('\r\n')[0]}`);
    assert.ok(r.closedByServer, `${line}: closed`);
  }

  // HEAD is the page's headers without its body.
  const head = await rawExchange(host.port, 'HEAD / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n', 1500);
  assert.match(head.data, /^HTTP\/1\.1 200 /);
  const size = fs.statSync(path.join(WEB, 'index.html')).size;
  assert.match(head.data, new RegExp(`\\r\\ncontent-length: ${size}\\r\\n`, 'i'));
  assert.ok(head.data.endsWith('\r\n\r\n'), 'no body after the headers');
});

// Last: everything above leaves the host clean (under ASan/UBSan a leak or report fails this).
test('after all of that the host stops cleanly', async () => {
  assert.equal((await get(host.port, '/')).status, 200);
  const exit = await host.stop('SIGTERM');
  assert.equal(exit.code, 0, host.output());
});
