package org.lowcarbontogether;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.ContextConfiguration;

/**
 * An integration test on the whole platform over HTTP, on a real PostgreSQL: the embedded one by default, or the
 * server named by {@code SPRING_DATASOURCE_URL}. All such tests share one application context, so one database; they
 * create their own users and never rely on the database being empty. Mail goes to one GreenMail SMTP server for the
 * JVM ({@link TestMail}). After each class the ledger invariants are checked.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = TestMail.class)
@ActiveProfiles("test")
@ExtendWith(LedgerInvariants.class)
public @interface IntegrationTest {}
