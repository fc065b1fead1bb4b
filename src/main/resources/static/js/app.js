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
