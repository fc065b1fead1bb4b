package org.lowcarbontogether.events.web;

import java.util.UUID;
import org.lowcarbontogether.platform.QrCodes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** The check-in link of an event and its QR code (ZXing), which attendees scan with their phone's camera. */
final class EventCodes {

    private EventCodes() {}

    /** The absolute check-in address, on the host the organiser is using. */
    static String checkInUrl(UUID eventId, String code) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/events/{id}/check-in")
                .queryParam("code", code)
                .buildAndExpand(eventId)
                .toUriString();
    }

    /** The address an organiser's phone opens when scanning an attendee's personal code. */
    static String scanUrl(UUID eventId, String personalCode) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/events/{id}/scan")
                .queryParam("code", personalCode)
                .buildAndExpand(eventId)
                .toUriString();
    }

    static byte[] png(String content, int size) {
        return QrCodes.png(content, size);
    }
}
