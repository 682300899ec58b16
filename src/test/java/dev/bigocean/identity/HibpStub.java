package dev.bigocean.identity;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;

import dev.bigocean.testsupport.Pause;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A tiny local stand-in for the Have I Been Pwned range API (tests never reach the internet). */
public class HibpStub implements QuarkusTestResourceLifecycleManager {

    /** Known to the stub as breached 1234 times. */
    static final String PWNED = "Tr0ub4dor&3-horse";
    /** Answered slowly, past the configured timeout. */
    static final String SLOW = "slow-Kelp-forest-77";
    /** Answered with a server error. */
    static final String FAILING = "failing-Reef-shark-55";
    /** Listed only as a padding entry (count 0). */
    static final String PADDED = "padded-Sea-urchin-31";

    static final List<String> PATHS = new CopyOnWriteArrayList<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/range/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            PATHS.add(path);
            String prefix = path.substring("/range/".length());
            int status = 200;
            StringBuilder body = new StringBuilder();
            if (prefix.equals(PwnedPasswords.sha1(SLOW).substring(0, 5))) {
                Pause.quietly(Duration.ofMillis(3000));
            } else if (prefix.equals(PwnedPasswords.sha1(FAILING).substring(0, 5))) {
                status = 500;
            }
            body.append("0018A45C4D1DEF81644B54AB7F969B88D65:1\r\n");
            for (String known : List.of(PWNED, PADDED)) {
                String sha1 = PwnedPasswords.sha1(known);
                if (sha1.startsWith(prefix)) {
                    body.append(sha1.substring(5)).append(known.equals(PWNED) ? ":1234" : ":0").append("\r\n");
                }
            }
            body.append("FFFFFA45C4D1DEF81644B54AB7F969B88D6:0");
            byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            } catch (IOException ignored) {
                // the client gave up (timeout test)
            }
        });
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
        return Map.of("bigocean.auth.hibp.base-url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
