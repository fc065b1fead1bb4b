package org.lowcarbontogether.platform;

import java.time.Duration;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The executor of the modules' asynchronous event listeners: a few threads and a queue. A submitting request must
 * never wait for a free listener thread — it would hold its database connection while the listeners wait for one,
 * and the pool would run dry. Events are durable in the publication registry, so a queue loses nothing on a crash.
 */
@Configuration(proxyBeanMethods = false)
class AsyncConfiguration {

    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder) {
        return builder.corePoolSize(4)
                .maxPoolSize(4)
                .queueCapacity(Integer.MAX_VALUE)
                .threadNamePrefix("module-event-")
                .awaitTermination(true)
                .awaitTerminationPeriod(Duration.ofSeconds(20))
                .build();
    }
}
