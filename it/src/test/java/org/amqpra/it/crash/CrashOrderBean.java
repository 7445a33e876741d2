package org.amqpra.it.crash;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.transaction.TransactionManager;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/**
 * One JTA transaction with a row in an XA datasource (PostgreSQL, whose prepared branches survive
 * a crash) and a publish through the adapter; optionally with a
 * {@link HaltingXAResource} that stops the server between the AMQP commit and the datasource's.
 */
@Stateless
public class CrashOrderBean {
    @Resource(lookup = "java:jboss/datasources/CrashXA")
    private DataSource ds;

    @Resource(lookup = "java:/amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    @Resource(lookup = "java:/TransactionManager")
    private TransactionManager tm;

    /** Inserts {@code id} and publishes it to {@code queue}; {@code halt} stops the server in the commit. */
    public void order(String id, String queue, boolean halt) {
        try {
            if (halt) {
                tm.getTransaction().enlistResource(new HaltingXAResource()); // first: committed first
            }
            try (Connection db = ds.getConnection();
                    PreparedStatement ps = db.prepareStatement("INSERT INTO amqpra_crash_orders(id) VALUES (?)")) {
                ps.setString(1, id);
                ps.executeUpdate();
            }
        } catch (Exception e) {
            throw new EJBException(e);
        }
        try (AmqpConnection c = cf.getConnection()) {
            c.channel()
                    .basicPublish(Message.builder(id).messageId(id).persistent().build(), "", queue);
        }
    }

    /** Rows with this id. */
    public int count(String id) {
        try (Connection db = ds.getConnection();
                PreparedStatement ps = db.prepareStatement("SELECT COUNT(*) FROM amqpra_crash_orders WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /** Creates the table. */
    public void createTable() {
        try (Connection db = ds.getConnection()) {
            db.createStatement().execute("CREATE TABLE IF NOT EXISTS amqpra_crash_orders(id VARCHAR(64) PRIMARY KEY)");
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
