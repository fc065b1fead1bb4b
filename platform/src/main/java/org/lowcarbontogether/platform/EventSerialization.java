package org.lowcarbontogether.platform;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.core.EventSerializer;

/**
 * Serialises each published event once. The event publication registry stores one row per listener and serialises
 * the event again for every row (Spring Modulith's JDBC repository): a batch of credits, with four listeners, was
 * written to JSON four times on the record writer's thread, inside its transaction. The serializer Modulith configures
 * is kept; it is asked only when the event is not the very object serialised last.
 */
@Configuration(proxyBeanMethods = false)
class EventSerialization {

    @Bean
    static BeanPostProcessor serializeEachEventOnce() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                return bean instanceof EventSerializer serializer && !(bean instanceof Once)
                        ? new Once(serializer)
                        : bean;
            }
        };
    }

    /** Remembers the last event serialised, by identity: events are immutable records, so the same object has the same text. */
    static final class Once implements EventSerializer {

        private record Last(Object event, Object serialized) {}

        private final EventSerializer delegate;
        private volatile @Nullable Last last;

        Once(EventSerializer delegate) {
            this.delegate = delegate;
        }

        @Override
        public Object serialize(Object event) {
            Last remembered = last;
            if (remembered != null && remembered.event() == event) {
                return remembered.serialized();
            }
            Object serialized = delegate.serialize(event);
            last = new Last(event, serialized);
            return serialized;
        }

        @Override
        public <T> T deserialize(Object serialized, Class<T> type) {
            return delegate.deserialize(serialized, type);
        }
    }
}
