// Every voice in the room (issue 18), with the real host and real WebSocket clients:
// - an interpreter (the key from the facilitator's `links`) renders a Tigrinya idea into
//   Swedish; every phone gets the rendering, the session file and the board keep it; an
//   interpreter may not hide, edit or change phases;
// - "needs interpreting" marks, and the three signals counted per language, never per person;
// - photos: checked by their bytes (a PNG named .jpg is taken, an HTML file named .jpg is not),
//   stored under their content hash, durable before the ack (SIGKILL right after it), served
//   at /photo/ unless hidden, and in the HTML report after the restart;
// - pictograms on live activities, recorded prompts from a template, served at /audio/.
'use strict';
const { test } = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const { spawnSync } = require('node:child_process');
const { startHost, tmpdir } = require('../lib/host.js');
const { Client, readSession } = require('./_client.js');

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.resolve(ROOT, process.env.MEDSKAPA_BIN || 'build/medskapa');
const PHOTOS = path.join(ROOT, 'tests', 'fixtures', 'photos');
const TI_IDEA = 'ንመንእሰያት ዝያዳ ዕድላት ስራሕ የድልየና';
const SV_RENDERING = 'Vi behöver fler jobbmöjligheter för unga';
const AR_IDEA = 'نحتاج إلى دروس لغة في المساء';

function meeting(extra = {}) {
  const dir = tmpdir('medskapa-voices-');
  const template = path.join(dir, 'template.json');
  fs.writeFileSync(template, JSON.stringify({
    format: 'medskapa-template', version: 1, title: 'Rådrum: alla röster', lang: 'sv',
    activities: [
      { kind: 'ideas', title: 'Idéer', prompt: 'Vad behöver nya i kommunen?',
        categories: [{ text: 'Bostad', picto: '🏠' }, { text: 'Språk', picto: '🗣️' }, 'Övrigt'] },
      { kind: 'vote', title: 'Prioritera', prompt: 'Vad först?', source: 1, budget: 3, max_per_item: 2 },
    ],
    ...extra,
  }));
  return { dir, template, session: path.join(dir, 'session.json') };
}

const facilitatorKey = (host) => /#key=([0-9a-f]{32})/.exec(host.output())[1];

function get(port, p) {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, type: res.headers['content-type'], body: Buffer.concat(chunks) }));
    }).on('error', reject);
  });
}

async function refused(client, frame, code) {
  client.send(frame);
  const e = await client.next((m) => m.type === 'error' && (!frame.cid || m.cid === frame.cid), `error ${code}`);
  assert.equal(e.code, code, `${JSON.stringify(frame).slice(0, 100)} -> ${JSON.stringify(e)}`);
  assert.ok(e.message.length > 0);
  return e;
}

async function acked(client, frame) {
  client.send(frame);
  const m = await client.next((x) => (x.type === 'ack' || x.type === 'error') && x.cid === frame.cid, `ack ${frame.cid}`);
  assert.equal(m.type, 'ack', `${JSON.stringify(frame).slice(0, 100)} -> ${JSON.stringify(m)}`);
  return m;
}

