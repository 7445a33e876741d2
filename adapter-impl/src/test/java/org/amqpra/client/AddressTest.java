package org.amqpra.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class AddressTest {
    @Test
    void hostsPortsAndBracketedIpv6LiteralsParse() {
        assertEquals(new Address("rabbit1", 0), Address.parse("rabbit1"));
        assertEquals(new Address("rabbit1", 5673), Address.parse(" rabbit1:5673 "));
        assertEquals(new Address("::1", 5672), Address.parse("[::1]:5672"));
        assertEquals(new Address("fe80::1", 0), Address.parse("[fe80::1]"));
        assertEquals("[::1]:5672", new Address("::1", 5672).toString());
        assertEquals("h:1", new Address("h", 1).toString());
    }

    @Test
    void malformedAddressesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> Address.parse("::1"), "IPv6 needs brackets");
        assertThrows(IllegalArgumentException.class, () -> Address.parse("[::1"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("h:0"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("h:65536"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse("h:port"));
        assertThrows(IllegalArgumentException.class, () -> Address.parse(":5672"));
        assertThrows(IllegalArgumentException.class, () -> Address.parseList(" , "));
    }

    @Test
    void aListKeepsItsOrderAndTheFirstAddressIsTheHost() {
        ConnectionParameters p = ConnectionParameters.builder()
                .addresses("h1:5681, h2:5682,[::1]:5683")
                .build();
        assertEquals(
                List.of(new Address("h1", 5681), new Address("h2", 5682), new Address("::1", 5683)), p.addresses());
        assertEquals("h1", p.host());
        assertEquals(5681, p.port());
        assertEquals(AddressOrder.SHUFFLED, p.addressOrder());
        assertEquals(
                List.of(new Address("localhost", 5672)),
                ConnectionParameters.builder().build().addresses());
        assertEquals(p.addresses(), p.toBuilder().build().addresses(), "kept by toBuilder");
        assertEquals(
                List.of(new Address("x", 5672)),
                p.toBuilder().host("x").port(5672).build().addresses(),
                "host and port set afterwards replace the list");
    }

    @Test
    void uriListsInRabbitMqsFormAndAsSeveralUris() {
        ConnectionParameters one =
                ConnectionParameters.fromUri("amqp://u:p@h1:5681,h2:5682,[::1]/v?address_order=ordered&heartbeat=5");
        assertEquals(List.of(new Address("h1", 5681), new Address("h2", 5682), new Address("::1", 0)), one.addresses());
        assertEquals(AddressOrder.ORDERED, one.addressOrder());
        assertEquals("u", one.userid());
        assertEquals("v", one.virtualHost());
        ConnectionParameters several = ConnectionParameters.fromUri("amqp://u:p@h1:5681/v,amqp://h2:5682/other");
        assertEquals(List.of(new Address("h1", 5681), new Address("h2", 5682)), several.addresses());
        assertEquals("v", several.virtualHost(), "everything but the addresses comes from the first URI");
        assertEquals("u", several.userid());
    }
}
