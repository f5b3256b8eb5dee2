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
  '2027-03-15-1800-radrum-motesplatser-for-alla.json',         // format 3: renderings, photos, pictograms, signals
];
const MAIN = SESSIONS[0];
const VOICES = SESSIONS[3];
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

const LANG = { sv: 'svenska', en: 'engelska', ar: 'arabiska', fa: 'persiska', ti: 'tigrinska', so: 'somaliska', '': '' };
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

// The languages an idea of the session is rendered into, as the CSV orders its columns: the
// meeting's language first, then by code.
function renderingLangs(session) {
  const langs = [...new Set((session.renderings || []).map((r) => r.lang))];
  return langs.sort((a, b) => (a === session.lang) !== (b === session.lang) ? (a === session.lang ? -1 : 1) : (a < b ? -1 : a > b ? 1 : 0));
}
// A category or choice as the reports write it: its pictogram first, when it has one.
const withPicto = (act, i, list) => ((act.pictos && act.pictos[i]) ? act.pictos[i] + ' ' : '') + act[list][i];

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
      const langs = renderingLangs(session);
      assert.deepEqual(head, ['Nr', 'Aktivitet', 'Grupp', 'Idé', 'Prickar', 'Dold', 'Dold tid', 'Språk', 'Tid',
        'Tid (UTC)', 'Kategori', 'Sammanslagen i nr', 'Ändrad', 'Av mötesledaren', 'Namn', 'Foto', 'Behöver tolkas',
        ...langs.flatMap((l) => [`Översättning (${l})`, `Översatt av (${l})`])]);
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
        assert.equal(r[col.Kategori], idea.category >= 0 ? iso(withPicto(act, idea.category, 'categories')) : '');
        assert.equal(r[col['Sammanslagen i nr']], idea.merged_into ? String(idea.merged_into) : '');
        assert.equal(r[col['Ändrad']], idea.edited ? 'ja' : 'nej');
        assert.equal(r[col['Av mötesledaren']], idea.author ? 'nej' : 'ja');
        assert.equal(r[col.Namn], author ? iso(author.name) : '');
        assert.equal(r[col.Foto], idea.photo ? idea.photo.file : '', `idea ${idea.id}'s photo`);
        assert.equal(r[col['Behöver tolkas']], idea.interpret_asked ? localStamp(idea.interpret_asked) : '');
        for (const l of langs) {
          const rd = (session.renderings || []).find((x) => x.idea === idea.id && x.lang === l);
          assert.equal(r[col[`Översättning (${l})`]], rd ? iso(rd.text) : '', `idea ${idea.id}'s rendering in ${l}`);
          assert.equal(r[col[`Översatt av (${l})`]], rd ? iso(rd.by) : '');
        }
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
      assert.doesNotMatch(html, /<(link|iframe|object|embed|base|video|audio|source)\b/i, 'nothing loaded from elsewhere');
      // photos are in the page itself: every src is a data: URI of a JPEG or PNG
      const srcs = html.match(/\ssrc=/gi) || [];
      const inline = html.match(/<img class="photo" src="data:image\/(png|jpeg);base64,[A-Za-z0-9+/]+=*"/g) || [];
      assert.equal(srcs.length, inline.length, 'every src= is an embedded photo');
      assert.equal((html.match(/<img\b/gi) || []).length, inline.length, 'every image is an embedded photo');
      assert.doesNotMatch(html, /@import|@font-face|url\(/i, 'no fonts or images from CSS');
      assert.doesNotMatch(html, /\son[a-z]+=/i, 'no event handlers');
      assert.match(html, /@page\{size:A4/);
      for (const idea of session.ideas) {
        if (idea.text || !idea.photo) {   // a photo without text shows the photo only
          assert.ok(html.includes(`<p class="text"><bdi class="par">${htmlEscape(idea.text)}</bdi></p>`), `idea ${idea.id} is listed`);
        }
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
    assert.ok(at[2] < at[0] && at[0] < at[1] && at[1] < at[3], 'in the order they took place');
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

// Issue 18, "Every voice in the room", in the reports: a session of format 3 with a Tigrinya idea
// rendered into Swedish and English, an Arabic idea someone asked to have interpreted, a photo
// idea, a hidden photo idea, a photo whose file is gone, pictograms on the categories and the
// poll's choices, and signals in three languages. Each test fails if its part goes missing.
describe('every voice in the room (issue 18)', () => {
  const session = load(VOICES);
  const photoDir = path.join(ROOT, FIXTURES, VOICES.replace(/\.json$/, '-photos'));
  const dataUri = (file) => `data:image/${file.endsWith('.png') ? 'png' : 'jpeg'};base64,` +
    fs.readFileSync(path.join(photoDir, file)).toString('base64');
  const ideaLi = (html, id) => {
    const m = new RegExp(`<li class="idea( hidden)?" id="idea-${id}">[\\s\\S]*?<p class="meta">.*</p>`).exec(html);
    assert.ok(m, `idea ${id} is listed`);
    return m[0];
  };
  const byId = (id) => session.ideas.find((i) => i.id === id);
  const [tigrinya, arabic, photo, hiddenPhoto, , gone] = [1, 2, 3, 4, 5, 6].map(byId);

  it('the fixture has what the tests look for', () => {
    assert.equal(session.version, 3);
    assert.ok(tigrinya.interpret_asked && arabic.interpret_asked && !arabic.photo);
    assert.ok(photo.photo && photo.text && hiddenPhoto.photo && hiddenPhoto.hidden && hiddenPhoto.text === '');
    assert.ok(fs.existsSync(path.join(photoDir, photo.photo.file)) && fs.existsSync(path.join(photoDir, hiddenPhoto.photo.file)));
    assert.ok(gone.photo && !fs.existsSync(path.join(photoDir, gone.photo.file)));
    assert.deepEqual(session.renderings.filter((r) => r.idea === 1).map((r) => r.lang).sort(), ['en', 'sv']);
  });

  it('HTML: the renderings under the original, the meeting\'s language first, with who and when', () => {
    const html = ok([`${FIXTURES}/${VOICES}`]).toString('utf8');
    const li = ideaLi(html, 1);
    const text = li.indexOf(`<p class="text"><bdi class="par">${htmlEscape(tigrinya.text)}</bdi></p>`);
    const sv = li.indexOf('<li><span class="lang">svenska</span> <bdi lang="sv">En mötesplats på biblioteket på kvällarna, med kaffe</bdi>' +
      ' <span class="by">av <bdi>Mehret</bdi>, 18:12</span></li>');
    const en = li.indexOf('<li><span class="lang">engelska</span> <bdi lang="en">A meeting place at the library in the evenings, with coffee</bdi>' +
      ' <span class="by">av <bdi>Mehret</bdi>, 18:13</span></li>');
    assert.ok(text >= 0 && sv > text && en > sv, 'original, then Swedish, then English');
    // staff who read Swedish see it in the vote's results and the brief too
    assert.match(html, /#1<\/span> <bdi>ቦታ[^<]*<\/bdi> <span class="rb"><span class="lang">svenska:<\/span> <bdi lang="sv">En mötesplats/);
    // in English the English rendering is the one beside the results
    const en_html = ok([`${FIXTURES}/${VOICES}`, '--lang', 'en']).toString('utf8');
    assert.match(en_html, /<span class="rb"><span class="lang">English:<\/span> <bdi lang="en">A meeting place/);
  });

  it('HTML: photos embedded as data: URIs (hidden ones marked), a missing file said, nothing loaded', () => {
    const html = ok([`${FIXTURES}/${VOICES}`]).toString('utf8');
    assert.ok(ideaLi(html, 3).includes(`<img class="photo" src="${dataUri(photo.photo.file)}" width="120" height="80" ` +
      `alt="${htmlEscape(photo.text)}">`), 'the photo, its text as alt');
    const hidden = ideaLi(html, 4);
    assert.match(hidden, /^<li class="idea hidden"/);
    assert.ok(hidden.includes(`src="${dataUri(hiddenPhoto.photo.file)}" width="96" height="64" alt="Foto">`), 'the hidden photo, in the record');
    assert.match(hidden, /<span class="flag hidden">Dold 18:14<\/span>/);
    assert.ok(ideaLi(html, 6).includes(`<p class="photo-missing">Fotot saknas: ${gone.photo.file}</p>`));
    assert.doesNotMatch(html, /src="(?!data:)/, 'no src= to a file');
    assert.ok(!html.includes('-photos/'), 'no path to the photo folder');
    assert.match(html, /#6<\/span> <span class="photo-word">Foto<\/span>/, 'a photo without text in the results');
  });

  it('HTML: the needs-interpreting mark, pictograms before categories and choices', () => {
    const html = ok([`${FIXTURES}/${VOICES}`]).toString('utf8');
    for (const idea of session.ideas) {
      assert.equal(ideaLi(html, idea.id).includes('<span class="flag interpret">Behöver tolkas</span>'), !!idea.interpret_asked,
        `idea ${idea.id}`);
    }
    const picto = (p, text) => `<span class="picto" aria-hidden="true">${p}</span> <bdi>${text}</bdi>`;
    const ideas = session.activities[0];
    assert.ok(html.includes('Kategorier: ' + ideas.categories.map((c, i) => picto(ideas.pictos[i], c)).join(', ')));
    assert.ok(ideaLi(html, 1).includes(picto('⚽', 'Fritid')));
    assert.ok(html.includes(`<tr><td>${picto('☀️', 'Lördag förmiddag')}</td><td class="num">3</td>`), 'the poll\'s results');
    assert.ok(html.includes(`<li>${picto('☀️', 'Lördag förmiddag')} <span class="note">(3 av 5 svar)`), 'the brief');
    assert.ok(html.includes('<tr class="zero"><td><bdi>Söndag eftermiddag</bdi></td>'), 'a choice without a pictogram has none');
  });

  it('signals: a table per activity with the counts per language (never who), in HTML, Markdown and CSV', () => {
    const html = ok([`${FIXTURES}/${VOICES}`]).toString('utf8');
    const act1 = html.slice(html.indexOf('id="activity-1"'), html.indexOf('id="activity-2"'));
    const rows = [...act1.matchAll(/<tr><td>(\S+) <span class="note">\((\w+)\)<\/span><\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td><\/tr>/g)]
      .map((m) => [m[2], +m[3], +m[4], +m[5]]);
    const want = session.signals.filter((s) => s.activity === 1).map((s) => [s.lang, s.interpret, s.slower, s.unclear]);
    assert.deepEqual(rows.sort(), want.sort());
    assert.ok(act1.includes('<th class="num">Tolka, tack</th><th class="num">Långsammare, tack</th><th class="num">Jag förstod inte</th>'));
    assert.ok(act1.includes('Räknade per språk, aldrig per person.'));
    assert.ok(!html.slice(html.indexOf('id="activity-3"')).includes('<table class="signals">'), 'none for the poll: nobody gave one');
    const md = ok([`${FIXTURES}/${VOICES}`, '--format', 'md']).toString('utf8');
    assert.ok(md.includes('| tigrinska (ti) | 3 | 1 | 0 |\n| arabiska (ar) | 2 | 0 | 1 |\n| somaliska (so) | 0 | 2 | 1 |'));
    const csv = parseCsv(ok([`${FIXTURES}/${VOICES}`, '--format', 'csv', '--table', 'signals']));
    assert.deepEqual(csv.shift(), ['Aktivitet', 'Språk', 'Tolka, tack', 'Långsammare, tack', 'Jag förstod inte', 'Senast']);
    assert.deepEqual(csv.map((r) => [r[0].replace(/[\u2068\u2069]/g, ''), r[1], +r[2], +r[3], +r[4], r[5]]).sort(),
      session.signals.map((s) => [`${s.activity}. ${session.activities[s.activity - 1].title}`, LANG[s.lang], s.interpret,
        s.slower, s.unclear, localStamp(s.last)]).sort());
    const semi = parseCsv(ok([`${FIXTURES}/${VOICES}`, '--format', 'csv', '--table', 'signals', '--sep', 'semicolon']), ';');
    assert.equal(semi.length, session.signals.length + 1);
    for (const who of session.participants.filter((p) => p.name)) {
      assert.ok(!ok([`${FIXTURES}/${VOICES}`, '--format', 'csv', '--table', 'signals']).toString().includes(who.name));
    }
  });

  it('Markdown: renderings under the idea, photos as links into the photo folder, a missing one said', () => {
    const md = ok([`${FIXTURES}/${VOICES}`, '--format', 'md']).toString('utf8');
    const item = md.slice(md.indexOf('- **#1** '), md.indexOf('- **#2** '));
    assert.ok(item.includes('\\\n  *svenska:* \u2068En mötesplats på biblioteket på kvällarna, med kaffe\u2069 · av \u2068Mehret\u2069, 18:12'));
    assert.ok(item.includes('\\\n  *engelska:* \u2068A meeting place at the library in the evenings, with coffee\u2069 · av \u2068Mehret\u2069, 18:13'));
    assert.ok(item.indexOf('*svenska:*') < item.indexOf('*engelska:*'));
    assert.ok(item.includes('*Behöver tolkas*'));
    const folder = VOICES.replace(/\.json$/, '-photos');
    assert.ok(md.includes(`[Foto: ${photo.photo.file}](${folder}/${photo.photo.file})`));
    assert.ok(md.includes(`- **#4** *Foto* — 18:13 · ⚽ \u2068Fritid\u2069 · \u2068Erik\u2069 · **Dold 18:14**\\\n  [Foto: ${hiddenPhoto.photo.file}]`));
    assert.ok(md.includes(`*Fotot saknas: ${gone.photo.file}*`));
    const anon = ok([`${FIXTURES}/${VOICES}`, '--format', 'md', '--anonymise']).toString('utf8');
    assert.ok(!anon.includes('Mehret') && anon.includes('*svenska:* \u2068En mötesplats på biblioteket på kvällarna, med kaffe\u2069 · 18:12'));
  });

  it('CSV: a column per rendering language, the meeting\'s first, and the photo\'s file name', () => {
    const rows = parseCsv(ok([`${FIXTURES}/${VOICES}`, '--format', 'csv']));
    const head = rows.shift();
    assert.deepEqual(head.slice(-6), ['Foto', 'Behöver tolkas', 'Översättning (sv)', 'Översatt av (sv)', 'Översättning (en)', 'Översatt av (en)']);
    const row = (id) => rows.find((r) => r[0] === String(id));
    const at = (h) => head.indexOf(h);
    assert.equal(row(1)[at('Översättning (sv)')], '\u2068En mötesplats på biblioteket på kvällarna, med kaffe\u2069');
    assert.equal(row(1)[at('Översättning (en)')], '\u2068A meeting place at the library in the evenings, with coffee\u2069');
    assert.equal(row(1)[at('Översatt av (en)')], '\u2068Mehret\u2069');
    assert.equal(row(3)[at('Foto')], photo.photo.file);
    assert.equal(row(4)[at('Foto')], hiddenPhoto.photo.file);
    assert.equal(row(4)[at('Dold')], 'ja');
    const anon = parseCsv(ok([`${FIXTURES}/${VOICES}`, '--format', 'csv', '--anonymise']));
    assert.deepEqual(anon[0].slice(-4), ['Foto', 'Behöver tolkas', 'Översättning (sv)', 'Översättning (en)']);
    assert.ok(!anon.flat().some((f) => f.includes('Mehret')), 'no interpreter named');
  });

  it('a photo is read only from its own folder, never through a link, and only if its bytes are its name', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medskapa-photos-'));
    try {
      const file = path.join(dir, 'm.json');
      fs.copyFileSync(path.join(ROOT, FIXTURES, VOICES), file);
      let html = ok([file]).toString('utf8');   // no photo folder at all: every photo missing
      assert.equal((html.match(/<p class="photo-missing">Fotot saknas: /g) || []).length, 3);
      assert.ok(!html.includes('<img'));
      fs.mkdirSync(path.join(dir, 'm-photos'));
      fs.symlinkSync(path.join(photoDir, photo.photo.file), path.join(dir, 'm-photos', photo.photo.file));   // a link
      fs.writeFileSync(path.join(dir, 'm-photos', hiddenPhoto.photo.file), fs.readFileSync(path.join(photoDir, photo.photo.file)));   // other bytes
      html = ok([file]).toString('utf8');
      assert.ok(html.includes(`Fotot kan inte visas, filen är skadad: ${photo.photo.file}`), 'a link is not followed');
      assert.ok(html.includes(`Fotot kan inte visas, filen är skadad: ${hiddenPhoto.photo.file}`), 'bytes that are not its name');
      assert.ok(!html.includes('<img'));
      fs.rmSync(path.join(dir, 'm-photos', photo.photo.file));
      fs.copyFileSync(path.join(photoDir, photo.photo.file), path.join(dir, 'm-photos', photo.photo.file));
      html = ok([file]).toString('utf8');
      assert.ok(html.includes(`src="${dataUri(photo.photo.file)}"`), 'a regular file with the right bytes is shown');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the overview counts renderings, photos and signals per meeting', () => {
    const html = report(['--overview', FIXTURES]).out.toString('utf8');
    assert.match(html, /<th class="num">Översättningar<\/th><th class="num">Foton<\/th><th class="num">Signaler<\/th>/);
    const row = html.slice(html.indexOf(htmlEscape(session.title)));
    const signals = session.signals.reduce((n, s) => n + s.interpret + s.slower + s.unclear, 0);
    assert.match(row, new RegExp(`<td class="num">${session.participants.length}</td><td class="num">${session.ideas.length}</td>` +
      `<td class="num">${session.renderings.length}</td><td class="num">3</td><td class="num">${signals}</td>`));
    assert.match(html, /<span class="picto" aria-hidden="true">🏠<\/span> <bdi>Bostad<\/bdi>/, 'a category with its pictogram');
  });

  it('in every language: no key name and no Swedish label of the new words', () => {
    const SWEDISH = ['Behöver tolkas', 'Signaler', 'Tolka, tack', 'Långsammare', 'förstod inte', 'Fotot saknas', 'Översättning',
      'Översatt av', 'Räknade per språk', 'Foto:', 'av Mehret', 'Senast'];
    for (const lang of ['en', 'ar', 'fa', 'ti', 'so', 'uk']) {
      for (const args of [['--format', 'html'], ['--format', 'md'], ['--format', 'csv'], ['--format', 'csv', '--table', 'signals']]) {
        const out = ok([`${FIXTURES}/${VOICES}`, ...args, '--lang', lang]).toString('utf8');
        assert.ok(!out.includes('report_'), `${lang} ${args.join(' ')}: a key name`);
        for (const w of SWEDISH) assert.ok(!out.includes(w), `"${w}" in the ${lang} report (${args.join(' ')})`);
      }
    }
  });

  it('--table: ideas or signals, CSV only', () => {
    const s = `${FIXTURES}/${VOICES}`;
    assert.ok(ok([s, '--format', 'csv', '--table', 'ideas']).equals(ok([s, '--format', 'csv'])));
    let r = report([s, '--format', 'csv', '--table', 'people']);
    assert.equal(r.code, 2);
    assert.match(r.err, /okänd tabell "people" \(ideas, signals, consent, languages eller actions\)/);
    assert.match(r.err, /\[--table ideas\|signals\|consent\|actions\|languages\]/);
    r = report([s, '--table', 'signals']);
    assert.equal(r.code, 2);
    assert.equal(r.out.length, 0);
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

// Issue 20, "Results by language group, only when asked and only when safe": a meeting of 16
// (6 sv, 5 ar, 3 ti, 2 so). Groups of at least 5 are shown; ti and so are merged into "other"
// (5 people together), so the three Tigrinya speakers' dots cannot be told apart from the two
// Somali speakers'. Its fixture sits in a folder of its own so that the overview's golden
// (every *.json of fixtures/) stays as it is.
describe('--by-language (issue 20)', () => {
  const LANG = 'by-language/2027-04-12-1800-radrum-motesplatser-for-unga.json';
  const file = `${FIXTURES}/${LANG}`;
  const base = 'by-language-2027-04-12-1800-radrum-motesplatser-for-unga';
  // The fixture with only some people (and their votes and answers), in a temporary file.
  function subset(keep, fn) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medskapa-bylang-'));
    try {
      const s = load(LANG);
      const ids = new Set(s.participants.filter((p) => keep(p)).map((p) => p.id));
      s.participants = s.participants.filter((p) => ids.has(p.id));
      s.ideas = s.ideas.filter((d) => ids.has(d.author));
      s.votes = s.votes.filter((v) => ids.has(v.participant) && s.ideas.some((d) => d.id === v.item));
      s.answers = s.answers.filter((a) => ids.has(a.participant));
      const f = path.join(dir, 'mote.json');
      fs.writeFileSync(f, JSON.stringify(s));
      fn(f);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  for (const fmt of ['html', 'md']) {
    it(`${fmt} golden`, () => {
      golden(`${base}.${fmt}`, ok([file, '--format', fmt, '--by-language']));
    });
  }
  it('a 3-person language group (ti) is merged with so into "other"; sv and ar are shown', () => {
    const md = ok([file, '--format', 'md', '--by-language']).toString('utf8');
    const section = md.slice(md.indexOf('## Per språkgrupp'), md.indexOf('## Tidslinje'));
    assert.ok(section.length > 100, 'the section is there');
    assert.match(section, /Bara grupper med minst 5 deltagare visas/);
    assert.match(section, /\| svenska \(sv\) \| 6 \| 3 \| 0,5 \| 18 \| 3,0 \|/);
    assert.match(section, /\| arabiska \(ar\) \| 5 \| 2 \| 0,4 \| 15 \| 3,0 \|/);
    assert.match(section, /\| Andra språk \| 5 \| 2 \| 0,4 \| 15 \| 3,0 \|/);
    assert.doesNotMatch(section, /tigrinska|somaliska/, 'no column or row names the small groups');
    assert.match(section, /\| Idé \| svenska \| arabiska \| Andra språk \|/);
    assert.match(section, /#3 ⁨ናይ ስራሕ ልምምድ ንመንእሰያት⁩ \| 0 \| 0 \| 9 \|/, 'the ti idea\'s dots are "other"\'s');
    assert.match(section, /⁨Söndag⁩ \| 0 \| 0 \| 3 \|/);
    assert.doesNotMatch(md, /Resultat per språkgrupp finns inte/, 'no "off" line when on');
    const html = ok([file, '--by-language']).toString('utf8');
    assert.match(html, /<section class="by-language">/);
    assert.match(html, /<td>Andra språk<\/td><td class="num">5<\/td>/);
    assert.doesNotMatch(html.slice(html.indexOf('by-language">')), /tigrinska \(ti\)<\/td><td class="num">3/);
  });
  it('off by default, and the report says so in one line', () => {
    for (const fmt of ['html', 'md']) {
      const out = ok([file, '--format', fmt]).toString('utf8');
      assert.equal(out.split('Resultat per språkgrupp finns inte i den här rapporten').length, 2, fmt);
      assert.doesNotMatch(out, /Per språkgrupp|by-language">/, fmt);
    }
    assert.doesNotMatch(ok([file, '--format', 'csv']).toString('utf8'), /språkgrupp/);
  });
  it('"other" under 5: the smallest shown group joins it, so that nobody can be worked out', () => {
    subset((p) => p.lang !== 'so', (f) => {   // sv 6, ar 5, ti 3: ti alone would be room minus sv minus ar
      const md = ok([f, '--format', 'md', '--by-language']).toString('utf8');
      const section = md.slice(md.indexOf('## Per språkgrupp'), md.indexOf('## Tidslinje'));
      assert.match(section, /\| svenska \(sv\) \| 6 \|/);
      assert.match(section, /\| Andra språk \| 8 \|/);
      assert.doesNotMatch(section, /arabiska|tigrinska/);
    });
  });
  it('a room under 5: nothing by language, with a line saying some answers are not shown', () => {
    subset((p) => p.id <= 2 || p.id === 12 || p.id === 15, (f) => {
      for (const fmt of ['md', 'html']) {
        const out = ok([f, '--format', fmt, '--by-language']).toString('utf8');
        assert.match(out, /Några svar visas inte per språk, för att skydda dem som gav dem/, fmt);
        assert.doesNotMatch(out, /Deltagande per språkgrupp|\| Andra språk|<td>Andra språk/, fmt);
      }
    });
  });
  it('in Arabic, right to left, with no key names', () => {
    const html = ok([file, '--by-language', '--lang', 'ar']).toString('utf8');
    assert.match(html, /dir="rtl"/);
    assert.ok(html.includes('لغات أخرى'));
    assert.doesNotMatch(html, /report_lang_/);
  });
  it('--table languages: the same counts as CSV, a row per item and group, under the same rule', () => {
    const out = ok([file, '--format', 'csv', '--table', 'languages']);
    golden(`${base}.languages.csv`, out);
    const rows = parseCsv(out);
    assert.deepEqual(rows[0], ['Aktivitet', 'Idé eller svar', 'Språkgrupp', 'Deltagare', 'Prickar', 'Antal']);
    assert.deepEqual([...new Set(rows.slice(1).map((r) => r[2]))], ['sv', 'ar', 'Andra språk']);
    assert.equal(rows.length, 1 + (7 + 3) * 3);
    const ti = rows.find((r) => r[1].includes('#3') && r[2] === 'Andra språk');
    assert.deepEqual(ti.slice(3), ['5', '9', '']);
    subset((p) => p.id <= 4, (f) => {   // four people: a header and nothing else
      assert.equal(parseCsv(ok([f, '--format', 'csv', '--table', 'languages'])).length, 1);
    });
  });
  it('CSV and the overview have no such section: exit 2 with the usage', () => {
    for (const args of [[file, '--format', 'csv', '--by-language'], ['--overview', FIXTURES, '--by-language']]) {
      const r = report(args);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, /\[--by-language\]/);
    }
  });
});
