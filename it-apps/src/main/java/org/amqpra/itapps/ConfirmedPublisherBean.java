package org.amqpra.itapps;

import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.amqpra.AmqpConnection;
import org.amqpra.Channel;
import org.amqpra.Message;

/**
 * Publishes outside a JTA transaction ({@code NOT_SUPPORTED}), where the factory's channel is in
 * confirm mode: each call reports what the caller saw, as the name of the exception it got or
 * {@code ok}, so that the test can tell the typed errors apart through the EJB layer.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ConfirmedPublisherBean {

    /** Publishes {@code count} persistent messages one by one, each waiting for its confirm. */
    public String publish(String queue, String prefix, int count) {
        try (AmqpConnection c = Results.lookUpFactory().getConnection()) {
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i;
                c.channel()
                        .basicPublish(
                                Message.builder(id).messageId(id).persistent().build(), "", queue);
            }
            return "ok";
        } catch (RuntimeException e) {
            return e.getClass().getName();
        }
    }

    /**
     * Publishes {@code count} messages with {@code basicPublishAsync} and one
     * {@code waitForConfirms}; returns how many futures completed normally.
     */
    public int publishPipelined(String queue, String prefix, int count) {
        try (AmqpConnection c = Results.lookUpFactory().getConnection()) {
            Channel ch = c.channel();
            List<CompletableFuture<Void>> confirms = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = prefix + "-" + i;
                confirms.add(
                        ch.basicPublishAsync(Message.builder(id).messageId(id).build(), "", queue));
            }
            if (!ch.waitForConfirms(Duration.ofSeconds(30))) {
                return -1;
            }
            return (int) confirms.stream()
                    .filter(f -> f.isDone() && !f.isCompletedExceptionally())
                    .count();
        }
    }

    /** Tries a pipelined publish inside a container-managed transaction; returns the error's message. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public String publishPipelinedInsideATransaction(String queue) {
        try (AmqpConnection c = Results.lookUpFactory().getConnection()) {
            c.channel().basicPublishAsync(Message.builder("in tx").build(), "", queue);
            return "accepted";
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }
}
