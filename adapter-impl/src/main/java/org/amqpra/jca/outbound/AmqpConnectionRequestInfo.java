package org.amqpra.jca.outbound;

import jakarta.resource.spi.ConnectionRequestInfo;
import java.util.Objects;

/** Component-managed sign-on: the credentials passed to {@code getConnection(user, password)}. */
public final class AmqpConnectionRequestInfo implements ConnectionRequestInfo {
    private final String user;
    private final String password;

    /** Credentials for one request. */
    public AmqpConnectionRequestInfo(String user, String password) {
        this.user = user;
        this.password = password;
    }

    Credentials credentials() {
        return new Credentials(user, password);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AmqpConnectionRequestInfo
                && Objects.equals(user, ((AmqpConnectionRequestInfo) o).user)
                && Objects.equals(password, ((AmqpConnectionRequestInfo) o).password);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(user);
    }

    @Override
    public String toString() {
        return "AmqpConnectionRequestInfo[" + user + "]";
    }
}
