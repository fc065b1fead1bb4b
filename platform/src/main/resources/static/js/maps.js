// Base layers for every map (Leaflet): tiles from the configured server (meta lct-tile-url) when there is one,
// otherwise — or when its tiles fail to load, with a notice — the bundled basemap (Natural Earth land, coastline and
// boundaries between countries, meta lct-basemap-url, fetched once per page) over a graticule, under the data. The data
// layers (tracks, hexagons, pins) never depend on the network.
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
      ctx.fillStyle = '#e9f1f5';
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

  var bundled = null;
  function bundledData() {
    if (!bundled) {
      bundled = fetch(meta('lct-basemap-url'), { credentials: 'same-origin' }).then(function (response) {
        if (!response.ok) {
          throw new Error('basemap ' + response.status);
        }
        return response.json();
      });
    }
    return bundled;
  }

  // The graticule at once, then the bundled land and boundaries in their own pane above it and below the data.
  function offline(map, graticule) {
    graticule.addTo(map);
    var container = map.getContainer();
    container.dataset.base = 'graticule';
    if (!map.getPane('lct-basemap')) {
      map.createPane('lct-basemap').style.zIndex = 250;
    }
    bundledData().then(function (data) {
      var layer = L.geoJSON(data, {
        pane: 'lct-basemap',
        interactive: false,
        attribution: meta('lct-basemap-attribution'),
        renderer: L.svg({ pane: 'lct-basemap' }),
        style: function (feature) {
          return feature.properties.layer === 'land'
            ? { color: '#9fb3a6', weight: 1, fillColor: '#fbfcf8', fillOpacity: 1 }
            : { color: '#b08fa8', weight: 1, dashArray: '4 3', fill: false };
        }
      });
      layer.addTo(map);
      container.dataset.base = 'bundled';
    }).catch(function () {
      container.dataset.basemap = 'unavailable';
    });
  }

  function base(map) {
    var url = meta('lct-tile-url');
    var graticule = new Graticule();
    if (!url) {
      offline(map, graticule);
      return;
    }
    var errors = 0;
    var tiles = L.tileLayer(url, { maxZoom: 19, attribution: meta('lct-tile-attribution') });
    tiles.on('tileerror', function () {
      errors++;
      if (errors === 3) {
        map.removeLayer(tiles);
        offline(map, graticule);
        notice(map);
      }
    });
    tiles.addTo(map);
    map.getContainer().dataset.base = 'tiles';
  }

  window.LctMaps = { base: base };
})();
