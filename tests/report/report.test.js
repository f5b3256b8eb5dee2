// `medskapa report`: the real binary on fixture sessions, compared byte for byte with the
// golden files, plus checks that hold whatever the layout: the CSV parsed back (RFC 4180) matches
// the session, the HTML is self-contained and escapes untrusted text, --anonymise leaves names
// out, damaged files and bad options give the documented errors and exit codes.
//   node --test tests/report/                     (binary: build/medskapa, or env MEDSKAPA_BIN)
//   UPDATE_GOLDEN=1 node --test tests/report/     rewrites tests/report/golden/ (look at the diff!)
// Times depend on the zone: the child runs with TZ=Europe/Stockholm.
'use strict';
const { describe, it } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const FIXTURES = 'tests/report/fixtures';
const GOLDEN = path.join(__dirname, 'golden');
const OUT = path.join(ROOT, 'tests', 'out', 'report');
const UPDATE = !!process.env.UPDATE_GOLDEN;
const ENV = { ...process.env, TZ: 'Europe/Stockholm' };

// The sessions (the other files in fixtures/ are there for the overview and the error tests).
const SESSIONS = [
  '2026-11-23-1800-radrum-vagen-in-i-foreningslivet.json',   // the full meeting
  '2027-02-08-1830-radrum-bostad-sprak-och-arbete.json',       // silent ideas, a multi poll
  '2026-09-14-1800-radrum-fritid-for-alla-v1.json',            // format version 1
];
const MAIN = SESSIONS[0];
const FORMATS = ['html', 'md', 'csv'];

function report(args) {
  const r = spawnSync(BIN, ['report', ...args], { cwd: ROOT, env: ENV, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr.toString() };
}

function ok(args) {
  const r = report(args);
  assert.equal(r.code, 0, `medskapa report ${args.join(' ')} exited ${r.code} ${r.signal || ''}:\n${r.err}`);
  assert.equal(r.err, '', 'nothing on stderr');
  return r.out;
}

const load = (name) => JSON.parse(fs.readFileSync(path.join(ROOT, FIXTURES, name), 'utf8'));
const goldenName = (session, fmt, anon) => session.replace(/\.json$/, '') + (anon ? '.anon' : '') + '.' + fmt;

// Compare with the golden file, or write it with UPDATE_GOLDEN=1. On a difference the actual
// output goes to tests/out/report/ and the message shows the first differing line.
function golden(name, actual) {
  const file = path.join(GOLDEN, name);
  if (UPDATE) {
    fs.mkdirSync(GOLDEN, { recursive: true });
    fs.writeFileSync(file, actual);
    return;
  }
  assert.ok(fs.existsSync(file), `no golden file ${name}: run with UPDATE_GOLDEN=1 and review it`);
  const want = fs.readFileSync(file);
  if (want.equals(actual)) return;
  fs.mkdirSync(OUT, { recursive: true });
  fs.writeFileSync(path.join(OUT, name), actual);
  const a = actual.toString().split('\n');
  const w = want.toString().split('\n');
  let i = 0;
  while (i < a.length && i < w.length && a[i] === w[i]) i++;
  assert.fail(`${name} differs from the golden file at line ${i + 1}:\n  want: ${w[i]}\n  got:  ${a[i]}\n` +
    `(actual output in ${path.relative(ROOT, path.join(OUT, name))})`);
}

// RFC 4180, strictly: records end in CRLF (also the last), fields are separated by commas, a
// quoted field may hold commas, quotes (doubled) and line breaks; a quote elsewhere is an error.
function parseCsv(buf, sep = ',') {
  let text = buf.toString('utf8');
  assert.ok(text.startsWith('\uFEFF'), 'starts with the UTF-8 BOM');
  text = text.slice(1);
  const rows = [];
  let row = [];
  let field = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '"') {
      assert.equal(field, '', `a quote inside an unquoted field, record ${rows.length + 1}`);
      i++;
      for (;;) {
        assert.ok(i < text.length, 'unterminated quoted field');
        if (text[i] === '"') {
          if (text[i + 1] === '"') { field += '"'; i += 2; continue; }
          i++;
          break;
        }
        field += text[i++];
      }
      assert.ok(text[i] === sep || text[i] === '\r', `after a closing quote comes the separator or CRLF, record ${rows.length + 1}`);
      continue;
    }
    if (ch === sep) { row.push(field); field = ''; i++; continue; }
    if (ch === '\r') {
      assert.equal(text[i + 1], '\n', 'CR without LF');
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 2;
      continue;
    }
    assert.notEqual(ch, '\n', `a bare LF outside quotes, record ${rows.length + 1}`);
    field += ch;
    i++;
  }
  assert.equal(row.length + field.length, 0, 'the last record ends in CRLF');
  return rows;
}

