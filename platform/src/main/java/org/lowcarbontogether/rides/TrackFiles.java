package org.lowcarbontogether.rides;

import com.garmin.fit.Decode;
import com.garmin.fit.FitRuntimeException;
import com.garmin.fit.MesgNum;
import com.garmin.fit.RecordMesg;
import io.jenetics.jpx.GPX;
import io.jenetics.jpx.WayPoint;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;

/**
 * Reads a ride file — GPX 1.1 (with jpx), TCX (the JDK's StAX) or FIT (Garmin's FIT SDK) — into a {@link Track},
 * checking size, points and duration before and while reading. XML files are read with DTDs and external entities
 * off, and a file that declares a DTD is refused before any library sees it.
 */
final class TrackFiles {

    /** The largest file read. */
    static final int MAX_BYTES = 10 * 1024 * 1024;
    /** The most points one ride may have (a second-by-second recording of almost 14 hours). */
    static final int MAX_POINTS = 50_000;
    /** The longest ride, first point to last. */
    static final long MAX_HOURS = 24;
    /** The fewest points that make a ride. */
    static final int MIN_POINTS = 2;
    /** FIT positions are in semicircles: 2^31 of them make 180 degrees. */
    private static final double SEMICIRCLE = 180.0 / 2_147_483_648.0;

    private TrackFiles() {}

    enum Format {
        GPX,
        TCX,
        FIT;

        static Format of(@Nullable String fileName, byte[] bytes) {
            String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
            if (name.endsWith(".fit")
                    || (bytes.length > 12 && bytes[8] == '.' && bytes[9] == 'F' && bytes[10] == 'I')) {
                return FIT;
            }
            if (name.endsWith(".tcx")) {
                return TCX;
            }
            if (name.endsWith(".gpx")) {
                return GPX;
            }
            String head = new String(bytes, 0, Math.min(bytes.length, 1024), java.nio.charset.StandardCharsets.UTF_8);
            if (head.contains("TrainingCenterDatabase")) {
                return TCX;
            }
            if (head.contains("<gpx")) {
                return GPX;
            }
            throw Refusal.unacceptable("ride-file-format", "files", fileName);
        }
    }

    static Track read(@Nullable String fileName, byte[] bytes) {
        if (bytes.length == 0) {
            throw Refusal.invalid("ride-file-empty", "files", fileName);
        }
        if (bytes.length > MAX_BYTES) {
            throw new Refusal(
                    Refusal.Kind.TOO_LARGE, "ride-file-too-large", "files", fileName, MAX_BYTES / 1024 / 1024);
        }
        var points = switch (Format.of(fileName, bytes)) {
            case GPX -> gpx(fileName, bytes);
            case TCX -> tcx(fileName, bytes);
            case FIT -> fit(fileName, bytes);
        };
        points.sort(Comparator.comparing(Track.Point::time));
        if (points.size() < MIN_POINTS) {
            throw Refusal.unacceptable("ride-file-no-track", "files", fileName);
        }
        var track = new Track(points);
        if (track.end().isAfter(track.start().plusSeconds(MAX_HOURS * 3600))) {
            throw Refusal.unacceptable("ride-too-long", "files", fileName, MAX_HOURS);
        }
        return track;
    }

    static Format format(@Nullable String fileName, byte[] bytes) {
        return Format.of(fileName, bytes);
    }

    private static XMLInputFactory hardened() {
        var factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        return factory;
    }

    /** Refuses a document that declares a DTD (the door to external entities and entity expansion). */
    private static void refuseDtd(@Nullable String fileName, byte[] bytes) {
        try {
            XMLStreamReader reader = hardened().createXMLStreamReader(new ByteArrayInputStream(bytes));
            try {
                while (reader.hasNext()) {
                    int event = reader.next();
                    if (event == XMLStreamConstants.DTD) {
                        throw Refusal.unacceptable("ride-file-dtd", "files", fileName);
                    }
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        return;
                    }
                }
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            throw Refusal.unacceptable("ride-file-unreadable", "files", fileName);
        }
    }

