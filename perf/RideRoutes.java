import com.uber.h3core.H3Core;
import java.util.Random;

/**
 * Synthetic riding routes for perf/ride-map.sh: {@code routes} paths of H3 cells (resolution 9, the map's) between two
 * random cells within {@code km} of a city centre, each as the grid path H3 draws between them. Prints "route,cell"
 * lines (cell as a signed 64-bit integer, as ride_cell_rider stores it). Run with the h3 jar on the class path:
 * java -cp h3-4.3.1.jar perf/RideRoutes.java 23.13 113.26 12 2000
 */
public class RideRoutes {
    public static void main(String[] args) throws Exception {
        double lat = Double.parseDouble(args[0]);
        double lon = Double.parseDouble(args[1]);
        double km = Double.parseDouble(args[2]);
        int routes = Integer.parseInt(args[3]);
        var h3 = H3Core.newInstance();
        var random = new Random(42);
        var out = new StringBuilder();
        for (int r = 0; r < routes; r++) {
            long from = near(h3, random, lat, lon, km);
            long to = near(h3, random, lat, lon, km);
            for (long cell : h3.gridPathCells(from, to)) {
                out.append(r).append(',').append(cell).append('\n');
            }
        }
        System.out.print(out);
    }

    // Rides gather near the centre: a distance drawn as km * u^1.5, in a uniform direction; trips of 1 to km km.
    static long near(H3Core h3, Random random, double lat, double lon, double km) {
        double d = km * Math.pow(random.nextDouble(), 1.5);
        double a = random.nextDouble() * 2 * Math.PI;
        double dLat = d * Math.cos(a) / 111.195;
        double dLon = d * Math.sin(a) / (111.195 * Math.cos(Math.toRadians(lat)));
        return h3.latLngToCell(lat + dLat, lon + dLon, 9);
    }
}
