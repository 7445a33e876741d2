package org.amqpra.client;

import org.amqpra.Channel;
import org.amqpra.testsupport.Broker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;

/** Base of the tests that each need a fresh connection and channel to the test broker. */
@Tag("broker")
abstract class BrokerChannelTest {
    protected Connection conn;
    protected Channel ch;

    @BeforeEach
    void openConnectionAndChannel() {
        conn = Broker.connect();
        ch = conn.channel();
    }

    @AfterEach
    void closeConnection() {
        conn.close();
    }
}
