package org.lowcarbontogether.training.web;

import java.util.UUID;
import org.lowcarbontogether.platform.QrCodes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * The trainee's personal attendance code as a QR code (ZXing): a link the organiser's phone camera opens, which shows
 * the trainee and records their attendance at the session open now.
 */
final class TrainingCodes {

    private TrainingCodes() {}

    /** The address an organiser's phone opens when scanning a trainee's personal code. */
    static String scanUrl(UUID courseId, String personalCode) {
        return ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/training/courses/{id}/scan")
                .queryParam("code", personalCode)
                .buildAndExpand(courseId)
                .toUriString();
    }

    static String dataUri(String content) {
        return QrCodes.dataUri(content, 320);
    }

    static byte[] png(String content, int size) {
        return QrCodes.png(content, size);
    }
}