test('an interpreter renders a Tigrinya idea into Swedish; phones, the file and the board keep it; an interpreter cannot hide', async (t) => {
  const m = meeting();
  const host = await startHost(['--session', m.session, '--template', m.template]);
  t.after(() => host.stop('SIGKILL'));

  const ti = await Client.connect(host.wsUrl, { label: 'ti phone' });
  await ti.hello({ name: 'Selam', lang: 'ti' });
  const sv = await Client.connect(host.wsUrl, { label: 'sv phone' });
  await sv.hello({ name: 'Anna', lang: 'sv' });
  const ar = await Client.connect(host.wsUrl, { label: 'ar phone' });
  await ar.hello({ name: 'Omar', lang: 'ar' });
  const idea = (await acked(ti, { type: 'idea.post', cid: 't1', text: TI_IDEA, category: 0 })).idea;
  await acked(ar, { type: 'idea.post', cid: 'a1', text: AR_IDEA });

  // The facilitator's page gets the interpreter link and its QR code, nobody else does.
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  await fac.hello({ key: facilitatorKey(host) });
  const links = await fac.next('links');
  const ikey = /interpreter\.html#ikey=([0-9a-f]{32})$/.exec(links.interpreter);
  assert.ok(ikey, `an interpreter link: ${links.interpreter}`);
  assert.notEqual(ikey[1], facilitatorKey(host), 'a key of its own');
  assert.match(links.interpreter_qr, /^<svg [^>]*viewBox="0 0 \d+ \d+"[^]*<path fill="#000" d="M/);
  assert.equal(sv.all('links').length, 0, 'a phone never sees the interpreter key');

  // An interpreter says who they are; without a name, a clear refusal.
  const nameless = await Client.connect(host.wsUrl, { label: 'nameless interpreter' });
  await refused(nameless, { type: 'hello', proto: 1, key: ikey[1], cid: 'h0' }, 'interpreter_name');
  await refused(nameless, { type: 'hello', proto: 1, key: ikey[1], name: 'Tolk', cid: 'h1' }, 'name_reserved');
  const tolk = await Client.connect(host.wsUrl, { label: 'interpreter' });
  const w = await tolk.hello({ key: ikey[1], name: 'Mehret' });
  assert.equal(w.you.interpreter, true);
  assert.equal(w.you.facilitator, false);
  assert.equal(w.meeting_lang, 'sv');
  const listed = w.ideas.find((i) => i.id === idea);
  assert.equal(listed.text, TI_IDEA);
  assert.equal(listed.lang, 'ti', 'the author\'s language, for the interpreter\'s list');

  // Anyone may ask for an idea to be interpreted; asking again changes nothing.
  await acked(sv, { type: 'idea.interpret', cid: 's1', idea });
  const marked = await ar.next((x) => x.type === 'idea.changed' && x.idea.id === idea, 'the mark');
  assert.equal(marked.idea.interpret, true);
  await acked(ar, { type: 'idea.interpret', cid: 'a2', idea });
  await refused(sv, { type: 'idea.interpret', cid: 's2', idea: 999 }, 'no_idea');

  // The rendering: every phone gets it with the idea (each shows the one in its own language).
  await acked(tolk, { type: 'render', cid: 'r1', idea, lang: 'sv', text: SV_RENDERING });
  for (const phone of [sv, ar, ti]) {
    const ch = await phone.next((x) => x.type === 'idea.changed' && x.idea.id === idea && x.idea.renderings, `${phone.label}: the rendering`);
    assert.equal(ch.idea.text, TI_IDEA, 'the original is never replaced');
    assert.deepEqual(ch.idea.renderings, [{ lang: 'sv', text: SV_RENDERING, by: 'Mehret' }]);
  }
  await acked(tolk, { type: 'render', cid: 'r2', idea, lang: 'en', text: 'We need more job opportunities for young people' });

  // What an interpreter may not do, and bad renderings: each its own code, nothing changes.
  await refused(tolk, { type: 'idea.hide', cid: 'x1', idea }, 'interpreter_cannot');
  await refused(tolk, { type: 'idea.edit', cid: 'x2', idea, text: 'Annat' }, 'interpreter_cannot');
  await refused(tolk, { type: 'phase', cid: 'x3', activity: 1, phase: 'locked' }, 'interpreter_cannot');
  await refused(tolk, { type: 'group.create', cid: 'x4', activity: 1, name: 'G' }, 'interpreter_cannot');
  await refused(tolk, { type: 'render', cid: 'x5', idea: 999, lang: 'sv', text: 'Ingen' }, 'no_idea');
  await refused(tolk, { type: 'render', cid: 'x6', idea, lang: 'not a tag', text: 'X' }, 'bad_lang');
  await refused(tolk, { type: 'render', cid: 'x7', idea, lang: 'sv', text: '   ' }, 'empty_text');
  await refused(tolk, { type: 'render', cid: 'x8', idea, lang: 'sv', text: SV_RENDERING }, 'bad_value');
  await refused(tolk, { type: 'render', cid: 'x9', idea, lang: 'sv', text: 'x'.repeat(281) }, 'text_too_long');
  await refused(sv, { type: 'render', cid: 's3', idea, lang: 'sv', text: 'Från en telefon' }, 'forbidden');

  await host.stop('SIGTERM');
  const saved = readSession(m.session);
  assert.equal(saved.version, 4);
  const kept = saved.ideas.find((i) => i.id === idea);
  assert.ok(!kept.hidden, 'the interpreter\'s hide changed nothing');
  assert.equal(kept.text, TI_IDEA);
  assert.ok(kept.interpret_asked, 'the mark is kept, with its time');
  assert.deepEqual(saved.renderings.map((r) => [r.idea, r.lang, r.text, r.by]),
    [[idea, 'sv', SV_RENDERING, 'Mehret'], [idea, 'en', 'We need more job opportunities for young people', 'Mehret']]);
  assert.match(saved.renderings[0].at, /^\d{4}-\d\d-\d\dT/);
  assert.equal(saved.activities[0].pictos.join(','), '🏠,🗣️,');

  // The board (a view of the saved meeting): the Tigrinya original with the Swedish rendering
  // under it on the same note.
  const png = path.join(m.dir, 'board.png');
  const json = path.join(m.dir, 'board.json');
  const r = spawnSync(BIN, ['--session', m.session, '--screenshot', png, '--layout-json', json], {
    cwd: ROOT, encoding: 'utf8', timeout: 60000, env: { ...process.env, SDL_VIDEODRIVER: 'dummy' } });
  assert.equal(r.status, 0, r.stderr);
  const note = JSON.parse(fs.readFileSync(json, 'utf8')).notes.find((n) => n.idea === idea);
  assert.ok(note, 'the idea is on the board');
  assert.equal(note.rendering.lang, 'sv');
  assert.equal(note.rendering.text, SV_RENDERING);
});

test('signals are counted per activity and language, never per person, and survive a SIGKILL', async (t) => {
  const m = meeting();
  const host = await startHost(['--session', m.session, '--template', m.template]);
  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  await fac.hello({ key: facilitatorKey(host) });
  const phones = [];
  for (let i = 0; i < 3; i++) {
    const p = await Client.connect(host.wsUrl, { label: `fa phone ${i}` });
    await p.hello({ name: `Dari ${i}`, lang: 'fa' });
    phones.push(p);
  }
  const so = await Client.connect(host.wsUrl, { label: 'so phone' });
  await so.hello({ name: 'Hodan', lang: 'so' });
  for (const [i, p] of phones.entries()) await acked(p, { type: 'signal', cid: `i${i}`, kind: 'interpret' });
  await acked(phones[0], { type: 'signal', cid: 'slow', kind: 'slower' });
  await acked(so, { type: 'signal', cid: 'u1', kind: 'unclear' });
  // The same signal again at once: kindly refused, not counted.
  await refused(phones[0], { type: 'signal', cid: 'again', kind: 'interpret' }, 'too_soon');
  await refused(phones[1], { type: 'signal', cid: 'bad', kind: 'louder' }, 'bad_field');
  await refused(fac, { type: 'signal', cid: 'f1', kind: 'interpret' }, 'forbidden');

  await fac.until((ms) => ms.some((x) => x.type === 'signals' && x.signals.some((s) => s.lang === 'so' && s.unclear === 1)), 'the signals');
  const last = fac.all('signals').pop();
  assert.equal(last.activity, 1);
  const fa = last.signals.find((s) => s.lang === 'fa');
  assert.deepEqual([fa.interpret, fa.slower, fa.unclear], [3, 1, 0]);
  assert.equal(phones[2].all('signals').length, 0, 'phones never see the counts');

  // A SIGKILL: the counts come back from the journal, which names no one.
  host.proc.kill('SIGKILL');
  await new Promise((r) => host.proc.once('exit', r));
  const journal = fs.readFileSync(`${m.session}.journal`, 'utf8').split('\n').filter((l) => l.includes('"signal"'));
  assert.equal(journal.length, 5);
  for (const line of journal) {
    const j = JSON.parse(line);
    assert.equal(j.p, undefined, `no participant in ${line}`);
    assert.equal(j.cid, undefined, `no client id in ${line}`);
  }
  const again = await startHost(['--session', m.session]);
  t.after(() => again.stop('SIGKILL'));
  const fac2 = await Client.connect(again.wsUrl, { label: 'facilitator again' });
  const w = await fac2.hello({ key: facilitatorKey(again) });
  const fa2 = w.signals.find((s) => s.lang === 'fa');
  assert.deepEqual([fa2.interpret, fa2.slower, fa2.unclear], [3, 1, 0]);
  await again.stop('SIGTERM');
  const saved = readSession(m.session);
  for (const s of saved.signals) assert.deepEqual(Object.keys(s).sort(), ['activity', 'interpret', 'lang', 'last', 'slower', 'unclear']);
  assert.ok(!JSON.stringify(saved.participants).includes('signal'), 'nothing about signals per person');
});

test('photos: judged by their bytes, durable before the ack, served unless hidden, in the report after a SIGKILL', async (t) => {
  const m = meeting();
  const host = await startHost(['--session', m.session, '--template', m.template]);
  const phone = await Client.connect(host.wsUrl, { label: 'phone' });
  await phone.hello({ name: 'Lina', lang: 'sv' });
  const other = await Client.connect(host.wsUrl, { label: 'other phone' });
  await other.hello({ name: 'Sami', lang: 'so' });
  const b64 = (f) => fs.readFileSync(path.join(PHOTOS, f)).toString('base64');
  const sha = (f) => crypto.createHash('sha256').update(fs.readFileSync(path.join(PHOTOS, f))).digest('hex');

  // Bad photos, each its own code; none leaves an idea or a file behind.
  await refused(phone, { type: 'idea.post', cid: 'b1', photo: b64('page.jpg') }, 'photo_type');
  const jpeg = fs.readFileSync(path.join(PHOTOS, 'hus.jpg'));
  await refused(phone, { type: 'idea.post', cid: 'b2', photo: jpeg.subarray(0, jpeg.length - 40).toString('base64') }, 'photo_truncated');
  await refused(phone, { type: 'idea.post', cid: 'b3', photo: Buffer.alloc(700 * 1024, 7).toString('base64') }, 'photo_too_big');
  const wide = Buffer.from(fs.readFileSync(path.join(PHOTOS, 'actually-png.jpg')));
  wide.writeUInt32BE(5000, 16);   // IHDR width
  await refused(phone, { type: 'idea.post', cid: 'b4', photo: wide.toString('base64') }, 'photo_pixels');
  await refused(phone, { type: 'idea.post', cid: 'b5', photo: 'not base64!' }, 'bad_field');
  await refused(phone, { type: 'idea.post', cid: 'b6', photo: `data:image/jpeg;base64,${b64('hus.jpg')}` }, 'bad_field');
  const photoDir = m.session.replace(/\.json$/, '-photos');
  assert.ok(!fs.existsSync(photoDir) || fs.readdirSync(photoDir).length === 0, 'no photo kept from a refusal');

  // A PNG named .jpg is taken by its content, and stored as what it is.
  const png = (await acked(phone, { type: 'idea.post', cid: 'p1', photo: b64('actually-png.jpg'), text: 'Vår skolgård' })).idea;
  const seen = await other.next((x) => x.type === 'idea.added' && x.idea.id === png, 'the photo idea');
  assert.deepEqual(seen.idea.photo, { file: `${sha('actually-png.jpg')}.png`, width: 96, height: 64 });
  assert.equal(seen.idea.text, 'Vår skolgård');
  // A JPEG with no text, then the SIGKILL right after its ack.
  const jpg = (await acked(phone, { type: 'idea.post', cid: 'p2', photo: b64('hus.jpg'), category: 0 })).idea;
  host.proc.kill('SIGKILL');
  await new Promise((r) => host.proc.once('exit', r));

  const dir = m.session.replace(/\.json$/, '-photos');
  const onDisk = fs.readFileSync(path.join(dir, `${sha('hus.jpg')}.jpg`));
  assert.ok(onDisk.equals(jpeg), 'the photo is on disk, whole, under its content hash');
  assert.deepEqual(fs.readdirSync(dir).sort(), [`${sha('actually-png.jpg')}.png`, `${sha('hus.jpg')}.jpg`].sort());

  const again = await startHost(['--session', m.session]);
  t.after(() => again.stop('SIGKILL'));
  const fac = await Client.connect(again.wsUrl, { label: 'facilitator' });
  const w = await fac.hello({ key: facilitatorKey(again) });
  const back = w.ideas.find((i) => i.id === jpg);
  assert.deepEqual(back.photo, { file: `${sha('hus.jpg')}.jpg`, width: 96, height: 64 });
  assert.equal(back.text, '');

  // Served to the phones as an image, until hidden.
  const file = `/photo/${sha('hus.jpg')}.jpg`;
  let res = await get(again.port, file);
  assert.equal(res.status, 200);
  assert.equal(res.type, 'image/jpeg');
  assert.ok(res.body.equals(jpeg));
  assert.equal((await get(again.port, '/photo/../session.json')).status, 404);
  assert.equal((await get(again.port, `/photo/${'0'.repeat(64)}.jpg`)).status, 404);
  await acked(fac, { type: 'idea.hide', cid: 'h1', idea: jpg });
  assert.equal((await get(again.port, file)).status, 404, 'a hidden photo is not served');
  // The facilitator posts a photo of a paper note herself.
  await acked(fac, { type: 'idea.post', cid: 'f1', photo: b64('actually-png.jpg'), text: 'Lapp från bord 3' });
  await again.stop('SIGTERM');

  const saved = readSession(m.session);
  const hidden = saved.ideas.find((i) => i.id === jpg);
  assert.equal(hidden.hidden, true, 'a hidden photo stays in the record, marked');
  assert.equal(hidden.photo.file, `${sha('hus.jpg')}.jpg`);

  // The HTML report embeds the shown photos and stays one file.
  const rep = spawnSync(BIN, ['report', m.session, '--format', 'html'], { cwd: ROOT, maxBuffer: 64 << 20 });
  assert.equal(rep.status, 0, rep.stderr.toString());
  const html = rep.stdout.toString();
  assert.ok(html.includes(`data:image/png;base64,${b64('actually-png.jpg')}`), 'the PNG is embedded');
  assert.ok(!/<img[^>]+src="(?!data:)/.test(html), 'no image refers to a file');
  const csv = spawnSync(BIN, ['report', m.session, '--format', 'csv'], { cwd: ROOT }).stdout.toString();
  assert.ok(csv.includes(`${sha('actually-png.jpg')}.png`), 'the CSV names the file');
});

test('pictograms on a live activity, recorded prompts from a template, served at /audio/', async (t) => {
  const m = meeting();
  const audio = path.join(m.dir, 'audio');
  fs.mkdirSync(audio);
  fs.writeFileSync(path.join(audio, 'fraga-ti.wav'), Buffer.from('RIFF....WAVEfmt '));
  const tpl = JSON.parse(fs.readFileSync(m.template, 'utf8'));
  tpl.activities[0].audio = { ti: { prompt: 'fraga-ti.wav', choices: ['bostad-ti.wav', null, null] } };
  fs.writeFileSync(m.template, JSON.stringify(tpl));
  const host = await startHost(['--session', m.session, '--template', m.template]);
  t.after(() => host.stop('SIGKILL'));
  const phone = await Client.connect(host.wsUrl, { label: 'phone' });
  const w = await phone.hello({ name: 'Abdi', lang: 'ti' });
  assert.deepEqual(w.activity.pictos, ['🏠', '🗣️', '']);
  assert.deepEqual(w.activity.audio, { ti: { prompt: 'fraga-ti.wav', choices: ['bostad-ti.wav'] } });
  const res = await get(host.port, '/audio/fraga-ti.wav');
  assert.equal(res.status, 200);
  assert.equal((await get(host.port, '/audio/../template.json')).status, 404);

  const fac = await Client.connect(host.wsUrl, { label: 'facilitator' });
  await fac.hello({ key: facilitatorKey(host) });
  await acked(fac, { type: 'activity.add', cid: 'a1', kind: 'poll', poll: 'single', prompt: 'Hur kom du hit?',
    choices: ['Buss', 'Cykel', 'Till fots'], pictos: ['🚌', '🚲', ''] });
  await refused(fac, { type: 'activity.add', cid: 'a2', kind: 'poll', poll: 'single', prompt: 'X?',
    choices: ['A', 'B'], pictos: ['no emoji', ''] }, 'bad_picto');
  await refused(fac, { type: 'activity.add', cid: 'a3', kind: 'poll', poll: 'single', prompt: 'X?',
    choices: ['A', 'B'], pictos: ['🚌'] }, 'bad_field');
  await acked(fac, { type: 'goto', cid: 'g', activity: 3 });
  const st = await phone.next((x) => x.type === 'state' && x.activity && x.activity.id === 3, 'the poll');
  assert.deepEqual(st.activity.pictos, ['🚌', '🚲', '']);

  // A template with a recorded prompt that is a path: the host says which and starts nothing.
  tpl.activities[0].audio = { ti: { prompt: '../../etc/passwd' } };
  const bad = path.join(m.dir, 'bad.json');
  fs.writeFileSync(bad, JSON.stringify(tpl));
  const r = spawnSync(BIN, ['--headless', '--port', '0', '--session', path.join(m.dir, 'other.json'), '--template', bad],
    { cwd: ROOT, encoding: 'utf8', timeout: 20000 });
  assert.notEqual(r.status, 0);
  assert.match(r.stderr + r.stdout, /passwd/);
  assert.ok(!fs.existsSync(path.join(m.dir, 'other.json')));
});
