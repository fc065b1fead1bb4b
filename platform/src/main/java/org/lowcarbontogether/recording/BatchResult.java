package org.lowcarbontogether.recording;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What a bulk upload did: totals, and per row its status (a {@link RecordStatus}, or INVALID when refused) and why. */
public record BatchResult(int rows, int credited, int flagged, int rejected, int invalid, List<RowResult> results) {

    /** What happened to one row. */
    public record RowResult(
            int row,
            @Nullable String key,
            String status,
            @Nullable UUID recordId,
            @Nullable Long reductionGrams,
            List<String> reasons,
            List<FieldError> errors,
            boolean replayed) {}

    /** A row's field that was refused, and why, in the reader's language. */
    public record FieldError(String field, String message) {}
}
