package org.amqpra.demo;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;

/** Creates the orders table when the application starts. */
@Singleton
@Startup
public class Schema {
    @EJB
    private OrderStore store;

    @PostConstruct
    void create() {
        store.createTable();
    }
}
