package org.lowcarbontogether.notifications;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Instant;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.Url;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;
import net.fortuna.ical4j.validate.ValidationException;
import org.lowcarbontogether.events.Events;
import org.lowcarbontogether.platform.PublicUrl;
import org.springframework.stereotype.Component;

/**
 * An event as a calendar entry (iCalendar, RFC 5545, written by ical4j): times in UTC so every calendar places it
 * right without a time-zone definition, the same UID every time so a second import updates the first.
 */
@Component
class EventCalendar {

    static final String CONTENT_TYPE = "text/calendar; charset=UTF-8";

    private final PublicUrl publicUrl;

    EventCalendar(PublicUrl publicUrl) {
        this.publicUrl = publicUrl;
    }

    Notice.File entry(Events.Event event, Instant now) {
        String page = publicUrl.of("/events/" + event.id());
        var entry = new VEvent(event.startsAt(), event.endsAt(), event.title());
        entry.replace(new DtStamp(now));
        entry.add(new Uid("event-" + event.id() + "@lowcarbontogether"));
        entry.add(new Description(event.description().isBlank() ? page : event.description() + "\n\n" + page));
        String where = event.place() != null ? event.place() : event.onlineUrl();
        if (where != null && !where.isBlank()) {
            entry.add(new Location(where));
        }
        entry.add(new Url(URI.create(page)));
        var calendar = new Calendar();
        calendar.add(new ProdId("-//Low Carbon Together//Event reminders//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(entry);
        var text = new StringWriter();
        try {
            new CalendarOutputter().output(calendar, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ValidationException e) {
            throw new IllegalStateException("The event's calendar entry is not valid iCalendar", e);
        }
        return new Notice.File("event.ics", CONTENT_TYPE, text.toString());
    }
}
