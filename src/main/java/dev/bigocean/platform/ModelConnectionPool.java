package dev.bigocean.platform;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.spi.RestClientListener;

import io.quarkiverse.langchain4j.openai.common.OpenAiRestApi;
import io.smallrye.config.SmallRyeConfig;

/**
 * Sizes the connection pool of the model clients. quarkus-langchain4j builds its OpenAI REST client in code, where the
 * Quarkus REST client keeps its default of 50 connections per client and no configuration key reaches it: with more
 * than 50 streamed turns in flight, the others queued for a connection before the model was even called (500 turns at
 * once reached the model after 6 s at the median). This MicroProfile REST Client listener, registered in
 * {@code META-INF/services} (hence public, with the implicit public constructor), gives that client
 * {@link LlmConfig#connectionPoolSize()} connections instead.
 */
public class ModelConnectionPool implements RestClientListener {

    /** The Quarkus REST client property the pool size is read from when the client is built. */
    static final String POOL_SIZE = "io.quarkus.rest.client.connection-pool-size";

    @Override
    public void onNewClient(Class<?> serviceInterface, RestClientBuilder builder) {
        if (OpenAiRestApi.class.equals(serviceInterface)) {
            LlmConfig config = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(LlmConfig.class);
            builder.property(POOL_SIZE, config.connectionPoolSize());
        }
    }
}
