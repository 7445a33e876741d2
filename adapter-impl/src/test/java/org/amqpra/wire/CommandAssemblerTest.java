package org.amqpra.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.amqpra.BasicProperties;
import org.amqpra.FrameErrorException;
import org.amqpra.UnexpectedFrameException;
import org.junit.jupiter.api.Test;

class CommandAssemblerTest {

    private static Frame method(AmqpMethod m) {
        WireWriter w = new WireWriter(16);
        MethodCodec.encode(m, w);
        return new Frame(Frame.METHOD, 1, w.toByteArray());
    }

    private static Frame header(int classId, long size) {
        WireWriter w = new WireWriter(16);
        ContentHeaderCodec.encode(classId, size, BasicProperties.EMPTY, w);
        return new Frame(Frame.HEADER, 1, w.toByteArray());
    }

    private static AmqpMethod deliver() {
        return new AmqpMethod(Methods.BASIC_DELIVER, "ctag", 1L, false, "ex", "rk");
    }

    @Test
    void assemblesMethodHeaderAndBodyFrames() {
        CommandAssembler a = new CommandAssembler(1000);
        assertNull(a.handle(method(deliver())));
        assertNull(a.handle(header(60, 5)));
        assertNull(a.handle(new Frame(Frame.BODY, 1, new byte[] {1, 2})));
        Command c = a.handle(new Frame(Frame.BODY, 1, new byte[] {3, 4, 5}));
        assertNotNull(c);
        assertArrayEquals(new byte[] {1, 2, 3, 4, 5}, c.body());
        assertEquals(Methods.BASIC_DELIVER, c.method().spec());
    }

    @Test
    void emptyBodyCompletesOnHeader() {
        CommandAssembler a = new CommandAssembler(1000);
        a.handle(method(deliver()));
        assertEquals(0, a.handle(header(60, 0)).body().length);
    }

    @Test
    void headerOfAnotherClassIsUnexpectedFrame() {
        CommandAssembler a = new CommandAssembler(1000);
        a.handle(method(deliver()));
        assertThrows(UnexpectedFrameException.class, () -> a.handle(header(50, 1)));
    }

    @Test
    void methodInsideContentIsUnexpectedFrame() {
        CommandAssembler a = new CommandAssembler(1000);
        a.handle(method(deliver()));
        a.handle(header(60, 10));
        assertThrows(UnexpectedFrameException.class, () -> a.handle(method(deliver())));
    }

    @Test
    void bodyWithoutContentIsUnexpectedFrame() {
        assertThrows(
                UnexpectedFrameException.class,
                () -> new CommandAssembler(10).handle(new Frame(Frame.BODY, 1, new byte[1])));
    }

    @Test
    void bodyOverTheCapIsRefusedBeforeAllocating() {
        CommandAssembler a = new CommandAssembler(1000);
        a.handle(method(deliver()));
        assertThrows(FrameErrorException.class, () -> a.handle(header(60, Long.MAX_VALUE)));
    }

    @Test
    void bodyLongerThanAnnouncedIsFrameError() {
        CommandAssembler a = new CommandAssembler(1000);
        a.handle(method(deliver()));
        a.handle(header(60, 2));
        assertThrows(FrameErrorException.class, () -> a.handle(new Frame(Frame.BODY, 1, new byte[3])));
    }
}
