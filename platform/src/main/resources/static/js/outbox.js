// The outbox: a record made without a network is kept on this phone (localStorage) with its Idempotency-Key and sent
// when the network returns. The key makes sending twice harmless: the platform credits each key once.
(function () {
  var STORE = 'lct.outbox';
  var messages = document.getElementById('outbox-messages');

  function text(name, count) {
    var value = messages ? messages.getAttribute('data-' + name) || '' : '';
    return value.replace('{0}', count === undefined ? '' : count);
  }

  function load() {
    try {
      return JSON.parse(localStorage.getItem(STORE) || '[]');
    } catch (e) {
      return [];
    }
  }

  function save(items) {
    localStorage.setItem(STORE, JSON.stringify(items));
  }

  function newKey() {
    if (window.crypto && crypto.randomUUID) {
      return crypto.randomUUID();
    }
    var bytes = new Uint8Array(16);
    crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ('0' + b.toString(16)).slice(-2); }).join('');
  }

  function say(message, kind) {
    var box = document.getElementById('outbox-status');
    if (!box || !message) {
      return;
    }
    box.textContent = message;
    box.className = kind === 'error' ? 'error' : 'notice';
    box.hidden = false;
  }

  function show() {
    var items = load();
    var section = document.getElementById('outbox');
    var list = document.getElementById('outbox-list');
    if (!section || !list) {
      return;
    }
    list.textContent = '';
    items.forEach(function (item) {
      var li = document.createElement('li');
      li.textContent = item.label;
      list.appendChild(li);
    });
    section.hidden = items.length === 0;
  }

  // Keeps the form's record instead of sending it, when the phone has no network.
  var form = document.getElementById('record-form');
  if (form) {
    form.addEventListener('submit', function (event) {
      if (navigator.onLine) {
        return;
      }
      event.preventDefault();
      var data = new URLSearchParams(new FormData(form));
      data.delete('_csrf');
      var behaviour = form.querySelector('#behaviour');
      var label = (behaviour && behaviour.selectedOptions[0] ? behaviour.selectedOptions[0].textContent : data.get('behaviour'))
        + ' · ' + (data.get('quantity') || '') + ' ' + (data.get('unit') || '') + ' · ' + (data.get('date') || '');
      // A key of its own: a page opened from the phone's copy carries the key it had when it was saved, which may
      // have been used already (the platform would then answer with that earlier record, and this one would be lost).
      var key = newKey();
      data.set('idempotencyKey', key);
      var items = load();
      items.push({key: key, body: data.toString(), label: label});
      save(items);
      say(text('saved'));
      show();
    });
  }

  var sending = false;

  function send() {
    var items = load();
    var token = document.querySelector('meta[name="_csrf"]');
    if (sending || !items.length || !navigator.onLine || !token) {
      show();
      return;
    }
    sending = true;
    var sent = 0;
    var next = function () {
      var items = load();
      if (!items.length) {
        sending = false;
        if (sent) {
          say(text('sent', sent));
        }
        show();
        return;
      }
      var item = items[0];
      var body = new URLSearchParams(item.body);
      body.set('_csrf', token.content);
      fetch('/record', {method: 'POST', body: body, credentials: 'same-origin',
        headers: {'Content-Type': 'application/x-www-form-urlencoded'}})
        .then(function (response) {
          var landed = new URL(response.url, window.location.href).pathname;
          if (landed === '/login') {
            sending = false;
            say(text('signin'), 'error');
            show();
            return;
          }
          var rest = load().filter(function (i) { return i.key !== item.key; });
          save(rest);
          if (response.redirected && landed === '/account') {
            sent++;
          } else {
            say(text('refused'), 'error');
          }
          next();
        })
        .catch(function () {
          sending = false;
          show();
        });
    };
    next();
  }

  window.addEventListener('online', send);
  document.addEventListener('DOMContentLoaded', function () {
    show();
    send();
  });
  if (document.readyState !== 'loading') {
    show();
    send();
  }
})();
