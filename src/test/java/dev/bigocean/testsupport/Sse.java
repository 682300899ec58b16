package dev.bigocean.testsupport;

import java.util.ArrayList;
import java.util.List;

/** A parsed {@code text/event-stream} body. */
public final class Sse {

    public record Event(String name, String data) {
    }

    private Sse() {
    }

    public static List<Event> parse(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).replaceFirst("^ ", ""));
                }
            }
            if (!data.isEmpty()) {
                events.add(new Event(name, data.toString()));
            }
        }
        return events;
    }
}
