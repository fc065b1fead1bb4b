package org.lowcarbontogether.account;

import org.jspecify.annotations.Nullable;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsPasswordService;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/**
 * Signs people in by email and password (form login and the token endpoint), and upgrades a password's hash to the
 * current encoding (Argon2id) the moment it is next used, so older bcrypt hashes disappear as people sign in.
 */
@Service
class AccountUserDetailsService implements UserDetailsService, UserDetailsPasswordService {

    private final Users users;

    AccountUserDetailsService(Users users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return users.findByEmail(Registration.normalise(email))
                .map(u -> new AuthenticatedUser(
                        u.id(),
                        u.email(),
                        u.displayName(),
                        u.roles(),
                        u.passwordHash(),
                        u.credentialsVersion(),
                        u.suspended()))
                .orElseThrow(() -> new UsernameNotFoundException("No account"));
    }

    @Override
    public UserDetails updatePassword(UserDetails user, @Nullable String newPassword) {
        var person = (AuthenticatedUser) user;
        if (newPassword != null) {
            users.rehash(person.id(), newPassword);
        }
        return new AuthenticatedUser(
                person.id(),
                person.email(),
                person.displayName(),
                person.roles(),
                newPassword,
                person.credentialsVersion());
    }
}
