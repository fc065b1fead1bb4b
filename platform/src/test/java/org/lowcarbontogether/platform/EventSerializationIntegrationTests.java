package org.lowcarbontogether.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.lowcarbontogether.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.events.core.EventSerializer;

@IntegrationTest
class EventSerializationIntegrationTests {

    @Autowired
    EventSerializer serializer;

    record Booked(List<String> people, Instant at) {}

    @Test
    void theRegistrySerialisesWithModulithsSerializerOncePerEvent() {
        assertThat(serializer).isInstanceOf(EventSerialization.Once.class);
        var event = new Booked(List.of("li", "wang"), Instant.parse("2026-11-28T08:30:00Z"));

        Object text = serializer.serialize(event);

        assertThat(serializer.serialize(event)).isSameAs(text);
        assertThat(serializer.deserialize(text, Booked.class)).isEqualTo(event);
    }
}
