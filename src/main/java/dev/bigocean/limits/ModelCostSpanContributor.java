package dev.bigocean.limits;

import jakarta.enterprise.context.ApplicationScoped;

import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.output.TokenUsage;
import io.opentelemetry.api.trace.Span;
import io.quarkiverse.langchain4j.runtime.listeners.ChatModelSpanContributor;

/**
 * Adds the call's cost, priced like the daily budget prices it, to the model-call span that quarkus-langchain4j
 * records (which already carries the model and the token counts as {@code gen_ai.*} attributes).
 */
@ApplicationScoped
class ModelCostSpanContributor implements ChatModelSpanContributor {

    static final String COST_MICROS = "bigocean.cost.micro_usd";

    private final Pricing pricing;

    ModelCostSpanContributor(Pricing pricing) {
        this.pricing = pricing;
    }

    @Override
    public void onResponse(ChatModelResponseContext context, Span span) {
        TokenUsage usage = context.chatResponse().tokenUsage();
        if (usage == null) {
            return;
        }
        String model = context.chatResponse().modelName() != null ? context.chatResponse().modelName()
                : context.chatRequest().modelName();
        span.setAttribute(COST_MICROS, pricing.costMicros(model, value(usage.inputTokenCount()), value(usage.outputTokenCount())));
    }

    private static long value(Integer count) {
        return count == null ? 0 : count;
    }
}
