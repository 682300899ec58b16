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
}
