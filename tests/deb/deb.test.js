// The Debian package (make deb): installed with dpkg into a clean temporary root of its own, it
// has its files where they belong, a valid desktop entry, Depends that cover what the binary
// loads (the libraries, lws's libev plugin, the board's fonts), and the installed binary runs:
// --version, a headless start that serves the phone page from usr/share/medskapa and saves the
// session under the user's ~/.local/share/medskapa/sessions, and a start with no arguments that
// opens the demo template. Builds nothing: make test-deb (or make deb) builds the package first.
//
// The host runs as the unprivileged user nobody when the test is root, as a real user would:
// root may write anywhere, so the package's own sessions/ would never be "not writable" to it.
'use strict';
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawn, spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { said } = require('../lib/host.js');

const ROOT = path.resolve(__dirname, '..', '..');
const LISTENING = said('host_listening');
const START_MS = 15000;
const VERSION = /^VERSION\s*:?=\s*(\S+)/m.exec(fs.readFileSync(path.join(ROOT, 'Makefile'), 'utf8'))[1];
const ARCH = execFileSync('dpkg', ['--print-architecture'], { encoding: 'utf8' }).trim();
const DEB = path.join(ROOT, 'build', `medskapa_${VERSION}_${ARCH}.deb`);
const DEMO = path.join(ROOT, 'sessions', 'templates', 'demo-radrum.json');

// The user the host runs as: nobody when we are root, else ourselves.
const AS_ROOT = process.getuid() === 0;
const RUN_AS = AS_ROOT ? { uid: Number(sh('id', ['-u', 'nobody'])), gid: Number(sh('id', ['-g', 'nobody'])) } : {};

let top;      // a fresh folder: root/ (the dpkg root), and homes of the runs
let inst;     // top/root: where dpkg installed the package
let share;    // inst/usr/share/medskapa
let bin;      // inst/usr/bin/medskapa

function sh(cmd, args, opts = {}) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts }).trim();
}

function have(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
}

// Package names in a Depends-like field: "a (>= 1), b:any | c" gives [a, b, c].
function relNames(field) {
  return (field || '').split(',').flatMap((alt) => alt.split('|'))
    .map((s) => s.trim().split(/[\s(:]/)[0]).filter(Boolean);
}

// Every file a directory holds, relative to it.
function filesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
  }
  return out.sort();
}

// A home folder for one run, owned by the user the host runs as; XDG_* left out of the
// environment unless given, so the default (~/.local/share) is what is tested.
function freshHome(name) {
  const home = path.join(top, name);
  fs.mkdirSync(home, { mode: 0o755 });
  if (AS_ROOT) fs.chownSync(home, RUN_AS.uid, RUN_AS.gid);
  return home;
}

function hostEnv(home, extra = {}) {
  return { PATH: process.env.PATH || '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', ...extra };
}

// Start the installed binary from an empty folder (its home folder: nothing of the repo
// around it) and wait for it to listen. Returns { proc, port, output(), exited, stop() }.
function startInstalled(args, home, env = {}) {
  const proc = spawn(bin, args, {
    cwd: home, env: hostEnv(home, env), stdio: ['ignore', 'pipe', 'pipe'], ...RUN_AS,
  });
  let out = '';
  proc.stdout.on('data', (d) => { out += d; });
  proc.stderr.on('data', (d) => { out += d; });
  const exited = new Promise((res) => proc.on('exit', (code, sig) => res({ code, sig })));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      proc.kill('SIGKILL');
      reject(new Error(`${bin} ${args.join(' ')}: not listening in ${START_MS / 1000} s:\n${out}`));
    }, START_MS);
    const onData = () => {
      const m = LISTENING.exec(out);
      if (!m) return;
      clearTimeout(timer);
      resolve({
        proc, port: Number(m.slice(1).find((g) => g !== undefined)), output: () => out, exited,
        async stop() {
          if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
          return exited;
        },
      });
    };
    proc.stdout.on('data', onData);
    proc.stderr.on('data', onData);
    proc.on('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`${bin} ${args.join(' ')} exited (${code ?? sig}) before listening:\n${out}`));
    });
  });
}

function get(port, p) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    }).on('error', reject);
  });
}

function portFree(port) {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(port, () => s.close(() => resolve(true)));
  });
}

// The session files (not journals) in a folder; [] if it does not exist.
function sessionFiles(dir) {
  return fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
}

// The package's share folder holds only what the package put there.
function assertShareUntouched() {
  assert.deepEqual(fs.readdirSync(path.join(share, 'sessions')), ['templates'],
    'nothing written into usr/share/medskapa/sessions');
}

