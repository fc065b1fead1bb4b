package org.lowcarbontogether.platform;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.lowcarbontogether.shared.Refusal;

/**
 * What a page does when the platform refuses what its form asked. A refusal that denies access — no such thing, or
 * not the caller's — is never the page's to show: it goes on to the 404/403 error page ({@link PageExceptionHandler}).
 * Any other refusal (a field to correct, a state that does not allow it now) comes back for the page to show with its
 * form. A page that sends more kinds to the error page says which.
 */
public final class PageRefusals {

    private PageRefusals() {}

    /** What came of a form's action: done, with its result, or refused for a reason the page shows. */
    public sealed interface Attempt<T> {

        /** The page's answer: one for the result, another for the refusal. */
        <R> R then(Function<? super T, ? extends R> done, Function<Refusal, ? extends R> refused);

        /** What the page notes: the result, or the refusal. */
        void handle(Consumer<? super T> done, Consumer<Refusal> refused);

        record Done<T>(T result) implements Attempt<T> {

            @Override
            public <R> R then(Function<? super T, ? extends R> done, Function<Refusal, ? extends R> refused) {
                return done.apply(result);
            }

            @Override
            public void handle(Consumer<? super T> done, Consumer<Refusal> refused) {
                done.accept(result);
            }
        }

        record Refused<T>(Refusal refusal) implements Attempt<T> {

            @Override
            public <R> R then(Function<? super T, ? extends R> done, Function<Refusal, ? extends R> refused) {
                return refused.apply(refusal);
            }

            @Override
            public void handle(Consumer<? super T> done, Consumer<Refusal> refused) {
                refused.accept(refusal);
            }
        }
    }

    /** Runs an action with a result; a refusal that denies access goes on to the error page. */
    public static <T> Attempt<T> attempt(Supplier<T> action) {
        return attempt(action, Refusal::deniesAccess);
    }

    /** Runs an action with a result; the refusals {@code errorPage} picks go on to the error page. */
    public static <T> Attempt<T> attempt(Supplier<T> action, Predicate<Refusal> errorPage) {
        try {
            return new Attempt.Done<>(action.get());
        } catch (Refusal refusal) {
            if (errorPage.test(refusal)) {
                throw refusal;
            }
            return new Attempt.Refused<>(refusal);
        }
    }

    /** Runs an action without a result: the refusal the page shows, if any; one that denies access goes on. */
    public static Optional<Refusal> refusalOf(Runnable action) {
        return refusalOf(action, Refusal::deniesAccess);
    }

    /** Runs an action without a result: the refusal the page shows, if any; those {@code errorPage} picks go on. */
    public static Optional<Refusal> refusalOf(Runnable action, Predicate<Refusal> errorPage) {
        try {
            action.run();
            return Optional.empty();
        } catch (Refusal refusal) {
            if (errorPage.test(refusal)) {
                throw refusal;
            }
            return Optional.of(refusal);
        }
    }
}
