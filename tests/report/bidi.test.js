// Issue 15, "Text in the reports cannot reorder the report": every bidi control (LRE RLE PDF
// LRO RLO, LRI RLI FSI PDI) in an idea, a display name, a group name and a category is gone
// from the real `medskapa report` in HTML, Markdown and CSV, each user string is isolated
// (HTML: in a <bdi>; Markdown and CSV: FSI ... PDI on its own line), and no line of the output
// holds a control that is not part of a balanced FSI ... PDI the report wrote itself. Also the
// facilitator's mark in each format: on the facilitator's idea only, never on a participant's
// idea that says "Mötesledare".
//   MEDSKAPA_BIN=build/medskapa node --test tests/report/bidi.test.js
'use strict';
const { describe, it, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const ENV = { ...process.env, TZ: 'Europe/Stockholm' };

const CONTROLS = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const FSI = '\u2068';
const PDI = '\u2069';
const clean = (s) => s.replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
const htmlEscape = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');
const reEscape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const count = (hay, needle) => hay.split(needle).length - 1;
const hex = (s) => [...s].map((c) => 'U+' + c.codePointAt(0).toString(16).toUpperCase()).join(' ');

// One session: for each control k, participant k named "Namn k<c>x", group k "Grupp k<c>y",
// category k "Kat k<c>z" and idea k "a<c>b 12:30 k" in them; the control is never closed, as
// in the probe. A vote on the groups puts the names in a results table too. Idea 10 is the
// facilitator's; idea 11 is a participant's that says "Mötesledare".
const at = (min) => new Date(Date.UTC(2026, 10, 23, 17, min)).toISOString();
const strings = { idea: [], name: [], group: [], category: [] };
CONTROLS.forEach((c, k) => {
  strings.idea.push(`a${c}b 12:30 ${k}`);
  strings.name.push(`Namn ${k}${c}x`);
  strings.group.push(`Grupp ${k}${c}y`);
  strings.category.push(`Kat ${k}${c}z`);
});
const session = {
  format: 'medskapa-session', version: 2, title: 'Rådrum \u202Eom tider', lang: 'sv',
  created: at(0), saved: at(59), current_activity: 1,
  activities: [
    { id: 1, kind: 'ideas', title: 'Idéer', phase: 'locked', prompt: 'Vad behövs?', categories: strings.category, silent: false },
    { id: 2, kind: 'vote', title: 'Vilken grupp?', phase: 'revealed', prompt: 'Välj', source: 1, on_groups: true,
      budget: 3, max_per_item: 3, live: false },
  ],
  participants: strings.name.map((name, k) => ({
    id: k + 1, token: (k + 1).toString(16).padStart(32, '0'), name, lang: 'sv', joined: at(1 + k),
  })),
  groups: strings.group.map((name, k) => ({ id: k + 1, activity: 1, name, created: at(30 + k) })),
  ideas: [
    ...strings.idea.map((text, k) => ({ id: k + 1, activity: 1, author: k + 1, text, created: at(10 + k), category: k, group: k + 1 })),
    { id: 10, activity: 1, author: 0, text: 'Från tavlan', created: at(20), category: 0, group: 1 },
    { id: 11, activity: 1, author: 1, text: 'Mötesledare', created: at(21), category: 1, group: 2 },
  ],
  votes: strings.group.map((_, k) => ({ activity: 2, participant: k + 1, item: k + 1, dots: 1 + (k % 3) })),
  answers: [],
  moderation: [],
};

let dir;
let file;
const out = {};
before(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'medskapa-bidi-'));
  file = path.join(dir, 'bidi.json');
  fs.writeFileSync(file, JSON.stringify(session, null, 2));
  for (const fmt of ['html', 'md', 'csv']) {
    const r = spawnSync(BIN, ['report', file, '--format', fmt], { cwd: ROOT, env: ENV, maxBuffer: 64 << 20 });
    if (r.error) throw r.error;
    assert.equal(r.status, 0, `report --format ${fmt}: ${r.stderr}`);
    out[fmt] = r.stdout.toString('utf8');
  }
});
after(() => fs.rmSync(dir, { recursive: true, force: true }));

