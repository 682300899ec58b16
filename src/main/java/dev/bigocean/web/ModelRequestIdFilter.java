package dev.bigocean.web;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Passes the request id to the model provider: every chat-completions call made while handling a request carries
 * {@code X-Request-Id} (OpenAI and compatible servers accept and log it), so a provider-side log line can be matched
 * with ours. Registered for all REST clients (the OpenAI client of quarkus-langchain4j is one); other calls are left
 * alone.
 */
@Provider
public class ModelRequestIdFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        String id = RequestIds.current();
        if (id != null && request.getUri().getPath().endsWith("/chat/completions")
                && !request.getHeaders().containsKey(RequestIds.HEADER)) {
            request.getHeaders().putSingle(RequestIds.HEADER, id);
        }
    }
}
