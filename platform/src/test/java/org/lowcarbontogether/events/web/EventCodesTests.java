package org.lowcarbontogether.events.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.MultiFormatReader;
import com.google.zxing.NotFoundException;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Check-in QR codes read back as the link they carry, whatever the event and code. */
class EventCodesTests {

    @Test
    void everyCheckInCodeReadsBackAsItsLink() throws IOException {
        var unreadable = new ArrayList<String>();
        for (int i = 0; i < 300; i++) {
            String url = "http://localhost:8080/events/" + UUID.randomUUID() + "/check-in?code="
                    + UUID.randomUUID().toString().substring(0, 8 + i % 8);
            for (int size : new int[] {360, 480}) {
                var image = ImageIO.read(new ByteArrayInputStream(EventCodes.png(url, size)));
                try {
                    String read = new MultiFormatReader()
                            .decode(
                                    new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(image))),
                                    Map.of(DecodeHintType.POSSIBLE_FORMATS, List.of(BarcodeFormat.QR_CODE)))
                            .getText();
                    assertThat(read).isEqualTo(url);
                } catch (NotFoundException e) {
                    unreadable.add(size + " " + url);
                }
            }
        }
        assertThat(unreadable).isEmpty();
    }
}
