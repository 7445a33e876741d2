package org.amqpra.demo;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The REST API, under {@code /orders/api}. */
@ApplicationPath("/api")
public class OrdersApplication extends Application {}
