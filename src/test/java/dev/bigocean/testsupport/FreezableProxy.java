package dev.bigocean.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * A TCP proxy on 127.0.0.1 that can stop forwarding without closing anything: while frozen, the bytes it reads are held
 * back, so both ends see an open connection that no longer answers (a frozen server, or one gone without a reset).
 * {@link #thaw} forwards what was held, in order. It can also {@link #cutOn cut} a connection: when a client sends a given
 * text (a statement), both sockets close before it reaches the server (a server lost in the middle of a conversation),
 * or {@link #holdOn hold} one: what a client sends from a given text on is held back on that connection alone, while the
 * others go on (one command stuck while the server answers the rest).
 * A proxy is known by its port, and its state is a system property: a test profile (which starts it) and its test class
 * are loaded by different class loaders.
 */
public final class FreezableProxy {

    private FreezableProxy() {
    }

    /** Listens on a free port and forwards each connection to {@code targetPort} (read when the connection opens). */
    public static int start(IntSupplier targetPort) {
        try {
            ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            daemon(() -> accept(server, targetPort));
            return server.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The port of the proxy named by the system property {@code property}, started on first use towards the port held by
     * the system property {@code targetPortProperty} (read when each connection opens). Profiles and their test classes
     * find the same proxy by that name, once per JVM.
     */
    public static int shared(String property, String targetPortProperty) {
        Integer port = Integer.getInteger(property);
        if (port == null) {
            port = start(() -> Integer.getInteger(targetPortProperty));
            System.setProperty(property, String.valueOf(port));
        }
        return port;
    }

    public static void freeze(int port) {
        System.setProperty(key(port), "frozen");
    }

    public static void thaw(int port) {
        System.clearProperty(key(port));
    }

    /** From now on, closes any connection whose client sends {@code text} (ASCII), instead of forwarding it. */
    public static void cutOn(int port, String text) {
        System.setProperty(cutKey(port), text);
    }

    public static void stopCutting(int port) {
        System.clearProperty(cutKey(port));
    }

    /**
     * From now on, holds back what a client sends from {@code text} (ASCII) on, on the connection that sent it, until
     * {@link #stopHolding}; other connections are forwarded as before.
     */
    public static void holdOn(int port, String text) {
        System.setProperty(holdKey(port), text);
    }

    public static void stopHolding(int port) {
        System.clearProperty(holdKey(port));
        System.clearProperty(heldKey(port));
    }

    /** Whether a connection is holding back what its client sent, since {@link #holdOn} (cleared by {@link #stopHolding}). */
    public static boolean holding(int port) {
        return System.getProperty(heldKey(port)) != null;
    }

    private static String key(int port) {
        return "bigocean.test.proxy." + port + ".frozen";
    }

    private static String cutKey(int port) {
        return "bigocean.test.proxy." + port + ".cut-on";
    }

    private static String holdKey(int port) {
        return "bigocean.test.proxy." + port + ".hold-on";
    }

    private static String heldKey(int port) {
        return "bigocean.test.proxy." + port + ".holding";
    }

    private static void accept(ServerSocket server, IntSupplier targetPort) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort.getAsInt());
                daemon(() -> pump(server.getLocalPort(), client, target, true));
                daemon(() -> pump(server.getLocalPort(), target, client, false));
            } catch (IOException | RuntimeException e) {
                // A refused or unknown target, or a closed listener: the client sees its connection close.
            }
        }
    }

    private static void pump(int port, Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[16384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                String hold = System.getProperty(holdKey(port));
                boolean held = fromClient && hold != null && sent(buffer, n, hold);
                if (held) {
                    System.setProperty(heldKey(port), "true");
                }
                while (System.getProperty(key(port)) != null || held && System.getProperty(holdKey(port)) != null) {
                    Thread.sleep(5);
                }
                String cut = System.getProperty(cutKey(port));
                if (fromClient && cut != null && sent(buffer, n, cut)) {
                    break;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The other side closed: close both below.
        } finally {
            close(from);
            close(to);
        }
    }

    private static boolean sent(byte[] buffer, int length, String text) {
        return new String(buffer, 0, length, StandardCharsets.ISO_8859_1).contains(text);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void daemon(Runnable task) {
        Thread thread = new Thread(task, "freezable-proxy");
        thread.setDaemon(true);
        thread.start();
    }
}
