package dev.bigocean.limits;

import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

/** Model prices from configuration (USD per million tokens), so that a call's cost in micro-USD is tokens × price. */
@ApplicationScoped
class Pricing {

    static final String DEFAULT = "default";

    private final Map<String, LimitsConfig.Price> prices;

    Pricing(LimitsConfig.Pricing config) {
        this.prices = config.models();
        if (!prices.containsKey(DEFAULT)) {
            throw new IllegalStateException("bigocean.pricing.default.input/output must be configured");
        }
    }

    /** Cost in micro-USD, rounded up; offline models ({@code offline…}) are free. */
    long costMicros(String model, long inputTokens, long outputTokens) {
        if (isOffline(model)) {
            return 0;
        }
        LimitsConfig.Price price = priceOf(model);
        return (long) Math.ceil(Math.max(0, inputTokens) * price.input() + Math.max(0, outputTokens) * price.output());
    }

    static boolean isOffline(String model) {
        return model != null && model.toLowerCase(Locale.ROOT).startsWith("offline");
    }

    /** The price of the longest configured name that {@code model} starts with, else the default. */
    LimitsConfig.Price priceOf(String model) {
        String name = model == null ? "" : model.toLowerCase(Locale.ROOT);
        String best = null;
        for (String candidate : prices.keySet()) {
            if (!candidate.equals(DEFAULT) && name.startsWith(candidate.toLowerCase(Locale.ROOT))
                    && (best == null || candidate.length() > best.length())) {
                best = candidate;
            }
        }
        return prices.get(best == null ? DEFAULT : best);
    }
}