// On every line: no embedding, override, LRI or RLI at all, and the FSIs and PDIs balanced
// (never a PDI without its FSI, none open at the end of the line).
function balancedLines(text, fmt) {
  text.split(/\r\n|\r|\n/).forEach((line, n) => {
    const raw = line.match(/[\u202A-\u202E\u2066\u2067]/);
    assert.equal(raw, null, `${fmt} line ${n + 1} holds a raw control: ${raw && hex(raw[0])}`);
    let depth = 0;
    for (const ch of line) {
      if (ch === FSI) depth++;
      if (ch === PDI) assert.ok(--depth >= 0, `${fmt} line ${n + 1}: a PDI that closes nothing: ${line}`);
    }
    assert.equal(depth, 0, `${fmt} line ${n + 1}: an FSI left open: ${line}`);
  });
}

describe('bidi controls in user text', () => {
  it('every format: no raw control, the isolates balanced on each line', () => {
    for (const fmt of ['html', 'md', 'csv']) balancedLines(out[fmt], fmt);
  });

  for (const kind of Object.keys(strings)) {
    it(`HTML: each ${kind} is in a <bdi>, its control removed`, () => {
      for (const s of strings[kind]) {
        const c = htmlEscape(clean(s));
        const all = count(out.html, c);
        const inBdi = (out.html.match(new RegExp(`<bdi(?: class="[a-z]+")?>${reEscape(c)}</bdi>`, 'g')) || []).length;
        assert.ok(all > 0, `${hex(s)}: "${c}" is in the report`);
        assert.equal(inBdi, all, `"${c}": every time in a <bdi> of its own`);
      }
    });
    for (const fmt of ['md', 'csv']) {
      it(`${fmt === 'md' ? 'Markdown' : 'CSV'}: each ${kind} is wrapped in FSI ... PDI, its control removed`, () => {
        for (const s of strings[kind]) {
          const c = clean(s);
          const all = count(out[fmt], c);
          assert.ok(all > 0, `"${c}" is in the report`);
          assert.equal(count(out[fmt], FSI + c + PDI), all, `"${c}": every time isolated`);
        }
      });
    }
  }

  it('the session title is isolated too: in <title> by FSI ... PDI, in <h1> by <bdi>', () => {
    assert.ok(out.html.includes(`<title>${FSI}Rådrum om tider${PDI} – rapport</title>`));
    assert.ok(out.html.includes('<h1><bdi class="par">Rådrum om tider</bdi></h1>'));
    assert.ok(out.md.startsWith(`# ${FSI}Rådrum om tider${PDI}\n`));
  });

  it('Markdown: the time and the name stay after the idea on its line, in order', () => {
    for (const [k, s] of strings.idea.entries()) {
      const line = out.md.split('\n').find((l) => l.includes(`**#${k + 1}**`));
      assert.ok(line, `idea ${k + 1} is listed`);
      const want = `- **#${k + 1}** ${FSI}${clean(s)}${PDI} — ${18}:${String(10 + k).padStart(2, '0')} · ` +
        `${FSI}${clean(strings.category[k])}${PDI} · ${FSI}${clean(strings.name[k])}${PDI}`;
      assert.equal(line, want);
    }
  });
});

describe("the facilitator's mark", () => {
  it('HTML: a badge element on the facilitator\'s idea, and on no other', () => {
    const badge = '<span class="badge facilitator">Mötesledare</span>';
    assert.equal(count(out.html, badge), 1);
    const li = (id) => out.html.match(new RegExp(`<li class="idea" id="idea-${id}">[\\s\\S]*?</li>`))[0];
    assert.ok(li(10).includes(badge));
    assert.ok(!li(11).includes('badge'), "the participant's idea that says Mötesledare has no badge");
    assert.match(out.html, /\.badge\.facilitator\{[^}]*background:/, 'the badge is styled');
  });
  it('Markdown: the role word in bold outside any isolate, on the facilitator\'s idea only', () => {
    const marked = out.md.split('\n').filter((l) => l.includes(' · **Mötesledare**'));
    assert.equal(marked.length, 1);
    assert.match(marked[0], /^- \*\*#10\*\* /);
    const other = out.md.split('\n').find((l) => l.startsWith('- **#11** '));
    assert.ok(other.includes(`${FSI}Mötesledare${PDI}`) && !other.includes('**Mötesledare**'));
  });
  it('CSV: a column of its own, "ja" for the facilitator\'s idea only', () => {
    const lines = out.csv.replace(/^\uFEFF/, '').split('\r\n').filter(Boolean);
    const head = lines[0].split(',');
    const col = head.indexOf('Av mötesledaren');
    assert.ok(col > 0, 'the column is there');
    for (const line of lines.slice(1)) {
      const f = line.split(',');   // no field here holds a comma or a quote
      assert.equal(f[col], f[0] === '10' ? 'ja' : 'nej', `idea ${f[0]}`);
    }
  });
});
