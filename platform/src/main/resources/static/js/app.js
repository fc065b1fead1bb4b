// Send the CSRF token with every htmx request, read from the page's meta tags.
document.addEventListener('htmx:configRequest', function (event) {
  var token = document.querySelector('meta[name="_csrf"]');
  var header = document.querySelector('meta[name="_csrf_header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

// A story read for a few seconds counts as one view (the platform's "reach"): the page gave this browser its visitor
// cookie, and only a cookie that has had the page for a while counts, so scripts that fetch the page do not.
document.addEventListener('DOMContentLoaded', function () {
  var beacon = document.querySelector('[data-view-beacon]');
  if (beacon && window.fetch) {
    setTimeout(function () {
      fetch(beacon.getAttribute('data-view-beacon'), {method: 'POST', credentials: 'same-origin'}).catch(function () {});
    }, 4000);
  }
});

// The phone menu: one button opens and closes it; Escape closes it.
document.addEventListener('DOMContentLoaded', function () {
  var toggle = document.querySelector('.menu-toggle');
  var nav = document.getElementById('site-nav');
  if (toggle && nav) {
    toggle.addEventListener('click', function () {
      var open = nav.classList.toggle('open');
      toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && nav.classList.contains('open')) {
        nav.classList.remove('open');
        toggle.setAttribute('aria-expanded', 'false');
        toggle.focus();
      }
    });
  }
  // Where the reader is: the matching link in the menu and the bottom bar.
  var here = window.location.pathname;
  document.querySelectorAll('.site-nav a, .bottom-bar a').forEach(function (link) {
    var path = link.getAttribute('href');
    if (path && path !== '/' && (here === path || here.indexOf(path + '/') === 0)) {
      link.setAttribute('aria-current', 'page');
    }
  });
  labelTableCells(document);
});

// On phones tables read as cards: every cell carries its column's header as a label.
function labelTableCells(root) {
  root.querySelectorAll('main table:not(.keep-table)').forEach(function (table) {
    var headers = Array.prototype.map.call(table.querySelectorAll('thead th'), function (th) { return th.textContent.trim(); });
    if (!headers.length) {
      return;
    }
    table.querySelectorAll('tbody tr').forEach(function (row) {
      Array.prototype.forEach.call(row.children, function (cell, i) {
        if (headers[i] && !cell.hasAttribute('data-label')) {
          cell.setAttribute('data-label', headers[i]);
        }
      });
    });
  });
}
document.addEventListener('htmx:afterSwap', function (event) { labelTableCells(event.target.ownerDocument || document); });

// Installable, and the record page opens without a network (see /sw.js).
if ('serviceWorker' in navigator) {
  window.addEventListener('load', function () {
    navigator.serviceWorker.register('/sw.js').catch(function () {});
  });
}

// Print buttons (the event poster): no inline script, so the page's button is wired here.
document.addEventListener('click', function (event) {
  if (event.target && event.target.matches('[data-print]')) {
    window.print();
  }
});
