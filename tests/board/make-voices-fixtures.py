#!/usr/bin/env python3
# Writes the board fixtures of issue 18 ("every voice in the room") into tests/board/fixtures:
#   voices-renderings.json  ideas in Tigrinya, Arabic, Somali and Persian with Swedish renderings
#   voices-photos.json      photo ideas (real JPEG and PNG files in voices-photos-photos/, named
#                           by their SHA-256 like the host stores them), in a group and alone,
#                           one whose file is missing, one whose file is not a picture, a hidden one
#   voices-pictos.json      categories with pictograms, a dot vote and a poll with pictograms
#   voices-signals.json     the signals counted per language (tests set "last" from their clock)
# Session format version 3 (host/store.c). The pictures are drawn here (PNG with zlib, JPEG with
# cjpeg from libjpeg-turbo-progs) so that the tests know their colours. Run from anywhere; the
# files it writes are committed, so this only runs again when the fixtures change.
import hashlib
import json
import os
import shutil
import struct
import subprocess
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
FIX = os.path.join(HERE, 'fixtures')

# ---- pictures ------------------------------------------------------------------------------

def png(w, h, px):
    """An 8-bit RGB PNG of w x h; px(x, y) -> (r, g, b)."""
    raw = bytearray()
    for y in range(h):
        raw.append(0)
        for x in range(w):
            raw.extend(px(x, y))
    def chunk(kind, data):
        c = struct.pack('>I', len(data)) + kind + data
        return c + struct.pack('>I', zlib.crc32(kind + data) & 0xFFFFFFFF)
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', w, h, 8, 2, 0, 0, 0)) +
            chunk(b'IDAT', zlib.compress(bytes(raw), 9)) + chunk(b'IEND', b''))


def jpeg(w, h, px, quality=88):
    """A baseline JPEG of w x h through cjpeg; px(x, y) -> (r, g, b)."""
    ppm = bytearray(b'P6\n%d %d\n255\n' % (w, h))
    for y in range(h):
        for x in range(w):
            ppm.extend(px(x, y))
    r = subprocess.run(['cjpeg', '-quality', str(quality), '-optimize'], input=bytes(ppm), capture_output=True, check=True)
    return r.stdout


SKY, GRASS, WALL, ROOF, SUN = (110, 170, 230), (60, 150, 70), (235, 225, 205), (190, 50, 40), (250, 205, 40)


