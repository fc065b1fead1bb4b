package org.lowcarbontogether.recording;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Bulk writing for every bulk door (a participant's upload, an organiser's sheet, a partner's upload): rows are
 * prepared — read, checked, calculated — a chunk at a time, and each chunk is written in one transaction with a few
 * statements ({@link GroupWrite}) on a thread of its own while the next chunk is prepared and the previous one
 * answered, so the two cores share the work. The writes still follow one another, each chunk seeing the ones before
 * it; answers are given in order.
 */
@Component
class ChunkedWrite {

    static final int CHUNK = 1_000;

    private static final Executor WRITER =
            task -> Thread.ofVirtual().name("batch-write").start(task);

    private final GroupWrite groups;

    ChunkedWrite(GroupWrite groups) {
        this.groups = groups;
    }

    /**
     * Prepares row after row ({@code prepare.apply(i)}, 0-based) and writes the prepared ones chunk by chunk; each
     * written chunk is handed to {@code answer} in order with the fates of its prepared rows (a row {@code preparedOf}
     * finds nothing in was answered without writing).
     */
    <T> void write(
            int rows,
            IntFunction<T> prepare,
            Function<T, @Nullable Prepared> preparedOf,
            BiConsumer<List<T>, List<RecordGroup.Fate>> answer) {
        List<T> written = null;
        CompletableFuture<List<RecordGroup.Fate>> writing = null;
        try {
            for (int start = 0; start < rows; start += CHUNK) {
                var chunk = new ArrayList<T>(CHUNK);
                for (int i = start; i < Math.min(rows, start + CHUNK); i++) {
                    chunk.add(prepare.apply(i));
                }
                List<RecordGroup.Fate> fates = writing == null ? null : join(writing);
                var previous = written;
                var prepared =
                        chunk.stream().map(preparedOf).filter(Objects::nonNull).toList();
                // The next chunk is written while the one before is answered (answers may write too: a partner's
                // decisions), so the writer does not wait for them.
                writing = CompletableFuture.supplyAsync(
                        () -> prepared.isEmpty() ? List.of() : groups.write(prepared), WRITER);
                written = chunk;
                if (fates != null) {
                    answer.accept(Objects.requireNonNull(previous), fates);
                }
            }
            if (writing != null) {
                answer.accept(Objects.requireNonNull(written), join(writing));
                writing = null;
            }
        } finally {
            // A row that failed to prepare must not leave its predecessors' chunk being written behind the answer.
            if (writing != null) {
                writing.exceptionally(e -> null).join();
            }
        }
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
