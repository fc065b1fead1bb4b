package org.lowcarbontogether.stories;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.web.multipart.MultipartFile;

/** Photos uploaded with a story form, for {@link Stories#submit}; the empty part a browser sends for "no file" is skipped. */
public final class Uploads {

    private Uploads() {}

    public static List<byte[]> of(@Nullable List<MultipartFile> files) {
        var uploads = new ArrayList<byte[]>();
        if (files != null) {
            for (var file : files) {
                if (!file.isEmpty()) {
                    try {
                        uploads.add(file.getBytes());
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return uploads;
    }
}