before(() => {
  if (!fs.existsSync(DEB)) {
    const there = fs.existsSync(path.join(ROOT, 'build'))
      ? fs.readdirSync(path.join(ROOT, 'build')).filter((f) => f.endsWith('.deb')) : [];
    throw new Error(`no package ${path.relative(ROOT, DEB)} (version ${VERSION} from the Makefile): ` +
      `build it with \`make deb\` (\`make test-deb\` does it first)` +
      (there.length ? `; build/ holds only ${there.join(', ')}` : ''));
  }
  top = fs.mkdtempSync(path.join(os.tmpdir(), 'medskapa-deb-'));
  fs.chmodSync(top, 0o755);   // the host may run as nobody: it must reach the installed files
  inst = path.join(top, 'root');
  // A clean dpkg root: an empty database, nothing else.
  for (const d of ['var/lib/dpkg/info', 'var/lib/dpkg/updates']) fs.mkdirSync(path.join(inst, d), { recursive: true });
  for (const f of ['status', 'available']) fs.writeFileSync(path.join(inst, 'var/lib/dpkg', f), '');
  const r = spawnSync('dpkg', ['--force-not-root', '--force-depends', `--root=${inst}`, '--log=/dev/null',
    '-i', DEB], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dpkg -i into ${inst} failed (${r.status}):\n${r.stdout}${r.stderr}`);
  share = path.join(inst, 'usr/share/medskapa');
  bin = path.join(inst, 'usr/bin/medskapa');
  // As on a real system: the package's folders are not the user's to write in.
  sh('chmod', ['-R', 'a-w', path.join(inst, 'usr')]);
});

after(() => {
  if (!top) return;
  spawnSync('chmod', ['-R', 'u+w', top]);
  fs.rmSync(top, { recursive: true, force: true });
});

test('dpkg installs the package into a clean root: the binary and everything in usr/share/medskapa', () => {
  const status = sh('dpkg-query', [`--admindir=${inst}/var/lib/dpkg`, '-W', '-f=${Status} ${Version}', 'medskapa']);
  assert.equal(status, `install ok installed ${VERSION}`);

  const st = fs.statSync(bin);
  assert.ok(st.isFile() && (st.mode & 0o111) === 0o111, 'usr/bin/medskapa is executable by all');
  const sections = sh('objdump', ['-h', bin]);
  assert.doesNotMatch(sections, /\.debug_info|\.symtab/, 'usr/bin/medskapa is stripped');

  // participant-web and assets as in the repo, file for file; the templates; nothing else.
  for (const d of ['participant-web', 'assets']) {
    const want = filesUnder(path.join(ROOT, d));
    assert.deepEqual(filesUnder(path.join(share, d)), want, `usr/share/medskapa/${d} holds the repo's ${d}/`);
    for (const f of want) {
      assert.ok(fs.readFileSync(path.join(share, d, f)).equals(fs.readFileSync(path.join(ROOT, d, f))), `${d}/${f}`);
    }
  }
  const templates = fs.readdirSync(path.join(ROOT, 'sessions/templates')).filter((f) => f.endsWith('.json')).sort();
  assert.ok(templates.includes('demo-radrum.json'));
  assert.deepEqual(fs.readdirSync(path.join(share, 'sessions/templates')).sort(), templates);
  assert.deepEqual(fs.readdirSync(share).sort(), ['assets', 'participant-web', 'sessions']);

  assert.ok(fs.existsSync(path.join(inst, 'usr/share/applications/medskapa.desktop')), 'desktop entry');
  assert.match(fs.readFileSync(path.join(inst, 'usr/share/doc/medskapa/copyright'), 'utf8'), /Medskapa[\s\S]*fonts-noto-core/);
});

test('the desktop entry is valid and starts medskapa', () => {
  const file = path.join(inst, 'usr/share/applications/medskapa.desktop');
  assert.ok(have('desktop-file-validate'),
    'desktop-file-validate is missing: apt-get install desktop-file-utils (make test-deb installs it)');
  const r = spawnSync('desktop-file-validate', [file], { encoding: 'utf8' });
  const said_ = r.stdout + r.stderr;
  assert.equal(r.status, 0, `desktop-file-validate:\n${said_}`);
  assert.doesNotMatch(said_, /\berror:/, said_);
  const text = fs.readFileSync(file, 'utf8');
  for (const line of ['[Desktop Entry]', 'Type=Application', 'Name=Medskapa', 'Exec=medskapa', 'Terminal=false',
    'Categories=Office;Education;',
    'Comment[sv]=Håll ett medskapande möte: tavla, telefoner och sparade sessioner']) {
    assert.ok(text.split('\n').includes(line), `the entry has ${line}`);
  }
  assert.match(text, /^Comment=\S/m, 'an English Comment');
  const icon = /^Icon=(.*)$/m.exec(text);
  if (icon) assert.ok(fs.existsSync(path.join(ROOT, 'assets', path.basename(icon[1]))), `Icon ${icon[1]} is from assets/`);
});

