// The riding maps (Leaflet, base layer from maps.js): a rider's own track with their privacy zones, the public
// map's H3 cells, and the infrastructure reports' pins. The data comes from the page as GeoJSON.
(function () {
  if (typeof L === 'undefined' || !window.LctMaps) {
    return;
  }
  var green = '#2e7d32';

  var track = document.getElementById('ride-map');
  if (track) {
    var map = L.map(track);
    window.LctMaps.base(map);
    var line = L.geoJSON(JSON.parse(track.dataset.track || '{}'), { style: { color: green, weight: 4 } }).addTo(map);
    JSON.parse(track.dataset.zones || '[]').forEach(function (z) {
      L.circle([z.lat, z.lon], { radius: z.radiusMetres, color: '#8e24aa', dashArray: '4 4', fillOpacity: 0.08 }).addTo(map);
    });
    var bounds = line.getBounds();
    if (bounds.isValid()) {
      map.fitBounds(bounds, { padding: [16, 16] });
    } else {
      map.setView([34, 106], 4);
    }
    track.dataset.loaded = 'true';
  }

  var cells = document.getElementById('cells-map');
  if (cells) {
    var cellMap = L.map(cells);
    window.LctMaps.base(cellMap);
    var data = JSON.parse(cells.dataset.cells || '{"features":[]}');
    var most = Math.max.apply(null, data.features.map(function (f) { return f.properties.riders; }).concat([1]));
    var layer = L.geoJSON(data, {
      style: function (f) {
        return { color: green, weight: 1, fillColor: green, fillOpacity: 0.15 + 0.6 * f.properties.riders / most };
      },
      onEachFeature: function (f, l) {
        l.bindTooltip(String(f.properties.riders));
      }
    }).addTo(cellMap);
    var cellBounds = layer.getBounds();
    if (cellBounds.isValid()) {
      cellMap.fitBounds(cellBounds, { padding: [16, 16] });
    } else {
      cellMap.setView([34, 106], 4);
    }
    cells.dataset.loaded = 'true';
  }

  var pins = document.getElementById('pins-map');
  if (pins) {
    var pinMap = L.map(pins);
    window.LctMaps.base(pinMap);
    var colours = { NEW: '#ef6c00', CONFIRMED: '#c62828', SENT_TO_CITY: '#1565c0', RESOLVED: green, WONT_FIX: '#757575' };
    var points = JSON.parse(pins.dataset.pins || '[]');
    var group = L.featureGroup(points.map(function (p) {
      var marker = L.circleMarker([p.lat, p.lon], { radius: 8, color: colours[p.status] || green, fillOpacity: 0.8 });
      marker.on('click', function () {
        var target = document.getElementById('report-' + p.id);
        if (target) {
          target.scrollIntoView();
        }
      });
      return marker;
    })).addTo(pinMap);
    if (points.length) {
      pinMap.fitBounds(group.getBounds(), { padding: [24, 24], maxZoom: 15 });
    } else {
      pinMap.setView([34, 106], 4);
    }
    // Tapping the map places the new report's pin.
    var lat = document.getElementById('report-lat');
    var lon = document.getElementById('report-lon');
    var pin = null;
    pinMap.on('click', function (e) {
      if (!lat || !lon) {
        return;
      }
      lat.value = e.latlng.lat.toFixed(6);
      lon.value = e.latlng.lng.toFixed(6);
      if (pin) {
        pin.setLatLng(e.latlng);
      } else {
        pin = L.marker(e.latlng).addTo(pinMap);
      }
    });
    pins.lctMap = pinMap; // infra-segments.js draws segments on it
    pins.dataset.loaded = 'true';
  }
})();
