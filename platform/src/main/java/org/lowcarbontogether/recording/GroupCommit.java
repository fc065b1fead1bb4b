package org.lowcarbontogether.recording;

import jakarta.annotation.PreDestroy;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.lowcarbontogether.shared.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.stereotype.Component;

/**
 * Group commit for submitted records. Each request reads, checks and calculates its record on its own thread, then
 * hands it to a writer; the writer takes every record that arrived while it was busy and writes them together in one
 * transaction — one commit, a few statements — answering each request only after that commit. Under light load a
 * group is one record and nothing waits; under load the writer lingers a moment ({@code lct.recording.linger}, 5 ms)
 * for more, as PostgreSQL's {@code commit_delay} does, so groups grow and the cost per record falls — fewer commits,
 * and one event (so one transaction per listener) per group rather than per record.
 * <p>
 * One writer by default: measured on 2 cores (perf/record-api.sh), one writer lingering 5 ms sustained about twice the
 * records per second of two writers without lingering, and the listeners kept up. With more writers
 * ({@code lct.recording.writers}), records are spread over them by person, so one person's records are always written
 * in the order they came and two writers never lock the same ledger account. A group that fails as a whole (a lost
 * connection, a deadlock with another path) is retried, then written record by record so that one bad record fails
 * alone.
 * <p>
 * A writer's queue holds at most {@code lct.recording.max-queued} records (2,000 — well under a second of writing);
 * beyond that a submission is refused at once with 503 and {@code Retry-After}, before anything is written, so an
 * overload sheds work instead of building a queue that never drains. In front of the record API and the record form,
 * {@code platform.Admission} admits only so many requests at once (four per pooled connection by default), so under
 * overload this queue holds at most that many of theirs and the rest are refused before they are read. A group whose
 * writer gets no database connection within the pool's {@code connection-timeout} is refused as a whole (503): no
 * transaction began.
 */
@Component
class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);
    private static final int ATTEMPTS = 3;

    private final GroupWrite groups;
    private final List<LinkedBlockingQueue<Submitted>> queues = new ArrayList<>();
    private final List<Thread> writers = new ArrayList<>();
    private final int maxGroup;
    private final int maxQueued;
    private final Duration timeout;
    private final long lingerNanos;
    private volatile boolean stopping;

    GroupCommit(
            GroupWrite groups,
            @Value("${lct.recording.writers:1}") int writers,
            @Value("${lct.recording.max-group:200}") int maxGroup,
            @Value("${lct.recording.write-timeout:PT30S}") Duration timeout,
            @Value("${lct.recording.linger:PT0.005S}") Duration linger,
            @Value("${lct.recording.max-queued:2000}") int maxQueued) {
        this.groups = groups;
        this.maxQueued = maxQueued;
        this.lingerNanos = linger.toNanos();
        this.maxGroup = maxGroup;
        this.timeout = timeout;
        for (int i = 0; i < writers; i++) {
            var queue = new LinkedBlockingQueue<Submitted>();
            queues.add(queue);
            Thread thread =
                    Thread.ofPlatform().name("record-writer-" + i).daemon().unstarted(() -> run(queue));
            this.writers.add(thread);
            thread.start();
        }
    }

    private record Submitted(Prepared prepared, CompletableFuture<RecordGroup.Fate> result) {}

    /** Writes a prepared submission with the group it joins, and returns what became of it once committed. */
    RecordGroup.Fate write(Prepared prepared) {
        if (stopping) {
            throw new Refusal(Refusal.Kind.BUSY, "shutting-down", null);
        }
        var queue = queues.get(Math.floorMod(prepared.userId().hashCode(), queues.size()));
        if (queue.size() >= maxQueued) {
            // Shed load rather than queue without end: past this point every record would wait longer than the
            // clients do, they would retry, and the queue would only grow (a metastable overload). 503 + Retry-After.
            throw new Refusal(Refusal.Kind.BUSY, "busy", null);
        }
        var submitted = new Submitted(prepared, new CompletableFuture<>());
        queue.add(submitted);
        try {
            return submitted.result().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the record was being written", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            // The record may still be written: a retry with the same key returns it, or writes it once.
            throw new Refusal(Refusal.Kind.BUSY, "write-timeout", null);
        }
    }

    private void run(LinkedBlockingQueue<Submitted> queue) {
        var group = new ArrayList<Submitted>(maxGroup);
        while (!(stopping && queue.isEmpty())) {
            try {
                Submitted first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                group.add(first);
                queue.drainTo(group, maxGroup - 1);
                // Others are arriving (the group is not alone): gather what arrives within the linger, as PostgreSQL's
                // commit_delay does — every group costs the same few statements and four listener transactions
                // whatever its size, so under load larger groups are cheaper per record. Stop as soon as arrivals
                // pause for half the linger: when every client is already waiting on this group, nothing more can come.
                if (lingerNanos > 0 && group.size() > 1) {
                    long deadline = System.nanoTime() + lingerNanos;
                    while (group.size() < maxGroup) {
                        long left = Math.min(deadline - System.nanoTime(), lingerNanos / 2);
                        Submitted next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : null;
                        if (next == null) {
                            break;
                        }
                        group.add(next);
                        queue.drainTo(group, maxGroup - group.size());
                    }
                }
                write(group);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // The writer must outlive any one group: its requests get the failure, the next group goes on.
                log.error("Record writer failed on a group of {}", group.size(), e);
                group.forEach(s -> s.result().completeExceptionally(e));
            } finally {
                group.clear();
            }
        }
    }

    private void write(List<Submitted> group) {
        RuntimeException failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                var results =
                        groups.write(group.stream().map(Submitted::prepared).toList());
                for (int i = 0; i < group.size(); i++) {
                    group.get(i).result().complete(results.get(i));
                }
                return;
            } catch (TransientDataAccessException e) {
                failure = e;
            } catch (RuntimeException e) {
                failure = e;
                break;
            }
        }
        if (poolExhausted(failure)) {
            // No connection within the pool's timeout: no transaction began, so nothing of the group was kept; one by
            // one would only wait for the pool again for each record. 503 + Retry-After, as for a full queue.
            var busy = new Refusal(Refusal.Kind.BUSY, "busy", null);
            group.forEach(s -> s.result().completeExceptionally(busy));
            return;
        }
        if (group.size() == 1) {
            group.getFirst().result().completeExceptionally(failure);
            return;
        }
        log.warn("A group of {} records failed ({}); writing them one by one", group.size(), String.valueOf(failure));
        for (Submitted one : group) {
            write(List.of(one));
        }
    }

    private static boolean poolExhausted(@Nullable Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLTransientConnectionException) {
                return true;
            }
        }
        return false;
    }

    /** Lets the queued records be written before the database goes away; new ones are refused meanwhile. */
    @PreDestroy
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread writer : writers) {
            writer.join(timeout.toMillis());
        }
    }
}