test('Depends: lws\'s libev plugin, the board\'s font packages, and the package of every library the binary loads', () => {
  const depends = sh('dpkg-deb', ['-f', DEB, 'Depends']);
  const names = new Set(relNames(depends));
  const problems = [];   // all of them, not only the first
  const owners = (files) => {   // file -> its packages, from one dpkg -S
    const r = spawnSync('dpkg', ['-S', ...files], { encoding: 'utf8' });
    const map = new Map();
    for (const line of r.stdout.split('\n')) {   // "pkg:arch, pkg2: /path"
      const at = line.indexOf(': /');
      if (at < 0 || line.startsWith('diversion')) continue;
      map.set(line.slice(at + 2), relNames(line.slice(0, at)));
    }
    return map;
  };

  // lws loads its libev plugin with dlopen: no linker sees it, so it is named on its own.
  const libdir = sh('pkg-config', ['--variable=libdir', 'libwebsockets']);
  const plugin = path.join(libdir, 'libwebsockets-evlib_ev.so');
  const pluginPkg = owners([plugin]).get(plugin);
  assert.ok(pluginPkg, `a package owns ${plugin}`);
  if (!names.has(pluginPkg[0])) problems.push(`${pluginPkg[0]} (lws's libev plugin, ${plugin}): not in Depends`);

  // The board's fonts: the package of every absolute font file assets/fonts.txt names.
  const fontFiles = fs.readFileSync(path.join(share, 'assets/fonts.txt'), 'utf8').split('\n')
    .filter((l) => !l.startsWith('#')).map((l) => l.trim().split(/\s+/)[1]).filter((f) => f && f.startsWith('/'));
  assert.ok(fontFiles.length > 0, 'fonts.txt names font files');
  const fontOwners = owners(fontFiles);
  const fontPkgs = new Set([...fontOwners.values()].map((p) => p[0]));
  assert.ok(fontPkgs.size > 0, `a package owns one of ${fontFiles.join(', ')}`);
  for (const p of fontPkgs) if (!names.has(p)) problems.push(`${p} (fonts in fonts.txt): not in Depends`);
  assert.ok([...fontPkgs].some((p) => p.startsWith('fonts-')), 'a fonts-* package');

  // Every library ldd resolves for the installed binary belongs to a package: the ones it
  // links itself (NEEDED) to a package Depends names, the others to one that Depends pulls
  // in (the closure of Depends over the installed packages' Depends and Pre-Depends).
  const ldd = sh('ldd', [bin]);
  assert.doesNotMatch(ldd, /not found/, ldd);
  const libs = new Map();   // soname -> path
  for (const line of ldd.split('\n')) {
    const m = /^\s*(\S+)\s+=>\s+(\/\S+)/.exec(line) || /^\s*(\/\S+)\s+\(/.exec(line);
    if (m) libs.set(path.basename(m[1]), m[2] || m[1]);
  }
  assert.ok(libs.size > 5, `ldd lists the libraries:\n${ldd}`);
  // Debian 12 is merged-/usr but many packages still list /lib paths: ask for each spelling.
  const spellings = (p) => {
    const real = fs.realpathSync(p);
    return [...new Set([p, real].flatMap((q) => [q, q.startsWith('/usr/') ? q.slice(4) : `/usr${q}`]))];
  };
  const owned = owners([...libs.values()].flatMap(spellings));
  const ownerOf = (p) => spellings(p).map((q) => owned.get(q)).find(Boolean);
  const needed = sh('objdump', ['-p', bin]).split('\n').map((l) => /^\s*NEEDED\s+(\S+)/.exec(l)).filter(Boolean).map((m) => m[1]);
  assert.ok(needed.length > 5, 'objdump lists NEEDED');

  const pkgDeps = new Map(), providers = new Map();
  const db = sh('dpkg-query', ['-W', '-f=${Package}\t${Depends}, ${Pre-Depends}\t${Provides}\n']);
  for (const line of db.split('\n')) {
    const [pkg, deps, provides] = line.split('\t');
    pkgDeps.set(pkg, [...(pkgDeps.get(pkg) || []), ...relNames(deps)]);
    for (const v of relNames(provides)) providers.set(v, [...(providers.get(v) || []), pkg]);
  }
  const closure = new Set();
  const todo = [...names];
  while (todo.length) {
    const p = todo.pop();
    if (closure.has(p)) continue;
    closure.add(p);
    todo.push(...(pkgDeps.get(p) || []), ...(providers.get(p) || []));
  }
  for (const [soname, p] of libs) {
    const pkgs = ownerOf(p);
    if (!pkgs) { problems.push(`${soname} (${p}): no package owns it`); continue; }
    const direct = needed.includes(soname);
    const ok = pkgs.some((q) => (direct ? names : closure).has(q));
    if (!ok) problems.push(`${soname} (${p}, ${pkgs.join('/')}): ${direct ? 'linked directly, not in Depends' : 'not pulled in by Depends'}`);
  }
  for (const soname of needed) if (!libs.has(soname)) problems.push(`NEEDED ${soname}: ldd did not resolve it`);
  assert.deepEqual(problems, [], `Depends: ${depends}`);
});

// The host finds its files at <exe dir>/../share/medskapa (options_find_home): without them it
// cannot even read its words (participant-web/i18n) to say its version.
test('the installed binary says its version', () => {
  const home = freshHome('home-version');
  const r = spawnSync(bin, ['--version'], { cwd: home, env: hostEnv(home), encoding: 'utf8', ...RUN_AS });
  assert.equal(r.status, 0, `medskapa --version exits 0:\n${r.stdout}${r.stderr}`);
  assert.match(r.stdout, new RegExp(`^medskapa ${VERSION.replace(/\./g, '\\.')}\\b`, 'm'), r.stdout);
  assert.equal(sh('dpkg-deb', ['-f', DEB, 'Version']), VERSION, 'the package\'s Version is the Makefile\'s');
});

// Files from <exe dir>/../share/medskapa, sessions in $XDG_DATA_HOME/medskapa/sessions (default
// ~/.local/share/...): an installed host never writes into /usr.
test('headless start: serves the phone page from usr/share/medskapa, saves under ~/.local/share/medskapa/sessions', async () => {
  const home = freshHome('home-headless');
  // A mark in the installed page (and not in the repo's) shows which page is served.
  const page = path.join(share, 'participant-web/index.html');
  const mark = `<!-- installed copy ${process.pid} -->\n`;
  fs.chmodSync(page, 0o644);
  fs.appendFileSync(page, mark);
  fs.chmodSync(page, 0o444);
  const host = await startInstalled(['--headless', '--port', '0'], home);
  let exit;
  try {
    const r = await get(host.port, '/');
    assert.equal(r.status, 200, host.output());
    assert.match(r.headers['content-type'], /^text\/html\b/);
    assert.ok(r.body.endsWith(mark), 'the page is the installed copy');
    assert.equal(r.body, fs.readFileSync(page, 'utf8'));
    assert.match(r.body, /<html/i);
    assert.equal((await get(host.port, '/i18n/sv.json')).status, 200, 'the page\'s words are there too');
  } finally {
    exit = await host.stop();
  }
  assert.equal(exit.code, 0, `exits 0 on SIGTERM:\n${host.output()}`);
  const dir = path.join(home, '.local/share/medskapa/sessions');
  const files = sessionFiles(dir);
  assert.equal(files.length, 1, `one session file in ${dir}: ${JSON.stringify(files)}\n${host.output()}`);
  const s = JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8'));
  assert.equal(s.format, 'medskapa-session');
  assertShareUntouched();
});

test('XDG_DATA_HOME chooses where the sessions go', async () => {
  const home = freshHome('home-xdg');
  const data = path.join(home, 'data');
  const host = await startInstalled(['--headless', '--port', '0'], home, { XDG_DATA_HOME: data });
  const exit = await host.stop();
  assert.equal(exit.code, 0, host.output());
  assert.equal(sessionFiles(path.join(data, 'medskapa/sessions')).length, 1,
    `a session file in $XDG_DATA_HOME/medskapa/sessions:\n${host.output()}`);
  assert.equal(sessionFiles(path.join(home, '.local/share/medskapa/sessions')).length, 0, 'none in ~/.local/share');
  assertShareUntouched();
});

// No arguments at all opens sessions/templates/demo-radrum.json from
// the installed share folder. The board opens (SDL's dummy driver: no display needed) and it
// listens on the default port 8080, so that port must be free.
test('started with no arguments at all, it opens the demo template', async (t) => {
  if (!(await portFree(8080))) {
    t.skip('port 8080 is in use on this machine: the start with no arguments listens there');
    return;
  }
  const home = freshHome('home-noargs');
  const host = await startInstalled([], home, { SDL_VIDEODRIVER: 'dummy' });
  assert.equal(host.port, 8080, host.output());
  const page = await get(host.port, '/');
  assert.equal(page.status, 200);
  const exit = await host.stop();
  assert.equal(exit.code, 0, host.output());
  const dir = path.join(home, '.local/share/medskapa/sessions');
  const files = sessionFiles(dir);
  assert.equal(files.length, 1, `one session file in ${dir}:\n${host.output()}`);
  const s = JSON.parse(fs.readFileSync(path.join(dir, files[0]), 'utf8'));
  const demo = JSON.parse(fs.readFileSync(DEMO, 'utf8'));
  assert.equal(s.title, demo.title, `the demo template's meeting:\n${host.output()}`);
  assertShareUntouched();
});
