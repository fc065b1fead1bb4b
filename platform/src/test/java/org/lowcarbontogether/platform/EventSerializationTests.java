package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.events.core.EventSerializer;

class EventSerializationTests {

    record Credited(String who, long grams) {}

    /** Counts how often it is asked. */
    static final class Counting implements EventSerializer {
        final List<Object> asked = new ArrayList<>();

        @Override
        public Object serialize(Object event) {
            asked.add(event);
            return event.toString();
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T deserialize(Object serialized, Class<T> type) {
            return (T) serialized;
        }
    }

    @Test
    void theSameEventObjectIsSerialisedOnceForAllItsListeners() {
        var counting = new Counting();
        var once = new EventSerialization.Once(counting);
        var event = new Credited("li", 1673);

        for (int listener = 0; listener < 4; listener++) {
            assertThat(once.serialize(event)).isEqualTo("Credited[who=li, grams=1673]");
        }
        assertThat(counting.asked).hasSize(1);
    }

    @Test
    void anotherEventIsSerialisedAgainEvenWhenEqual() {
        var counting = new Counting();
        var once = new EventSerialization.Once(counting);

        once.serialize(new Credited("li", 1673));
        once.serialize(new Credited("wang", 500));
        once.serialize(new Credited("wang", 500));

        assertThat(counting.asked).hasSize(3);
    }

    @Test
    void theRegistrysSerializerIsWrappedOnce() {
        var processor = EventSerialization.serializeEachEventOnce();
        Object wrapped = processor.postProcessAfterInitialization(new Counting(), "eventSerializer");

        assertThat(wrapped).isInstanceOf(EventSerialization.Once.class);
        assertThat(processor.postProcessAfterInitialization(wrapped, "eventSerializer"))
                .isSameAs(wrapped);
        assertThat(processor.postProcessAfterInitialization("not a serializer", "other"))
                .isEqualTo("not a serializer");
    }
}
