package org.lowcarbontogether.account;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Signs people in by email and password (form login and the token endpoint). */
@Service
class AccountUserDetailsService implements UserDetailsService {

    private final Users users;

    AccountUserDetailsService(Users users) {
        this.users = users;
    }

    @Override
    public UserDetails loadUserByUsername(String email) {
        return users.findByEmail(Registration.normalise(email))
                .map(u -> new AuthenticatedUser(u.id(), u.email(), u.displayName(), u.roles(), u.passwordHash()))
                .orElseThrow(() -> new UsernameNotFoundException("No account"));
    }
}
