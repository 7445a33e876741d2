package org.amqpra.it;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/** Publishes through the RAR's factory inside container-managed transactions (REQUIRED). */
@Stateless
public class PublisherBean {
    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Resource(lookup = "java:jboss/datasources/AmqpRaTestXA")
    private DataSource xaDataSource;

    @Resource
    private SessionContext ctx;

    /** Publishes {@code count} messages to the default exchange in one transaction. */
    public void publish(String queue, String body, int count) {
        try (AmqpConnection c = cf.getConnection()) {
            for (int i = 0; i < count; i++) {
                c.channel()
                        .basicPublish(
                                Message.builder(body + "-" + i).persistent().build(), "", queue);
            }
        }
    }

    /** Publishes, then marks the transaction for rollback. */
    public void publishThenSetRollbackOnly(String queue, String body) {
        publish(queue, body, 1);
        ctx.setRollbackOnly();
    }

    /** Publishes, then fails with a system exception (which rolls back). */
    public void publishThenThrow(String queue, String body) {
        publish(queue, body, 1);
        throw new IllegalStateException("the business logic failed after publishing");
    }

    /** Publishes to an exchange that does not exist. */
    public void publishToMissingExchange(String exchange) {
        try (AmqpConnection c = cf.getConnection()) {
            c.channel().basicPublish(Message.builder("lost?").build(), exchange, "k");
        }
    }

    /** Writes a row through the XA datasource and publishes, in one JTA transaction. */
    public void insertAndPublish(String queue, String id, boolean rollback) {
        try (Connection db = xaDataSource.getConnection();
                PreparedStatement ps = db.prepareStatement("INSERT INTO orders(id) VALUES (?)")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        publish(queue, id, 1);
        if (rollback) {
            ctx.setRollbackOnly();
        }
    }

    /** Creates the table for {@link #insertAndPublish}. */
    public void createTable() {
        try (Connection db = xaDataSource.getConnection()) {
            db.createStatement().execute("CREATE TABLE IF NOT EXISTS orders(id VARCHAR(64) PRIMARY KEY)");
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /** Counts rows with this id. */
    public int countRows(String id) {
        try (Connection db = xaDataSource.getConnection();
                PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?")) {
            ps.setString(1, id);
            var rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
