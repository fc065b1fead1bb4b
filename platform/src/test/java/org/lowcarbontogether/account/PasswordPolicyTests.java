package org.lowcarbontogether.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTests {

    @Test
    void acceptsALongPassphrase() {
        assertThat(PasswordPolicy.problem("correct horse battery staple", "ann@example.org", "Ann"))
                .isEmpty();
        assertThat(PasswordPolicy.problem("绿色出行每一天都算数", "ann@example.org", "Ann"))
                .isEmpty();
    }

    @Test
    void refusesShortLongCommonAndPersonalPasswords() {
        assertThat(PasswordPolicy.problem("short", "ann@example.org", "Ann")).contains("password-too-short");
        assertThat(PasswordPolicy.problem("x".repeat(129), "ann@example.org", "Ann"))
                .contains("password-too-long");
        assertThat(PasswordPolicy.problem("Password123", "ann@example.org", "Ann"))
                .contains("password-too-common");
        assertThat(PasswordPolicy.problem("woaini1314", "ann@example.org", "Ann"))
                .contains("password-too-common");
        assertThat(PasswordPolicy.problem("ann.wong-2026!", "ann.wong@example.org", "Ann"))
                .contains("password-too-common");
        assertThat(PasswordPolicy.problem("aaaaaaaaaaaa", "ann@example.org", "Ann"))
                .contains("password-too-common");
        assertThat(PasswordPolicy.problem("Tinkerbell", "ann@example.org", "Ann"))
                .as("from the leaked list")
                .contains("password-too-common");
    }
}