def house(x, y, w, h):
    """A child's drawing of a house: sky over grass, a wall, a red roof, a sun (portrait)."""
    gy = h * 3 // 4
    cx, wy0, wy1, wx0, wx1 = w // 2, h * 9 // 20, gy, w // 4, w * 3 // 4
    if (x - w * 4 // 5) ** 2 + (y - h // 8) ** 2 < (w // 10) ** 2:
        return SUN
    if wy0 - (wx1 - wx0) // 2 <= y < wy0 and abs(x - cx) <= (y - (wy0 - (wx1 - wx0) // 2)):
        return ROOF
    if wy0 <= y < wy1 and wx0 <= x < wx1:
        if w * 9 // 20 <= x < w * 11 // 20 and y >= wy1 - h // 8:
            return (110, 70, 40)                       # the door
        return WALL
    return SKY if y < gy else GRASS


TABLE, PAPER, PEN = (150, 105, 65), (252, 236, 140), (40, 45, 60)


def paper_note(x, y, w, h):
    """A yellow paper note on a wooden table, with three lines of handwriting (landscape)."""
    px0, px1, py0, py1 = w // 4, w * 3 // 4, h // 6, h * 5 // 6
    if px0 <= x < px1 and py0 <= y < py1:
        for k in range(3):
            ly = py0 + (py1 - py0) * (k + 1) // 4
            if abs(y - ly - int(6 * ((x * 7 // w) % 2))) < max(2, h // 90) and px0 + w // 20 <= x < px1 - w // 10 * (k == 2):
                return PEN
        return PAPER
    grain = 12 if (y // max(1, h // 40)) % 2 else 0
    return (TABLE[0] - grain, TABLE[1] - grain, TABLE[2] - grain)


BOARD_WHITE, MARKERS = (245, 245, 240), [(200, 40, 40), (30, 90, 200), (30, 140, 60)]


def whiteboard(x, y, w, h):
    """A whiteboard with three marker strokes (landscape, wide)."""
    for k, c in enumerate(MARKERS):
        ly = h * (k + 1) // 4
        if abs(y - ly) < max(3, h // 40) and w // 8 <= x < w * 7 // 8 - k * w // 8:
            return c
    return BOARD_WHITE


def store_photo(folder, data, ext):
    name = hashlib.sha256(data).hexdigest() + '.' + ext
    with open(os.path.join(folder, name), 'wb') as f:
        f.write(data)
    return name

# ---- sessions ------------------------------------------------------------------------------

T0 = '2026-11-24T17:00:00.000Z'


def at(minutes, seconds=0):
    t = minutes * 60 + seconds
    return '2026-11-24T%02d:%02d:%02d.000Z' % (17 + t // 3600, t // 60 % 60, t % 60)


def session(title, activities, participants, ideas, current=1, **more):
    s = {
        'format': 'medskapa-session', 'version': 3, 'title': title, 'lang': 'sv',
        'created': T0, 'saved': at(55), 'current_activity': current, 'journal_seq': 0,
        'activities': activities, 'participants': participants, 'groups': [], 'ideas': ideas,
        'votes': [], 'answers': [], 'moderation': [], 'renderings': [], 'signals': [],
    }
    s.update(more)
    return s


def people(*who):
    out = []
    for i, (name, lang) in enumerate(who, 1):
        out.append({'id': i, 'token': hashlib.md5(('voices-%d' % i).encode()).hexdigest(), 'name': name,
                    'lang': lang, 'joined': at(0, 10 + 7 * i)})
    return out


def write(name, s):
    with open(os.path.join(FIX, name), 'w', encoding='utf-8') as f:
        json.dump(s, f, ensure_ascii=False, indent='\t')
        f.write('\n')
    print('wrote', os.path.join('tests/board/fixtures', name))


PEOPLE = people(('Yonas', 'ti'), ('Amal', 'ar'), ('Hodan', 'so'), ('Farhad', 'fa'), ('Lena', 'sv'), ('Mehret', 'ti'),
                ('', 'uk'), ('Erik', 'sv'))

ASK = {'id': 1, 'kind': 'ideas', 'title': 'Föreningslivet',
       'prompt': 'Vad skulle göra det lättare att börja i en förening här?', 'phase': 'open', 'categories': [],
       'silent': False}


def renderings():
    ideas = [
        (1, 'ናይ ቋንቋ ትምህርቲ ንወለዲ ምስ ሕጻናት ኣብ ሓደ ግዜ', 'Språkkurs för föräldrar samtidigt som barnen har aktivitet'),
        (2, 'نحتاج إلى معلومات عن الأندية باللغة العربية', 'Vi behöver information om föreningarna på arabiska'),
        (5, 'Gratis prova-på-dagar i idrottshallen', None),
        (3, 'Waxaan rabnaa koox kubadda cagta oo haweenka ah', 'Vi vill ha ett fotbollslag för kvinnor'),
        (4, 'جلسات معرفی انجمن‌ها در کتابخانه', None),
        (6, 'ሰዓት 18:30 ይሓይሽ፡ ቅድሚኡ ስራሕ ኣሎ።', 'Klockan 18.30 passar bättre, innan dess jobbar vi.'),
    ]
    out, rend = [], []
    for k, (author, text, sv) in enumerate(ideas, 1):
        out.append({'id': k, 'activity': 1, 'author': author, 'text': text, 'created': at(3 + k, 5)})
        if sv:
            rend.append({'idea': k, 'lang': 'sv', 'text': sv, 'by': 'Mehret', 'at': at(10 + k)})
    # a rendering in another language than the meeting's is not shown on the board
    rend.append({'idea': 2, 'lang': 'en', 'text': 'We need information about the clubs in Arabic', 'by': 'Sam',
                 'at': at(20)})
    out[0]['interpret_asked'] = at(5)
    write('voices-renderings.json', session('Rådrum: Vägen in i föreningslivet', [ASK], PEOPLE, out, renderings=rend))


def photos():
    folder = os.path.join(FIX, 'voices-photos-photos')
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    p_note = store_photo(folder, jpeg(800, 600, lambda x, y: paper_note(x, y, 800, 600)), 'jpg')
    p_house = store_photo(folder, png(360, 480, lambda x, y: house(x, y, 360, 480)), 'png')
    p_board = store_photo(folder, jpeg(900, 450, lambda x, y: whiteboard(x, y, 900, 450)), 'jpg')
    broken = b'<html><script>alert(1)</script></html>'
    p_broken = store_photo(folder, broken, 'jpg')               # a JPEG by name only
    p_missing = hashlib.sha256(b'never stored').hexdigest() + '.png'
    acts = [dict(ASK, prompt='Visa oss en plats där du känner dig välkommen', title='Platser', phase='locked'),
            {'id': 2, 'kind': 'vote', 'title': 'Rösta', 'prompt': 'Vilka platser ska vi besöka tillsammans?',
             'phase': 'open', 'source': 1, 'on_groups': False, 'budget': 3, 'max_per_item': 3, 'live': False},
            {'id': 3, 'kind': 'vote', 'title': 'Resultat', 'prompt': 'Vilka platser ska vi besöka tillsammans?',
             'phase': 'revealed', 'source': 1, 'on_groups': False, 'budget': 3, 'max_per_item': 3, 'live': False}]
    ideas = [
        {'id': 1, 'activity': 1, 'author': 1, 'text': 'Vår lapp från bord 3',
         'photo': {'file': p_note, 'width': 800, 'height': 600}, 'group': 1},
        {'id': 2, 'activity': 1, 'author': 2, 'text': '',
         'photo': {'file': p_house, 'width': 360, 'height': 480}, 'group': 1},
        {'id': 3, 'activity': 1, 'author': 5, 'text': 'Biblioteket är öppet till 20 på torsdagar', 'group': 1},
        {'id': 4, 'activity': 1, 'author': 0, 'text': 'Whiteboarden från förra träffen',
         'photo': {'file': p_board, 'width': 900, 'height': 450}},
        {'id': 5, 'activity': 1, 'author': 3, 'text': 'Fotot kom aldrig fram',
         'photo': {'file': p_missing, 'width': 640, 'height': 480}, 'group': 2},
        {'id': 6, 'activity': 1, 'author': 4, 'text': '',
         'photo': {'file': p_broken, 'width': 400, 'height': 300}, 'group': 2},
        {'id': 7, 'activity': 1, 'author': 6, 'text': 'Dold bild', 'hidden': True, 'hidden_at': at(30),
         'photo': {'file': p_house, 'width': 360, 'height': 480}},
    ]
    for i in ideas:
        i['created'] = at(5 + i['id'])
    groups = [{'id': 1, 'activity': 1, 'name': 'Mötesplatser', 'created': at(20)},
              {'id': 2, 'activity': 1, 'name': 'Att fråga om', 'created': at(21)}]
    votes = []
    for act in (2, 3):
        for p, item, dots in [(1, 2, 3), (2, 1, 2), (2, 4, 1), (3, 2, 2), (4, 3, 1), (5, 4, 3), (6, 2, 1), (8, 6, 1)]:
            votes.append({'activity': act, 'participant': p, 'item': item, 'dots': dots, 'at': at(40, p)})
    write('voices-photos.json', session('Rådrum: Mötesplatser', acts, PEOPLE, ideas, groups=groups, votes=votes,
                                        moderation=[{'at': at(30), 'action': 'hide', 'idea': 7}]))


def pictos():
    cats = [{'text': 'Bostad', 'picto': '🏠'}, {'text': 'Språk', 'picto': '🗣️'},
            {'text': 'Arbete och utbildning', 'picto': '💼'}, {'text': 'Övrigt'}]
    acts = [
        dict(ASK, title='Tre delar', prompt='Vad behöver nya invånare mest under första året?', categories=cats),
        {'id': 2, 'kind': 'vote', 'title': 'Prioritera', 'prompt': 'Vilka idéer ska vi börja med?',
         'phase': 'revealed', 'source': 1, 'on_groups': False, 'budget': 3, 'max_per_item': 2, 'live': False},
        {'id': 3, 'kind': 'poll', 'title': 'Nästa träff', 'prompt': 'Vad vill du prata om nästa gång?',
         'phase': 'revealed', 'poll': 'single',
         'choices': [{'text': 'Bostad', 'picto': '🏠'}, {'text': 'Språkcafé', 'picto': '☕'},
                     {'text': 'Jobb', 'picto': '💼'}, {'text': 'Något annat'}]},
        {'id': 4, 'kind': 'poll', 'title': 'Idag', 'prompt': 'Vad tar du med dig från idag?', 'phase': 'open',
         'poll': 'multi', 'choices': [{'text': 'Nya kontakter', 'picto': '🤝'}, {'text': 'Information', 'picto': 'ℹ️'},
                                      {'text': 'Mer frågor', 'picto': '❓'}]},
    ]
    texts = [
        ('Hyresvärdar som förklarar kontraktet på flera språk', 0, 2),
        ('Språkcafé på kvällstid med barnpassning', 1, 5),
        ('Praktikplatser i kommunen för dem som läser SFI', 2, 8),
        ('ብዛዕባ ገዛ ሓበሬታ ብትግርኛ', 0, 1),
        ('دورة لغة مع تدريب عملي', 2, 2),
        ('Fler bänkar i parken 🌳', 3, 4),
        ('Läxhjälp 📚 på biblioteket', None, 5),
    ]
    ideas = []
    for k, (t, cat, author) in enumerate(texts, 1):
        d = {'id': k, 'activity': 1, 'author': author, 'text': t, 'created': at(4 + k)}
        if cat is not None:
            d['category'] = cat
        ideas.append(d)
    votes = []
    for p, item, dots in [(1, 1, 2), (1, 3, 1), (2, 2, 2), (2, 5, 1), (3, 1, 1), (3, 3, 2), (4, 3, 2), (5, 2, 1),
                          (5, 6, 2), (6, 4, 1), (7, 1, 2), (8, 3, 1)]:
        votes.append({'activity': 2, 'participant': p, 'item': item, 'dots': dots, 'at': at(40, p)})
    answers = [{'activity': 3, 'participant': p, 'value': v} for p, v in
               [(1, 0), (2, 1), (3, 1), (4, 2), (5, 1), (6, 0), (7, 3), (8, 1)]]
    write('voices-pictos.json', session('Rådrum: Bostad, språk och arbete', acts, PEOPLE, ideas, votes=votes,
                                        answers=answers))


def signals():
    acts = [dict(ASK, title='Hinder', prompt='Vad hindrar dig från att börja i en förening i dag?'),
            {'id': 2, 'kind': 'ideas', 'title': 'Nästa steg', 'prompt': 'Vad gör vi nu?', 'phase': 'prepared',
             'categories': [], 'silent': False}]
    texts = [('Jag vet inte vilka föreningar som finns', 5), ('ምኽፋል ክቡር እዩ', 1), ('الوقت غير مناسب للعائلات', 2),
             ('Ingen att gå dit med första gången', 8), ('Waqtiga tababarka waa goor dambe', 3)]
    ideas = [{'id': k, 'activity': 1, 'author': a, 'text': t, 'created': at(4 + k)} for k, (t, a) in enumerate(texts, 1)]
    sig = [
        {'activity': 1, 'lang': 'ti', 'interpret': 2, 'slower': 1, 'unclear': 0, 'last': at(50)},
        {'activity': 1, 'lang': 'fa', 'interpret': 1, 'slower': 0, 'unclear': 1, 'last': at(49)},
        {'activity': 1, 'lang': 'ar', 'interpret': 0, 'slower': 1, 'unclear': 0, 'last': at(48)},
        {'activity': 1, 'lang': '', 'interpret': 0, 'slower': 0, 'unclear': 1, 'last': at(47)},
        {'activity': 2, 'lang': 'so', 'interpret': 4, 'slower': 4, 'unclear': 4, 'last': at(51)},
    ]
    write('voices-signals.json', session('Rådrum: Vägen in i föreningslivet', acts, PEOPLE, ideas, signals=sig))


if __name__ == '__main__':
    renderings()
    photos()
    pictos()
    signals()
