// Infrastructure reports' segments (a stretch of lane as a short polyline): drawn on the reports' map, and picked by
// tapping the map along the stretch when the form's "a stretch of lane" is chosen. The pins and the map come from
// ride-maps.js; without it (or without scripts) the segment field is typed as "lat,lon;lat,lon".
(function () {
  var pins = document.getElementById('pins-map');
  if (!pins || !pins.lctMap || typeof L === 'undefined') {
    return;
  }
  var map = pins.lctMap;
  var colours = { NEW: '#ef6c00', CONFIRMED: '#c62828', SENT_TO_CITY: '#1565c0', RESOLVED: '#2e7d32', WONT_FIX: '#757575' };
  JSON.parse(pins.dataset.pins || '[]').forEach(function (p) {
    if (p.segment && p.segment.length > 1) {
      L.polyline(p.segment, { color: colours[p.status] || '#2e7d32', weight: 5, opacity: 0.8 }).addTo(map);
    }
  });

  var field = document.getElementById('report-segment');
  var segmentMode = document.getElementById('mark-segment');
  var pinMode = document.getElementById('mark-pin');
  if (!field || !segmentMode || !pinMode) {
    return;
  }
  var positions = [];
  var drawn = null;
  function show() {
    field.value = positions.map(function (p) { return p[0].toFixed(6) + ',' + p[1].toFixed(6); }).join(';');
    if (drawn) {
      drawn.setLatLngs(positions);
    } else if (positions.length) {
      drawn = L.polyline(positions, { color: '#6a1b9a', weight: 5, dashArray: '6 6' }).addTo(map);
    }
  }
  function mode() {
    document.getElementById('report-point').hidden = segmentMode.checked;
    document.getElementById('report-segment-field').hidden = !segmentMode.checked;
    if (!segmentMode.checked) {
      positions = [];
      show();
    }
  }
  segmentMode.addEventListener('change', mode);
  pinMode.addEventListener('change', mode);
  mode();
  map.on('click', function (e) {
    if (segmentMode.checked && positions.length < 20) {
      positions.push([e.latlng.lat, e.latlng.lng]);
      show();
    }
  });
  document.getElementById('segment-clear').addEventListener('click', function () {
    positions = [];
    show();
  });
  pins.dataset.segments = 'true';
})();
