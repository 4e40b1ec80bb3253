package io.cellwatch.deploy.broker;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free TCP ports on the loopback interface, for the listeners cellwatch starts itself (an embedded or
 * chaos broker, a child JVM's HTTP endpoint). Ports asked for together are found together: each one's
 * socket stays bound until all are, so no two are the same port. One at a time, the operating system may
 * hand a port just released straight back (a broker whose listener and controller were given one port
 * refuses to start: "Each listener must have a different port", seen once in CI). A port is free when
 * found; another process may still take it before its listener binds.
 */
public final class LoopbackPorts {
    private LoopbackPorts() {}

    /** {@code count} distinct free ports. */
    public static int[] free(int count) throws IOException {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[count];
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                held.add(socket);
                ports[i] = socket.getLocalPort();
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    /** One free port. */
    public static int free() throws IOException {
        return free(1)[0];
    }
}
