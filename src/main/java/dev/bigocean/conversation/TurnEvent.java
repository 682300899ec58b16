package dev.bigocean.conversation;

import dev.bigocean.conversation.api.MessageResponse;
import dev.bigocean.web.ApiException;

/** What a turn emits: tokens as the model sends them, then exactly one {@link Done} or {@link Failed}. */
sealed interface TurnEvent {

    record Token(String delta) implements TurnEvent {
    }

    record Done(MessageResponse response) implements TurnEvent {
    }

    record Failed(ApiException error) implements TurnEvent {
    }
}
