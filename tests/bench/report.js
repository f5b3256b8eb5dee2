// tests/bench/report.js: turn the benchmark results (one JSON object a line, from run.sh) into
// Markdown: the targets and whether they were met, then every figure; print it and write it.
//   node tests/bench/report.js tests/out/bench.jsonl tests/out/bench.md
'use strict';
const fs = require('node:fs');

const [, , inPath, outPath] = process.argv;
const rows = fs.readFileSync(inPath, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const by = (label) => rows.find((r) => r.label === label);
const m = by('machine') || {};
const fsync = by('fdatasync-append');
const fsyncPre = by('fdatasync-prealloc');
const idle = by('idle-ack');
const boards = rows.filter((r) => r.label === 'board');
const idleBoard = rows.find((r) => r.label === 'idle-board');
const phones = rows.filter((r) => /^medskapa-\d+$/.test(r.label)).map((r) => r.phones).sort((a, b) => a - b);
const ours = (n) => by(`medskapa-${n}`);
const peer = (n) => by(`lws-${n}`);

const num = (x) => (x == null || x < 0 || Number.isNaN(x) ? '-' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
const ms = (x) => (x == null || x < 0 ? '-' : `${num(x)} ms`);
const ratio = (a, b) => (a > 0 && b > 0 ? a / b : null);
const rx = (x) => (x == null ? '-' : `${x.toFixed(2)}x`);
const verdict = (value, limit, unit, lowerIsBetter = true) => {
  if (value == null || value < 0) return 'not measured';
  const ok = lowerIsBetter ? value <= limit : value >= limit;
  if (ok) return 'met';
  const by_ = lowerIsBetter ? value - limit : limit - value;
  return `**missed** by ${by_ < 0.01 ? by_.toPrecision(1) : num(by_)}${unit}`;
};

const out = [];
const line = (s = '') => out.push(s);
const table = (head, body) => {
  line(`| ${head.join(' | ')} |`);
  line(`|${head.map(() => '---').join('|')}|`);
  for (const r of body) line(`| ${r.join(' | ')} |`);
  line();
};

line(`Machine: ${m.cpu || '?'} (${m.cores || '?'} cores), ${m.mem || '?'}, ${m.kernel || '?'}, ${m.fs || '?'}; ` +
  `libwebsockets ${m.lws || '?'}; load average at start ${m.loadavg || '?'}. ${m.date || '?'}, commit ${m.commit || '?'}. ` +
  'Load client, servers and board on the same 2 cores, loopback only. Reproduce: `make bench` ' +
  '(raw results in tests/out/bench.jsonl).');
line();

// ---- targets ---------------------------------------------------------------------------------
const n1000 = phones.includes(1000) ? 1000 : phones[phones.length - 1];
const o3000 = ours(3000);
const b500 = boards.find((b) => b.ideas === 500);
const r10k = by('resume-r10k');
// The target's figure: the median over the seconds of the burst of each second's p99.
const median = (v) => { if (!v || !v.length) return null; const s = [...v].sort((a, b) => a - b); return s[(s.length - 1) >> 1]; };
const secP99 = (r) => median(r?.votes?.ack_p99_per_second_ms);
const ackRatio = ours(n1000) && fsync ? ratio(secP99(ours(n1000)), fsync.p99_ms) : null;
const fanRatios = phones.map((n) => ratio(ours(n)?.fanout?.total_p50_ms, peer(n)?.fanout?.total_p50_ms));
table(['Target', 'Measured', 'Verdict'], [
  ['Hold 3000 phones', o3000 ? `${o3000.joined} joined, ${o3000.closed_early} dropped` : '-',
    o3000 ? verdict(o3000.joined - o3000.closed_early, 3000, ' phones', false) : 'not measured'],
  ['Durable ack p99 <= 1.5x bare fdatasync p99, 1000 votes/s (median of each second\'s p99)', ackRatio ? `${rx(ackRatio)} (${ms(secP99(ours(n1000)))} / ${ms(fsync.p99_ms)}, ${n1000} phones)` : '-',
    verdict(ackRatio, 1.5, 'x')],
  ['One event reaches 1000 phones within 50 ms (p50 of 10)', ours(1000) ? `${ms(ours(1000).fanout.total_p50_ms)} (max ${num(ours(1000).fanout.total_max_ms)})` : '-',
    ours(1000) ? verdict(ours(1000).fanout.total_p50_ms, 50, ' ms') : 'not measured'],
  ['<= 16 KiB server memory per idle phone (aim 8)', phones.map((n) => `${num(ours(n)?.rss_per_phone_kib)} KiB at ${n}`).join(', '),
    phones.map((n) => verdict(ours(n)?.rss_per_phone_kib, 16, ' KiB')).join(' / ')],
  ['Fan-out at least as fast as the lws test server (p50)', phones.map((n, i) => `${rx(fanRatios[i])} at ${n}`).join(', '),
    fanRatios.map((r) => verdict(r, 1, 'x')).join(' / ')],
  ['A frame of 500 notes within 8 ms (p99)', b500 ? `${ms(b500.relayout.p99_ms)} (500 ideas, ${b500.drawn} notes drawn)` : '-',
    b500 ? verdict(b500.relayout.p99_ms, 8, ' ms') : '-'],
  ['Resume of 10,000 ideas within 200 ms (p50)', r10k ? ms(r10k.p50_ms) : '-', r10k ? verdict(r10k.p50_ms, 200, ' ms') : '-'],
]);

// ---- phones ------------------------------------------------------------------------------------
const cell = (fn) => phones.map((n) => fn(n) ?? '-');
const fan = (r) => (r && r.fanout && r.fanout.rounds ? `${ms(r.fanout.total_p50_ms)} (max ${num(r.fanout.total_max_ms)})` : '-');
const acks = (r) => (r && r.votes && r.votes.acked ? `${num(r.votes.ack_p50_ms)} / ${num(r.votes.ack_p99_ms)} / ${num(r.votes.ack_max_ms)} ms` : '-');
table(['Phones (one WebSocket each)', ...phones.map((n) => `${n}`)], [
  ['Joined and held to the end', ...cell((n) => ours(n) && `${ours(n).joined} of ${n}${ours(n).closed_early ? `, ${ours(n).closed_early} dropped` : ''}`)],
  ['Time to connect every phone (first connect to last welcome)', ...cell((n) => ours(n) && ms(ours(n).connect_ms))],
  ['... until the host is quiet (every presence delivered)', ...cell((n) => ours(n) && `${ms(ours(n).quiet_ms)}${ours(n).settle_timeout ? ' (still sending)' : ''}`)],
  ['... presence messages the phones received meanwhile', ...cell((n) => ours(n) && ours(n).presence_msgs.toLocaleString('en'))],
  ['lws test server: time to connect', ...cell((n) => peer(n) && ms(peer(n).connect_ms))],
  ['Server memory per idle phone (VmRSS after joining - before) / N', ...cell((n) => ours(n) && `${num(ours(n).rss_per_phone_kib)} KiB`)],
  ['lws test server, per connection', ...cell((n) => peer(n) && `${num(peer(n).rss_per_phone_kib)} KiB`)],
  ['... medskapa / lws test server', ...cell((n) => rx(ratio(ours(n)?.rss_per_phone_kib, peer(n)?.rss_per_phone_kib)))],
  [`Fan-out: one idea.post until every phone has its idea.added, p50 (max) of ${ours(phones[0])?.fanout?.rounds ?? '?'}`, ...cell((n) => fan(ours(n)))],
  ['... first to last phone, p50', ...cell((n) => ours(n) && ms(ours(n).fanout.spread_p50_ms))],
  ['lws test server (lws-mirror-protocol), same measure', ...cell((n) => fan(peer(n)))],
  ['... first to last phone, p50', ...cell((n) => peer(n) && ms(peer(n).fanout.spread_p50_ms))],
  ['... medskapa / lws test server (p50)', ...fanRatios.map(rx)],
  [`Idea burst: ${ours(phones[0])?.ideas?.sent ?? '?'} ideas from as many phones within 1 s; every phone has all of them this long after the last post`, ...cell((n) => ours(n)?.ideas && ms(ours(n).ideas.after_last_post_ms))],
  ['... durable ack of those posts: p50 / p99 / max', ...cell((n) => ours(n)?.ideas && `${num(ours(n).ideas.ack_p50_ms)} / ${num(ours(n).ideas.ack_p99_ms)} / ${num(ours(n).ideas.ack_max_ms)} ms`)],
  ['lws test server, the same burst mirrored to everyone', ...cell((n) => peer(n)?.ideas && ms(peer(n).ideas.after_last_post_ms))],
  [`Durable ack of a vote, ${ours(phones[0])?.votes?.sent ?? '?'} votes in ${ours(phones[0])?.votes ? Math.round(ours(phones[0]).votes.send_span_ms / 1000) : '?'} s: p50 / p99 / max`, ...cell((n) => acks(ours(n)))],
  ['... p99 of each second of the burst', ...cell((n) => ours(n)?.votes?.ack_p99_per_second_ms && `${ours(n).votes.ack_p99_per_second_ms.map(num).join(' / ')} ms`)],
  ['... median of those / bare fdatasync p99', ...cell((n) => rx(ratio(secP99(ours(n)), fsync?.p99_ms)))],
  ['... votes refused', ...cell((n) => ours(n)?.votes && `${ours(n).votes.errors}${ours(n).votes.error_code ? ` (${ours(n).votes.error_code})` : ''}`)],
  ['Server CPU s (user+sys): connect / until quiet / fan-out / idea burst / votes', ...cell((n) => { const c = ours(n)?.server_cpu_s; return c && `${num(c.connect)} / ${num(c.settle)} / ${num(c.fanout)} / ${num(c.ideas)} / ${num(c.votes)}`; })],
  ['... whole scenario: server CPU s / wall s / load client CPU s', ...cell((n) => ours(n) && `${num(ours(n).server_cpu_s.total)} / ${num(ours(n).wall_s)} / ${num(ours(n).client_cpu_s)}`)],
]);

// ---- the disk, the board, start-up, resume ----------------------------------------------------
const stat = (r) => (r ? `${ms(r.p50_ms)} / ${ms(r.p99_ms)} (max ${num(r.max_ms)}, ${r.n} samples)` : '-');
const startup = (label) => { const r = by(label); return r ? `${ms(r.p50_ms)} (min ${num(r.min_ms)}, max ${num(r.max_ms)}, ${r.n} runs)` : '-'; };
const boardRow = (b) => [b.ideas === 0 ? 'Board frame, no ideas (header, QR code, empty state)' : `Board frame, ${b.ideas} ideas (${b.drawn} notes drawn, then "+${b.ideas - b.drawn}")`,
  `relayout ${num(b.relayout.p50_ms)} / ${num(b.relayout.p99_ms)} ms; repaint ${num(b.repaint.p50_ms)} / ${num(b.repaint.p99_ms)} ms; first frame ${ms(b.first_ms)}`];
table(['Figure', 'Measured: p50 / p99 unless said'], [
  ['Bare fdatasync of a 160-byte append, 2 ms apart, same file system as the journal', stat(fsync)],
  ['... over a file written with zeros beforehand', stat(fsyncPre)],
  ['Durable ack of a vote on an idle host (1 phone, 10 votes/s): p50 / p99 / max', idle && idle.votes ? `${num(idle.votes.ack_p50_ms)} / ${num(idle.votes.ack_p99_ms)} / ${num(idle.votes.ack_max_ms)} ms (${idle.votes.acked} votes)` : '-'],
  ...boards.map(boardRow),
  ['Start-up to the first frame (exec until --screenshot has written the PNG), demo template, 1920x1080', startup('first-frame-template')],
  ['... a session of 500 ideas', startup('first-frame-board500')],
  ['Board at rest: the host with its window (Xvfb, 1920x1080, 100 ideas), nothing happening, CPU over 10 s',
    idleBoard ? `${idleBoard.cpu_pct.toFixed(2)}% (${idleBoard.ticks} ticks of 1/${idleBoard.hz} s)` : '-'],
  ['Start with an empty meeting (exec until "Listening on port"): the fixed cost', startup('resume-r0')],
  ['Resume a session of 10,000 ideas (exec until "Listening on port")', startup('resume-r10k')],
  ['... plus 10,000 journal lines after the snapshot', startup('resume-r10kj')],
]);

line('How: the load client is C on the libwebsockets 4.1 client API on a libev (epoll) loop, one thread; times are taken in it, ' +
  'from writing a frame to reading the answer. Fan-out through the host includes making the idea durable ' +
  '(the host sends nothing before its fdatasync); the lws test server persists nothing. Votes: 1000 a second ' +
  'for three seconds, spread evenly over time and over the phones (each within the host\'s 10/s limit), with ' +
  'absolute dots; the ack target takes the p99 of each second and their median. ' +
  'Memory: VmRSS of the server before the phones connect and once it is quiet after they joined. Frames: ' +
  'the host\'s board objects with the software renderer on SDL\'s `dummy` driver; *relayout* = after ' +
  '`board_invalidate` (what a new idea costs), *repaint* = the same layout again. Start-up to the first frame ' +
  'is a proxy: it also loads fonts and encodes the PNG.');

const md = out.join('\n') + '\n';
fs.writeFileSync(outPath, md);
process.stdout.write('\n' + md);
