// Builds the bundled basemap (static/js/vendor/world-atlas-2.0.2/basemap.json) from the npm packages world-atlas 2.0.2
// (Natural Earth 4.1.0 admin-0 countries, 1:50m, public domain) and topojson-client 3.1.0:
//   npm pack world-atlas@2.0.2 topojson-client@3.1.0   # then untar each into a folder of its name
//   node tools/basemap/natural-earth-basemap.mjs <world-atlas package dir> <topojson-client package dir> > basemap.json
// Output: GeoJSON FeatureCollection of two features — "land" (MultiPolygon: land and its coastline) and "borders"
// (MultiLineString: the boundaries between countries, each drawn once) — simplified (Douglas-Peucker) to 0.01° (about
// 1 km) in China and around it and to 0.1° elsewhere, coordinates rounded to 0.01°, which keeps the file small.
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

const [atlasDir, clientDir] = process.argv.slice(2);
const topojson = await import(pathToFileURL(clientDir + '/dist/topojson-client.js'));
const topology = JSON.parse(readFileSync(atlasDir + '/countries-50m.json', 'utf8'));

const round = x => Math.round(x * 100) / 100;
// Finer where the platform's maps are (China and its neighbours), coarser for the rest of the world.
const tolerance = ([lon, lat]) => (lon >= 70 && lon <= 140 && lat >= 15 && lat <= 55 ? 0.01 : 0.1);
function distance([x, y], [x1, y1], [x2, y2]) {
  const dx = x2 - x1, dy = y2 - y1, length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length));
  return Math.hypot(x - (x1 + t * dx), y - (y1 + t * dy));
}
function simplify(points) {
  const keep = new Uint8Array(points.length);
  keep[0] = keep[points.length - 1] = 1;
  const stack = [[0, points.length - 1]];
  while (stack.length) {
    const [from, to] = stack.pop();
    let far = -1, farthest = 0;
    for (let i = from + 1; i < to; i++) {
      const d = distance(points[i], points[from], points[to]);
      if (d > farthest) { farthest = d; far = i; }
    }
    if (far >= 0 && farthest > tolerance(points[far])) {
      keep[far] = 1;
      stack.push([from, far], [far, to]);
    }
  }
  return points.filter((_, i) => keep[i]);
}
function line(points, closed) {
  const out = [];
  for (const [lon, lat] of simplify(points)) {
    const p = [round(lon), round(lat)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  if (closed && out.length > 1) {
    const [a, b] = [out[0], out[out.length - 1]];
    if (a[0] !== b[0] || a[1] !== b[1]) out.push(a);
  }
  return out;
}

const land = topojson.feature(topology, topology.objects.land);
const polygons = [];
for (const geometry of land.type === 'FeatureCollection' ? land.features.map(f => f.geometry) : [land.geometry]) {
  const list = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  for (const polygon of list) {
    const rings = polygon.map(r => line(r, true)).filter(r => r.length >= 4);
    if (rings.length) polygons.push(rings);
  }
}
const mesh = topojson.mesh(topology, topology.objects.countries, (a, b) => a !== b);
const borders = mesh.coordinates.map(l => line(l, false)).filter(l => l.length >= 2);

process.stdout.write(JSON.stringify({
  type: 'FeatureCollection',
  source: 'Natural Earth 4.1.0 (public domain), 1:50m admin-0 countries, via npm world-atlas 2.0.2 (ISC)',
  features: [
    { type: 'Feature', properties: { layer: 'land' }, geometry: { type: 'MultiPolygon', coordinates: polygons } },
    { type: 'Feature', properties: { layer: 'borders' }, geometry: { type: 'MultiLineString', coordinates: borders } }
  ]
}));