    private static List<Track.Point> gpx(@Nullable String fileName, byte[] bytes) {
        refuseDtd(fileName, bytes);
        GPX gpx;
        try {
            gpx = GPX.Reader.of(GPX.Reader.Mode.LENIENT).read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw Refusal.unacceptable("ride-file-unreadable", "files", fileName);
        }
        var points = new ArrayList<Track.Point>();
        gpx.tracks().flatMap(t -> t.segments()).flatMap(s -> s.points()).forEach(p -> add(points, p, fileName));
        return points;
    }

    private static void add(List<Track.Point> points, WayPoint p, @Nullable String fileName) {
        var time = p.getTime();
        if (time.isEmpty()) {
            return;
        }
        points.add(
                new Track.Point(p.getLatitude().doubleValue(), p.getLongitude().doubleValue(), time.get()));
        if (points.size() > MAX_POINTS) {
            throw new Refusal(Refusal.Kind.TOO_LARGE, "ride-too-many-points", "files", fileName, MAX_POINTS);
        }
    }

    /** TCX: every Trackpoint with a Time and a Position (LatitudeDegrees, LongitudeDegrees). */
    private static List<Track.Point> tcx(@Nullable String fileName, byte[] bytes) {
        refuseDtd(fileName, bytes);
        var points = new ArrayList<Track.Point>();
        try {
            XMLStreamReader r = hardened().createXMLStreamReader(new ByteArrayInputStream(bytes));
            String time = null;
            String lat = null;
            String lon = null;
            boolean inPoint = false;
            while (r.hasNext()) {
                int event = r.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    switch (r.getLocalName()) {
                        case "Trackpoint" -> {
                            inPoint = true;
                            time = null;
                            lat = null;
                            lon = null;
                        }
                        case "Time" -> time = inPoint ? r.getElementText().strip() : time;
                        case "LatitudeDegrees" ->
                            lat = inPoint ? r.getElementText().strip() : lat;
                        case "LongitudeDegrees" ->
                            lon = inPoint ? r.getElementText().strip() : lon;
                        default -> {}
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT
                        && r.getLocalName().equals("Trackpoint")) {
                    inPoint = false;
                    if (time != null && lat != null && lon != null) {
                        double la = Double.parseDouble(lat);
                        double lo = Double.parseDouble(lon);
                        if (Math.abs(la) > 90 || Math.abs(lo) > 180) {
                            throw Refusal.unacceptable("ride-file-unreadable", "files", fileName);
                        }
                        points.add(new Track.Point(
                                la, lo, OffsetDateTime.parse(time).toInstant()));
                        if (points.size() > MAX_POINTS) {
                            throw new Refusal(
                                    Refusal.Kind.TOO_LARGE, "ride-too-many-points", "files", fileName, MAX_POINTS);
                        }
                    }
                }
            }
            r.close();
        } catch (XMLStreamException | NumberFormatException | DateTimeParseException e) {
            throw Refusal.unacceptable("ride-file-unreadable", "files", fileName);
        }
        return points;
    }

    /** FIT: every record message with a position and a timestamp. */
    private static List<Track.Point> fit(@Nullable String fileName, byte[] bytes) {
        var points = new ArrayList<Track.Point>();
        var decode = new Decode();
        try {
            if (!decode.checkFileIntegrity(new ByteArrayInputStream(bytes))) {
                throw Refusal.unacceptable("ride-file-unreadable", "files", fileName);
            }
            new Decode().read(new ByteArrayInputStream(bytes), mesg -> {
                if (mesg.getNum() != MesgNum.RECORD) {
                    return;
                }
                var record = new RecordMesg(mesg);
                Integer lat = record.getPositionLat();
                Integer lon = record.getPositionLong();
                var time = record.getTimestamp();
                if (lat == null || lon == null || time == null) {
                    return;
                }
                points.add(new Track.Point(
                        lat * SEMICIRCLE,
                        lon * SEMICIRCLE,
                        Instant.ofEpochMilli(time.getDate().getTime())));
                if (points.size() > MAX_POINTS) {
                    throw new Refusal(Refusal.Kind.TOO_LARGE, "ride-too-many-points", "files", fileName, MAX_POINTS);
                }
            });
        } catch (FitRuntimeException e) {
            throw Refusal.unacceptable("ride-file-unreadable", "files", fileName);
        }
        return points;
    }
}
