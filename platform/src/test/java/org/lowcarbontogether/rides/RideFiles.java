package org.lowcarbontogether.rides;

import com.garmin.fit.DateTime;
import com.garmin.fit.FileEncoder;
import com.garmin.fit.FileIdMesg;
import com.garmin.fit.Fit;
import com.garmin.fit.Manufacturer;
import com.garmin.fit.RecordMesg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Ride files the tests make: tracks along a heading at a speed, written as GPX 1.1, TCX or FIT, and uploads. */
public final class RideFiles {

    private RideFiles() {}

    /** A straight-ish track from a start, at {@code kmh}, one point every {@code step} seconds. */
    public static List<Track.Point> route(double lat, double lon, Instant start, double kmh, int seconds, int step) {
        var points = new ArrayList<Track.Point>();
        double metresPerStep = kmh / 3.6 * step;
        for (int t = 0; t <= seconds; t += step) {
            points.add(new Track.Point(round(lat), round(lon), start.plusSeconds(t)));
            double heading = Math.toRadians(40 + 8 * Math.sin(t / 90.0));
            lat += metresPerStep * Math.cos(heading) / 111_195.0;
            lon += metresPerStep * Math.sin(heading) / (111_195.0 * Math.cos(Math.toRadians(lat)));
        }
        return points;
    }

    static double round(double degrees) {
        return Math.round(degrees * 1e6) / 1e6;
    }

    public static byte[] gpx(List<Track.Point> points) {
        var out = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <gpx version="1.1" creator="tests" xmlns="http://www.topografix.com/GPX/1/1"><trk><trkseg>
                """);
        for (var p : points) {
            out.append(String.format(
                    Locale.ROOT,
                    "<trkpt lat=\"%.6f\" lon=\"%.6f\"><time>%s</time></trkpt>%n",
                    p.lat(),
                    p.lon(),
                    p.time()));
        }
        out.append("</trkseg></trk></gpx>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tcx(List<Track.Point> points) {
        var out = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2">
                <Activities><Activity Sport="Biking"><Lap><Track>
                """);
        for (var p : points) {
            out.append(String.format(
                    Locale.ROOT,
                    "<Trackpoint><Time>%s</Time><Position><LatitudeDegrees>%.6f</LatitudeDegrees>"
                            + "<LongitudeDegrees>%.6f</LongitudeDegrees></Position></Trackpoint>%n",
                    p.time(),
                    p.lat(),
                    p.lon()));
        }
        out.append("</Track></Lap></Activity></Activities></TrainingCenterDatabase>\n");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** A FIT activity file written with Garmin's SDK: a file id and one record message a point. */
    static byte[] fit(List<Track.Point> points) {
        try {
            var file = Files.createTempFile("ride", ".fit");
            var encoder = new FileEncoder(file.toFile(), Fit.ProtocolVersion.V2_0);
            var id = new FileIdMesg();
            id.setType(com.garmin.fit.File.ACTIVITY);
            id.setManufacturer(Manufacturer.DEVELOPMENT);
            id.setProduct(1);
            id.setSerialNumber(12345L);
            id.setTimeCreated(new DateTime(Date.from(points.getFirst().time())));
            encoder.write(id);
            for (var p : points) {
                var record = new RecordMesg();
                record.setTimestamp(new DateTime(Date.from(p.time())));
                record.setPositionLat((int) Math.round(p.lat() / 180.0 * 2_147_483_648.0));
                record.setPositionLong((int) Math.round(p.lon() / 180.0 * 2_147_483_648.0));
                encoder.write(record);
            }
            encoder.close();
            byte[] bytes = Files.readAllBytes(file);
            Files.delete(file);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart form: text fields, then files under one name. */
    record Part(String name, String fileName, byte[] bytes) {}

    static HttpRequest.Builder multipart(String url, List<String[]> fields, List<Part> files) {
        String boundary = "----lct" + UUID.randomUUID();
        var body = new java.io.ByteArrayOutputStream();
        try {
            for (var f : fields) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f[0] + "\"\r\n\r\n" + f[1]
                                + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
            for (var p : files) {
                body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p.name()
                                + "\"; filename=\"" + p.fileName()
                                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                        .getBytes(StandardCharsets.UTF_8));
                body.write(p.bytes());
                body.write("\r\n".getBytes(StandardCharsets.UTF_8));
            }
            body.write(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
    }
}