const LANG = { sv: 'svenska', ar: 'arabiska', fa: 'persiska', ti: 'tigrinska', so: 'somaliska', '': '' };
const stockholm = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Europe/Stockholm', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit',
});
const localStamp = (iso) => stockholm.format(new Date(iso)).replace('T', ' ');
const localClock = (iso) => localStamp(iso).slice(11, 16);
// User text as the plain-text formats write it: bidi controls removed, each line in FSI ... PDI.
const bidiClean = (s) => s.replace(/[\u202A-\u202E\u2066-\u2069]/g, '').replace(/[\u2029\u0085\u001C-\u001E]/g, '\n');
const iso = (s) => bidiClean(s).replace(/[^\r\n]+/g, (line) => '\u2068' + line + '\u2069');
const excelText = (s) => (/^[=+\-@\t]/.test(bidiClean(s)) ? "'" : '') + iso(s);
const htmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');

// The dots an idea got: every vote on its activity's ideas (not on groups).
function dotsOf(session, idea) {
  let n = 0;
  for (const v of session.votes || []) {
    const a = session.activities.find((x) => x.id === v.activity);
    if (v.item === idea.id && a && a.kind === 'vote' && !a.on_groups && a.source === idea.activity) n += v.dots;
  }
  return n;
}

// Every name a participant gave, in the forms the three formats write it.
function nameForms(session) {
  const names = session.participants.map((p) => p.name).filter((n) => n && n.length >= 2);
  return names.flatMap((n) => [n, htmlEscape(n), n.replace(/[\\`*_[\]<>|#~]/g, (c) => '\\' + c)]);
}

describe('golden files', () => {
  for (const name of SESSIONS) {
    for (const fmt of FORMATS) {
      it(`${fmt} of ${name}`, () => {
        golden(goldenName(name, fmt, false), ok([`${FIXTURES}/${name}`, '--format', fmt]));
      });
    }
  }
  for (const fmt of FORMATS) {
    it(`${fmt} of ${MAIN}, anonymised`, () => {
      golden(goldenName(MAIN, fmt, true), ok([`${FIXTURES}/${MAIN}`, '--format', fmt, '--anonymise']));
    });
  }
  it('overview of the fixtures folder', () => {
    const r = report(['--overview', FIXTURES]);
    assert.equal(r.code, 0, r.err);
    golden('overview.html', r.out);
  });
  it(`html of ${MAIN} in English`, () => {
    golden(goldenName(MAIN, 'html', false).replace(/\.html$/, '.en.html'), ok([`${FIXTURES}/${MAIN}`, '--lang', 'en']));
  });
});

// --lang: the report in each of the catalogue's languages, with no Swedish label left and no key name.
describe('--lang', () => {
  const LANGS = ['sv', 'en', 'ar', 'fa', 'ti', 'so', 'uk'];
  // Swedish words of the report's own (not in the fixture's titles, ideas or names).
  const SWEDISH = ['Dagordning', 'Deltagande', 'Tidslinje', 'Moderering', 'Prickröstning', 'Snabbfråga',
    'Resultat i korthet', 'prickar', 'röstade', 'svarade', 'Mötesledare', 'mötesledaren', 'Medelvärde',
    'Skapad med', 'Bilaga', 'Datum', 'Kategorier', 'lokal tid', 'november', 'Ursprunglig text', 'låst'];
  for (const lang of LANGS) {
    for (const fmt of FORMATS) {
      it(`${lang}, ${fmt}: no raw key${lang === 'sv' ? '' : ', no Swedish label'}`, () => {
        const out = ok([`${FIXTURES}/${MAIN}`, '--format', fmt, '--lang', lang]).toString();
        assert.ok(!out.includes('report_'), 'a key name in the report');
        if (lang !== 'sv') for (const w of SWEDISH) assert.ok(!out.includes(w), `"${w}" in the ${lang} report`);
        if (fmt !== 'html') return;
        const root = /<html [^>]*>/.exec(out)[0];
        assert.ok(root.includes(`lang="${lang}"`), root);
        assert.equal(root.includes('dir="rtl"'), lang === 'ar' || lang === 'fa', root);
      });
    }
  }
  it('the overview in Arabic is right to left and has no key name', () => {
    const r = report(['--overview', FIXTURES, '--lang', 'ar']);
    assert.equal(r.code, 0, r.err);
    const out = r.out.toString();
    assert.match(out, /<html lang="ar" dir="rtl">/);
    assert.ok(!out.includes('report_'));
  });
  // The Markdown writer puts the catalogue's sentences as they are: none may hold what Markdown
  // reads as markup (inline anywhere, a block marker at the start), with its {holes} filled.
  it("no catalogue string the report uses holds Markdown's specials", () => {
    const used = ['facilitator', 'f_kind_ideas', 'kind_vote', 'kind_poll'];
    for (const lang of LANGS) {
      const host = JSON.parse(fs.readFileSync(path.join(ROOT, 'assets', 'i18n', `${lang}.json`), 'utf8'));
      const web = JSON.parse(fs.readFileSync(path.join(ROOT, 'participant-web', 'i18n', `${lang}.json`), 'utf8'));
      const strings = Object.entries(host).filter(([k]) => k.startsWith('report_')).concat(used.map((k) => [k, web[k]]));
      for (const [k, v] of strings) {
        const filled = v.replace(/\{\w+\}/g, '1');
        assert.doesNotMatch(filled, /[\\`*_[\]<>|#~]|&[#A-Za-z0-9]/, `${lang}.${k}: ${v}`);
        assert.doesNotMatch(filled, /^([-+=>#*_`~|]|\d+[.)])/, `${lang}.${k} starts like a Markdown block: ${v}`);
      }
    }
  });
  it('an unknown language: the languages named, exit 2, nothing written', () => {
    const out = path.join(os.tmpdir(), `medskapa-lang-${process.pid}.html`);
    fs.rmSync(out, { force: true });
    const r = report([`${FIXTURES}/${MAIN}`, '--lang', 'xx', '-o', out]);
    assert.equal(r.code, 2);
    assert.match(r.err, /okänt språk "xx" \(ett av sv, en, ar, fa, ti, so, uk\)/);   // in Swedish: no words for xx
    assert.equal(r.out.length, 0);
    assert.ok(!fs.existsSync(out), 'no file written');
  });
});

describe('CSV', () => {
  for (const name of SESSIONS) {
    it(`parsed back, matches ${name}: every idea with its dots`, () => {
      const session = load(name);
      const rows = parseCsv(ok([`${FIXTURES}/${name}`, '--format', 'csv']));
      const head = rows.shift();
      assert.deepEqual(head, ['Nr', 'Aktivitet', 'Grupp', 'Idé', 'Prickar', 'Dold', 'Dold tid', 'Språk', 'Tid',
        'Tid (UTC)', 'Kategori', 'Sammanslagen i nr', 'Ändrad', 'Av mötesledaren', 'Namn']);
      const col = Object.fromEntries(head.map((h, i) => [h, i]));
      assert.equal(rows.length, session.ideas.length, 'one row per idea');
      let totalDots = 0;
      for (const [k, idea] of session.ideas.entries()) {
        const r = rows[k];
        const act = session.activities.find((a) => a.id === idea.activity);
        const group = (session.groups || []).find((g) => g.id === idea.group);
        const author = session.participants.find((p) => p.id === idea.author);
        assert.equal(r.length, head.length, `row ${k + 1} has every column`);
        assert.equal(r[col.Nr], String(idea.id));
        assert.equal(r[col['Idé']], excelText(idea.text), `idea ${idea.id}'s text`);
        assert.equal(r[col.Aktivitet], `${act.id}. ${iso(act.title)}`);
        assert.equal(r[col.Grupp], group ? iso(group.name) : '');
        assert.equal(r[col.Prickar], String(dotsOf(session, idea)), `idea ${idea.id}'s dots`);
        totalDots += Number(r[col.Prickar]);
        assert.equal(r[col.Dold], idea.hidden ? 'ja' : 'nej');
        assert.equal(r[col['Dold tid']], idea.hidden ? localStamp(idea.hidden_at) : '');
        assert.equal(r[col['Språk']], idea.author ? LANG[author.lang] : 'Mötesledare');
        assert.equal(r[col.Tid], localStamp(idea.created));
        assert.equal(r[col['Tid (UTC)']], new Date(idea.created).toISOString());
        assert.equal(r[col.Kategori], idea.category >= 0 ? iso(act.categories[idea.category]) : '');
        assert.equal(r[col['Sammanslagen i nr']], idea.merged_into ? String(idea.merged_into) : '');
        assert.equal(r[col['Ändrad']], idea.edited ? 'ja' : 'nej');
        assert.equal(r[col['Av mötesledaren']], idea.author ? 'nej' : 'ja');
        assert.equal(r[col.Namn], author ? iso(author.name) : '');
      }
      // every dot on an idea is in the file (votes on groups are not on ideas)
      const onIdeas = (session.votes || []).filter((v) => !session.activities.find((a) => a.id === v.activity).on_groups);
      assert.equal(totalDots, onIdeas.reduce((n, v) => n + v.dots, 0));
    });
  }
  it('--sep semicolon (Excel set to Swedish): the same rows and fields, separated by ;', () => {
    for (const name of SESSIONS) {
      const comma = parseCsv(ok([`${FIXTURES}/${name}`, '--format', 'csv']));
      const raw = ok([`${FIXTURES}/${name}`, '--format', 'csv', '--sep', 'semicolon']);
      assert.deepEqual(parseCsv(raw, ';'), comma, name);
      assert.ok(raw.toString().split('\r\n')[0].includes('Nr;Aktivitet;Grupp;Idé'), 'the head row uses ;');
    }
  });
  it('anonymised: no name column', () => {
    const rows = parseCsv(ok([`${FIXTURES}/${MAIN}`, '--format', 'csv', '--anonymise']));
    assert.ok(!rows[0].includes('Namn'));
    assert.ok(rows.every((r) => r.length === rows[0].length));
  });
});

describe('HTML', () => {
  for (const name of SESSIONS) {
    it(`${name}: self-contained, every idea, escaped`, () => {
      const session = load(name);
      const html = ok([`${FIXTURES}/${name}`]).toString('utf8');
      assert.match(html, /^<!DOCTYPE html>\n<html lang="sv">/);
      assert.doesNotMatch(html, /<script/i, 'no script');
      assert.doesNotMatch(html, /https?:\/\//i, 'no web address');
      assert.doesNotMatch(html, /<(link|img|iframe|object|embed|base)\b/i, 'nothing loaded from elsewhere');
      assert.doesNotMatch(html, /@import|@font-face|url\(/i, 'no fonts or images from CSS');
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no event handlers');
      assert.match(html, /@page\{size:A4/);
      for (const idea of session.ideas) {
        assert.ok(html.includes(`<p class="text"><bdi class="par">${htmlEscape(idea.text)}</bdi></p>`), `idea ${idea.id} is listed`);
        const li = html.match(new RegExp(`<li class="idea( hidden)?" id="idea-${idea.id}">[\\s\\S]*?<p class="meta">(.*)</p>`));
        assert.ok(li, `idea ${idea.id} has its element`);
        assert.equal(!!li[1], !!idea.hidden, `idea ${idea.id} is marked hidden or not`);
        if (idea.hidden) assert.ok(li[2].includes(`Dold ${localClock(idea.hidden_at)}`), `idea ${idea.id}: when it was hidden`);
        if (idea.edited) assert.match(li[2], /Ändrad \d\d:\d\d/);
      }
      for (const p of session.participants.filter((x) => x.name)) assert.ok(html.includes(htmlEscape(p.name)));
    });
  }
  it('the script idea shows as text, merged duplicates under the idea they joined, ties share a rank', () => {
    const html = ok([`${FIXTURES}/${MAIN}`]).toString('utf8');
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.match(html, /id="idea-3">[\s\S]*?<ul class="merged">\n<li class="idea" id="idea-8">[\s\S]*?Dubblett, sammanslagen hit 18:35/);
    const vote = html.slice(html.indexOf('id="activity-2"'), html.indexOf('id="activity-3"'));
    assert.match(vote, /<td class="rank">1<\/td><td><span class="no">#3<\/span>/);
    assert.match(vote, /<td class="rank">2 <span class="tie">delad<\/span><\/td><td><span class="no">#1<\/span>/);
    assert.match(vote, /<td class="rank">2 <span class="tie">delad<\/span><\/td><td><span class="no">#9<\/span>/);
    const groups = html.slice(html.indexOf('id="activity-3"'), html.indexOf('id="activity-4"'));
    assert.equal((groups.match(/<td class="rank">1 <span class="tie">delad/g) || []).length, 2);
    assert.ok(html.includes('Aktiviteten genomfördes inte.'), 'the empty activity says so');
    assert.ok(html.includes('Alla tider är lokal tid: Europe/Stockholm.'));
    assert.ok(html.includes('23 november 2026'));
  });
  it('-o writes the same bytes to a file only its owner can read', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medskapa-report-'));
    const file = path.join(dir, 'rapport.html');
    try {
      const r = report([`${FIXTURES}/${MAIN}`, '-o', file]);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out.length, 0, 'nothing on stdout');
      assert.ok(fs.readFileSync(file).equals(ok([`${FIXTURES}/${MAIN}`])));
      assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('--anonymise', () => {
  for (const fmt of FORMATS) {
    it(`leaves every display name out of ${fmt}`, () => {
      const session = load(MAIN);
      const text = ok([`${FIXTURES}/${MAIN}`, '--format', fmt, '--anonymise']).toString('utf8');
      const plain = ok([`${FIXTURES}/${MAIN}`, '--format', fmt]).toString('utf8');
      for (const n of nameForms(session)) assert.ok(!text.includes(n), `${fmt} holds the name ${n}`);
      assert.ok(nameForms(session).some((n) => plain.includes(n)), 'without --anonymise the names are there');
      // the ideas are all still there (those whose text each format writes as it is)
      for (const idea of session.ideas.filter((i) => /^[\p{L}\p{M}\p{N} ,.!?()\u200c-]+$/u.test(i.text) && !/^-/.test(i.text))) {
        assert.ok(text.includes(idea.text), `idea ${idea.id} is still there`);
      }
    });
  }
});

describe('overview', () => {
  it('lists the sessions in order, with their top items and categories, and notes what it skipped', () => {
    const r = report(['--overview', FIXTURES]);
    assert.equal(r.code, 0, r.err);
    const html = r.out.toString('utf8');
    assert.doesNotMatch(html, /<script|https?:\/\//i);
    const at = SESSIONS.map((n) => html.indexOf(htmlEscape(load(n).title)));
    assert.ok(at.every((i) => i > 0), 'every session is listed');
    assert.ok(at[2] < at[0] && at[0] < at[1], 'in the order they took place');
    assert.match(html, /<span class="rank">1\.<\/span> <bdi>Prova-på-dagar gratis<\/bdi> <span class="note">\(9 prickar\)/);
    assert.match(html, /<td><bdi>Information<\/bdi><\/td><td class="num">3<\/td><td class="num">10<\/td>/);
    for (const f of ['anteckningar.json', 'mall-tre-delar.json', 'trasig.json']) assert.ok(html.includes(`<tr><td><bdi>${f}</bdi></td>`), f);
    assert.ok(html.includes('en dagordningsmall, inget möte'));
    assert.ok(html.includes('ideas[2]: &quot;created&quot; is not a time'));
    assert.match(r.err, /trasig\.json: ideas\[2\]/, 'the damaged session is also named on stderr');
  });
  it('an empty folder is a page that says so', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medskapa-overview-'));
    try {
      const html = ok(['--overview', dir]).toString('utf8');
      assert.ok(html.includes('Mappen innehåller inga möten.'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('errors', () => {
  it('a damaged session: the file and the problem, exit 1, no output', () => {
    const r = report([`${FIXTURES}/trasig.json`]);
    assert.equal(r.code, 1);
    assert.equal(r.out.length, 0);
    assert.equal(r.err, `medskapa report: ${FIXTURES}/trasig.json: ideas[2]: "created" is not a time like 2026-11-23T18:00:00.000Z\n`);
  });
  it('cut-off JSON, a template, a missing file: exit 1 with the file named', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medskapa-report-'));
    try {
      const cut = path.join(dir, 'avbruten.json');
      const full = fs.readFileSync(path.join(ROOT, FIXTURES, MAIN), 'utf8');
      fs.writeFileSync(cut, full.slice(0, 3000));
      let r = report([cut]);
      assert.equal(r.code, 1);
      assert.match(r.err, /avbruten\.json: not valid JSON \(near line \d+, byte \d+\)/);
      r = report([`${FIXTURES}/mall-tre-delar.json`, '--format', 'csv']);
      assert.equal(r.code, 1);
      assert.match(r.err, /mall-tre-delar\.json: "format" is "medskapa-template", expected "medskapa-session"/);
      r = report([path.join(dir, 'finns-inte.json')]);
      assert.equal(r.code, 1);
      assert.match(r.err, /finns-inte\.json: No such file or directory/);
      r = report([`${FIXTURES}/${MAIN}`, '-o', path.join(dir, 'saknas', 'x.html')]);
      assert.equal(r.code, 1);
      assert.match(r.err, /saknas\/x\.html/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
  it('bad options: the usage and exit 2', () => {
    const s = `${FIXTURES}/${MAIN}`;
    for (const args of [[], [s, '--format', 'pdf'], [s, '--format'], [s, s], ['--bogus', s], [s, '-o'],
      ['--overview', FIXTURES, s], ['--overview', FIXTURES, '--format', 'csv'], [s, '-o', 'a', '-o', 'b'],
      [s, '--sep', 'semicolon'], [s, '--format', 'md', '--sep', 'semicolon'], [s, '--format', 'csv', '--sep', 'tab'],
      [s, '--format', 'csv', '--sep']]) {
      const r = report(args);
      assert.equal(r.code, 2, `report ${args.join(' ')}`);
      assert.match(r.err, /användning: medskapa report SESSION\.json/);   // Swedish, the report's default
      assert.equal(r.out.length, 0);
    }
    const h = report(['--help']);
    assert.equal(h.code, 0);
    assert.match(h.out.toString(), /användning: medskapa report/);
    const en = report(['--help', '--lang', 'en']);
    assert.match(en.out.toString(), /^usage: medskapa report/);
    assert.match(report(['--format', 'pdf', '--lang', 'en', 'x.json']).err, /unknown format "pdf" \(html, md or csv\)/);
  });
});
