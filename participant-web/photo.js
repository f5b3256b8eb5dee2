/* Medskapa phone page, photos: a picture from the camera or the gallery made small enough to
 * send (at most 1600 px on its long side, about 300 KB of JPEG), shown in the idea box until it
 * is sent, with how far the sending is. Fetched by app.js the first time someone picks a photo
 * (with photo.css). Plain ES2017, like app.js. The page's Content-Security-Policy allows images
 * from data: addresses but not blob:, so the file is read as a data: address. */
(function () {
  'use strict';
  var M = window.Medskapa, S = M.S, el = M.el, t = M.t, make = M.make;
  var SIDE = 1600;             // pixels on the long side, at most
  var GOAL = 300 * 1024;       // bytes: good enough to read a paper note, quick on a busy Wi-Fi
  var CEILING = 500 * 1024;    // bytes: over this even at the lowest quality, fewer pixels (the host takes 600 KB)
  var QUALITY = [0.85, 0.75, 0.65, 0.5];

  function bytes(b64) { return Math.floor(b64.length * 3 / 4); }

  // The picture at most side px long, as JPEG of the first quality that is small enough.
  function encode(img, side) {
    var w = img.naturalWidth, h = img.naturalHeight, k = Math.min(1, side / Math.max(w, h));
    var c = document.createElement('canvas'), g, url, data, i;
    c.width = Math.max(1, Math.round(w * k));
    c.height = Math.max(1, Math.round(h * k));
    g = c.getContext('2d');
    g.fillStyle = '#fff'; // a PNG's transparent parts: white, as on paper
    g.fillRect(0, 0, c.width, c.height);
    g.drawImage(img, 0, 0, c.width, c.height);
    for (i = 0; i < QUALITY.length; i++) {
      url = c.toDataURL('image/jpeg', QUALITY[i]);
      data = url.slice(url.indexOf(',') + 1);
      if (bytes(data) <= GOAL) break;
    }
    return { url: url, data: data, width: c.width, height: c.height, bytes: bytes(data) };
  }

  // cb(err, {data: base64 without the data: prefix, url: a data: address to preview it,
  // width, height, bytes}). err {code: 'bad_photo'} when the browser cannot read the file as
  // a picture.
  function shrink(file, cb) {
    var reader = new FileReader(), img = new Image();
    var fail = function () { cb({ code: 'bad_photo' }); };
    reader.onerror = fail;
    img.onerror = fail;
    img.onload = function () {
      var side = SIDE, out;
      try {
        if (!img.naturalWidth || !img.naturalHeight) return fail();
        out = encode(img, side);
        while (out.bytes > CEILING && side > 640) out = encode(img, side = Math.round(side * 0.75));
      } catch (e) {
        return fail(); // a canvas too big for this phone's memory
      }
      cb(null, out);
    };
    reader.onload = function () { img.src = reader.result; };
    reader.readAsDataURL(file);
  }

  // The photo in the idea box, above the words: remove it, or see it going.
  var box = make('div', 'shot'), img = make('img', 'shot-img', undefined, box);
  var bar = make('progress', 'shot-bar', undefined, box);
  var drop = M.btn('btn-light', '', box, function () {
    if (S.pending) return;
    S.shot = null;
    M.setMsg(null);
    M.renderCompose();
    el.photo.focus();
  });
  bar.max = 100;
  box.hidden = true;
  el.idea.parentNode.insertBefore(box, el.idea);

  function render() {
    var p = S.pending;
    box.hidden = !S.shot;
    if (S.shot && img.src !== S.shot.url) img.src = S.shot.url;
    img.alt = t('photo_alt');
    drop.textContent = t('photo_remove');
    drop.disabled = !!p;
    bar.hidden = !p || !p.shot;
    bar.setAttribute('aria-label', t('sending'));
  }

  function pick(file) {
    shrink(file, function (err, shot) {
      M.setMsg(err ? { kind: 'error', code: err.code } : null);
      if (shot) S.shot = shot;
      M.renderCompose();
    });
  }

  // A photo on its way: the bar follows what the socket still has to send.
  function upload(p, sock) {
    var total = sock.bufferedAmount || 1, timer;
    bar.value = 0;
    timer = setInterval(function () {
      if (S.pending !== p || S.ws !== sock) return clearInterval(timer);
      bar.value = Math.round(100 * (1 - sock.bufferedAmount / total));
    }, 200);
  }

  M.parts.photo = { render: render, pick: pick, upload: upload, shrink: shrink };
})();
