package org.amqpra.jca.outbound;

import java.util.Objects;

/** A user name and password; part of matching. Never prints the password. */
record Credentials(String user, String password) {
    @Override
    public String toString() {
        return "Credentials[" + user + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials
                && Objects.equals(user, ((Credentials) o).user)
                && Objects.equals(password, ((Credentials) o).password);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(user);
    }
}
