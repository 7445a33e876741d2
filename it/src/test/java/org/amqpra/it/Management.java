package org.amqpra.it;

import java.io.IOException;
import org.jboss.as.controller.client.ModelControllerClient;
import org.jboss.dmr.ModelNode;

/**
 * Management operations on the Arquillian-managed WildFly, through its management port (10090:
 * port offset 100) as {@code jboss-cli} would, signed on as the local user.
 */
final class Management {
    private Management() {}

    /** Runs {@code op} and returns its result; fails unless its outcome is success. */
    static ModelNode execute(ModelNode op) {
        try (ModelControllerClient client = ModelControllerClient.Factory.create("remote+http", "127.0.0.1", 10090)) {
            ModelNode result = client.execute(op);
            if (!"success".equals(result.get("outcome").asString())) {
                throw new IllegalStateException(op + " failed: " + result);
            }
            return result;
        } catch (IOException e) {
            throw new IllegalStateException(op.toString(), e);
        }
    }
}
