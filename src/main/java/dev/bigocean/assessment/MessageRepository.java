package dev.bigocean.assessment;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class MessageRepository implements PanacheRepositoryBase<Message, UUID> {

    /** The whole conversation in order. */
    public Uni<List<Message>> conversation(UUID sessionId) {
        return list("sessionId = ?1 order by seq", sessionId);
    }

    /** The last {@code limit} messages in chronological order. */
    public Uni<List<Message>> recent(UUID sessionId, int limit) {
        return find("sessionId = ?1 order by seq desc", sessionId).page(0, limit).list()
                .map(list -> {
                    java.util.List<Message> ordered = new java.util.ArrayList<>(list);
                    java.util.Collections.reverse(ordered);
                    return ordered;
                });
    }
}
