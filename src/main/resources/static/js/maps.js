// Base layers for every map (Leaflet): tiles from the configured server (meta lct-tile-url) when there is one,
// otherwise — or when its tiles fail to load — a plain graticule under the data, with a notice. The data layers
// (tracks, hexagons, pins) never depend on the network.
(function () {
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute('content') || '' : '';
  }

  // Lines every few degrees, finer as one zooms in, drawn by Leaflet's own grid layer on canvas tiles.
  var Graticule = L.GridLayer.extend({
    createTile: function (coords) {
      var tile = document.createElement('canvas');
      var size = this.getTileSize();
      tile.width = size.x;
      tile.height = size.y;
      var ctx = tile.getContext('2d');
      ctx.fillStyle = '#f4f7f4';
      ctx.fillRect(0, 0, size.x, size.y);
      var map = this._map;
      var step = [30, 30, 10, 10, 5, 2, 1, 0.5, 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.0025, 0.001, 0.0005, 0.00025, 0.0001, 0.0001][Math.min(coords.z, 19)];
      var nw = map.unproject([coords.x * size.x, coords.y * size.y], coords.z);
      var se = map.unproject([(coords.x + 1) * size.x, (coords.y + 1) * size.y], coords.z);
      ctx.strokeStyle = '#d5e0d5';
      ctx.lineWidth = 1;
      for (var lon = Math.ceil(nw.lng / step) * step; lon <= se.lng; lon += step) {
        var x = map.project([0, lon], coords.z).x - coords.x * size.x;
        ctx.beginPath(); ctx.moveTo(x, 0); ctx.lineTo(x, size.y); ctx.stroke();
      }
      for (var lat = Math.ceil(se.lat / step) * step; lat <= nw.lat; lat += step) {
        var y = map.project([lat, 0], coords.z).y - coords.y * size.y;
        ctx.beginPath(); ctx.moveTo(0, y); ctx.lineTo(size.x, y); ctx.stroke();
      }
      return tile;
    }
  });

  function notice(map) {
    var container = map.getContainer();
    if (container.querySelector('.map-offline')) {
      return;
    }
    var note = document.createElement('p');
    note.className = 'map-offline';
    note.setAttribute('role', 'status');
    note.textContent = meta('lct-map-offline');
    container.parentNode.insertBefore(note, container.nextSibling);
    container.dataset.offline = 'true';
  }

  function base(map) {
    var url = meta('lct-tile-url');
    var graticule = new Graticule();
    if (!url) {
      graticule.addTo(map);
      map.getContainer().dataset.base = 'graticule';
      return;
    }
    var errors = 0;
    var tiles = L.tileLayer(url, { maxZoom: 19, attribution: meta('lct-tile-attribution') });
    tiles.on('tileerror', function () {
      errors++;
      if (errors === 3) {
        map.removeLayer(tiles);
        graticule.addTo(map);
        map.getContainer().dataset.base = 'graticule';
        notice(map);
      }
    });
    tiles.addTo(map);
    map.getContainer().dataset.base = 'tiles';
  }

  window.LctMaps = { base: base };
})();
