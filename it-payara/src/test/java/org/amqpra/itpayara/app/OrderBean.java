package org.amqpra.itpayara.app;

import jakarta.annotation.Resource;
import jakarta.ejb.EJBException;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.amqpra.AmqpConnection;
import org.amqpra.AmqpConnectionFactory;
import org.amqpra.Message;

/**
 * One JTA transaction over an XA datasource (H2) and the adapter: the row and the message commit
 * together or not at all (Payara commits the adapter's one-phase resource last).
 */
@Stateless
public class OrderBean {
    @Resource(lookup = "jdbc/amqpra-xa")
    private DataSource ds;

    @Resource(lookup = "amqp/DefaultConnectionFactory")
    private AmqpConnectionFactory cf;

    /** Creates the table, outside any transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public void createTable() {
        try (Connection c = ds.getConnection();
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (id VARCHAR(64) PRIMARY KEY)");
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }

    /** Inserts the order and publishes it; {@code fail} then rolls both back. */
    public void place(String queue, String id, boolean fail) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO orders (id) VALUES (?)")) {
            ps.setString(1, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new EJBException(e);
        }
        try (AmqpConnection a = cf.getConnection()) {
            a.channel().basicPublish(Message.builder(id).messageId(id).build(), "", queue);
        }
        if (fail) {
            throw new IllegalStateException("rolled back on purpose");
        }
    }

    /** Rows with this id (0 or 1), read outside any transaction. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public int count(String id) {
        try (Connection c = ds.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM orders WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (SQLException e) {
            throw new EJBException(e);
        }
    }
}
