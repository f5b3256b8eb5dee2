#!/usr/bin/env python3
# Writes the board fixtures of issue 19 (tables and rounds) into tests/board/fixtures:
#   tables-columns.json  a World Café harvest: 4 tables, an ideas activity by_table (locked: the
#                        whole harvest), ideas at every table but one, one written at no table,
#                        a hidden one, each table's pick brought forward
#   tables-round.json    a 1-2-4-All in its second round ("I par"), by_table, its timer paused at
#                        1:35 of 2:00: round 2's ideas and the picks of round 1; round 1's other
#                        ideas are off the board while round 2 runs
#   tables-plain.json    the same meeting's tables, an ideas activity NOT by_table: one list
#                        until the facilitator presses B (tests/unit/test_board.c)
# Session format version 4 (host/store.c). Run from anywhere; the files it writes are committed,
# so this only runs again when the fixtures change.
import hashlib
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, 'fixtures')
T0 = '2026-12-07T18:00:00.000Z'


def at(minutes, seconds=0):
    t = minutes * 60 + seconds
    return '2026-12-07T%02d:%02d:%02d.000Z' % (18 + t // 3600, t // 60 % 60, t % 60)


def session(title, activities, participants, ideas, tables, current=1):
    return {
        'format': 'medskapa-session', 'version': 4, 'title': title, 'lang': 'sv',
        'created': T0, 'saved': at(55), 'current_activity': current, 'journal_seq': 0, 'tables': tables,
        'activities': activities, 'participants': participants, 'groups': [], 'ideas': ideas,
        'votes': [], 'answers': [], 'moderation': [], 'renderings': [], 'signals': [],
    }


# Sixteen people at four tables; the first at each table is its scribe.
NAMES = [('Amal', 'ar'), ('Erik', 'sv'), ('Mahsa', 'fa'), ('Yonas', 'ti'), ('Sara', 'sv'), ('Hodan', 'so'),
         ('Olena', 'uk'), ('Johan', 'sv'), ('Reza', 'fa'), ('Lina', 'sv'), ('Ahmed', 'ar'), ('Mia', 'sv'),
         ('Senait', 'ti'), ('Nils', 'sv'), ('Ayaan', 'so'), ('Karin', 'sv')]


def people():
    out = []
    for i, (name, lang) in enumerate(NAMES, 1):
        p = {'id': i, 'token': hashlib.md5(('tables-%d' % i).encode()).hexdigest(), 'name': name, 'lang': lang,
             'joined': at(0, 10 + 7 * i), 'table': (i - 1) % 4 + 1}
        if i <= 4:
            p['scribe'] = True
        out.append(p)
    return out


def idea(i, author, text, minute, table, rnd=0, forward=0, **more):
    d = {'id': i, 'activity': 1, 'author': author, 'text': text, 'created': at(minute), 'table': table}
    if rnd:
        d['round'] = rnd
    if forward:
        d['forward'] = forward
    d.update(more)
    return d


def write(name, s):
    with open(os.path.join(FIX, name), 'w', encoding='utf-8') as f:
        json.dump(s, f, ensure_ascii=False, indent='\t')
        f.write('\n')
    print('wrote', os.path.join('tests/board/fixtures', name))


def columns():
    act = {'id': 1, 'kind': 'ideas', 'title': 'Världscafé', 'by_table': True, 'phase': 'locked',
           'prompt': 'Vad skulle få fler att stanna kvar i föreningen efter första året?',
           'rounds': [{'title': 'Första samtalet', 'seconds': 1200}, {'title': 'Resenärerna byter bord', 'seconds': 1200},
                      {'title': 'Skörd', 'seconds': 600}], 'round': 3}
    ideas = [
        idea(1, 1, 'En fadder som hör av sig efter tre månader', 3, 1, rnd=1),
        idea(2, 5, 'Ett välkomstkaffe varje termin', 24, 1, rnd=2),
        idea(3, 9, 'Fråga nya medlemmar vad de vill göra, inte bara vad de kan', 45, 1, rnd=3, forward=3),
        idea(4, 2, 'Tydligt vem man ringer när man har en fråga', 3, 2, rnd=1),
        idea(5, 6, 'Uppdrag i små portioner: en kväll, inte ett år', 46, 2, rnd=3, forward=3),
        idea(6, 10, 'Gratis första säsongen för hela familjen', 25, 2, rnd=2),
        idea(7, 14, 'Olämpligt inlägg', 26, 2, rnd=2, hidden=True),
        idea(8, 3, 'Styrelsemöten på fler språk, med tolk', 44, 3, rnd=3, forward=3),
        idea(9, 7, 'Samåkning till bortamatcher', 5, 3, rnd=1),
        idea(10, 0, 'Mötesledarens idé: en gemensam kalender för alla föreningar', 50, 0),
    ]
    # Table 4 wrote nothing: its column is there, empty, so the room sees it.
    write('tables-columns.json', session('Rådrum: att stanna kvar', [act], people(), ideas, 4))


def round_two():
    act = {'id': 1, 'kind': 'ideas', 'title': '1-2-4-alla', 'by_table': True, 'phase': 'open',
           'prompt': 'Hur når vi dem som inte redan kommer till föreningarna?',
           'rounds': [{'title': 'Ensam', 'seconds': 60}, {'title': 'I par', 'seconds': 120},
                      {'title': 'I fyra', 'seconds': 240}, {'title': 'Alla', 'seconds': 300}],
           'round': 2, 'timer': {'duration_ms': 120000, 'running': False, 'left_ms': 95000, 'lock_at_zero': False}}
    ideas = [
        # round 1: alone; one pick per table brought forward, the rest stay behind
        idea(1, 1, 'Affischer på fler språk i tvättstugan', 1, 1, rnd=1, forward=1),
        idea(2, 5, 'Fråga skolorna', 1, 1, rnd=1),
        idea(3, 2, 'Prova-på-dag i parken', 1, 2, rnd=1, forward=1),
        idea(4, 6, 'Radio på somaliska', 1, 2, rnd=1),
        idea(5, 3, 'Gå med i moskéns och kyrkans nyhetsbrev', 1, 3, rnd=1, forward=1),
        idea(6, 4, 'Sms-kedja', 1, 4, rnd=1),
        # round 2: in pairs
        idea(7, 9, 'Prova-på-dag i parken, med tolkar på plats', 3, 2, rnd=2),
        idea(8, 13, 'Nyhetsbrev och affischer tillsammans: samma text på fem språk', 3, 1, rnd=2),
        idea(9, 7, 'Låt barnen bjuda med föräldrarna', 3, 3, rnd=2),
        idea(10, 8, 'Ambassadörer från varje bostadsområde', 4, 4, rnd=2),
    ]
    write('tables-round.json', session('Rådrum: nå fler', [act], people(), ideas, 4))


def plain():
    act = {'id': 1, 'kind': 'ideas', 'title': 'Idéer', 'phase': 'open',
           'prompt': 'Vad behöver en ny förening första året?'}
    ideas = [idea(1, 1, 'En lokal att vara i', 1, 1), idea(2, 2, 'Någon som kan bokföring', 1, 2),
             idea(3, 3, 'Ett bankkonto', 2, 3), idea(4, 4, 'Medlemmar', 2, 4), idea(5, 5, 'Stadgar', 3, 1)]
    write('tables-plain.json', session('Rådrum: ny förening', [act], people(), ideas, 4))


if __name__ == '__main__':
    os.makedirs(FIX, exist_ok=True)
    columns()
    round_two()
    plain()
