package dev.bigocean.platform;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Settings the service refuses to start without, each refusal one clear log line: with
 * {@code bigocean.llm.require-key} (on in the {@code prod} profile) a model API key for every role unless
 * {@code LLM_MODE=offline} is asked for explicitly; and an audience ({@code OIDC_AUDIENCE}) whenever OIDC bearer
 * tokens are on, since a token issued for another application of the same identity provider must not sign anyone in.
 */
@ApplicationScoped
class StartupChecks {

    private static final Logger LOG = Logger.getLogger("dev.bigocean");

    void check(@Observes @Priority(1) StartupEvent event, LlmConfig llm, PlatformConfig.Oidc oidc) {
        List<String> problems = problems(llm.mode(), llm.requireKey(), hasKey(llm.nerin()), hasKey(llm.analyzer()),
                oidc.enabled(), oidc.audience().orElse(List.of()));
        if (!problems.isEmpty()) {
            throw refusal(String.join("; ", problems));
        }
    }

    /** A refused start: one ERROR line, "Big Ocean refuses to start: {@code reason}", and the exception that stops it. */
    static IllegalStateException refusal(String reason) {
        String message = "Big Ocean refuses to start: " + reason;
        LOG.error(message);
        return new IllegalStateException(message);
    }

    private static boolean hasKey(LlmConfig.Role role) {
        return role.apiKey().filter(k -> !k.isBlank()).isPresent();
    }

    /** What is wrong with these settings (empty: nothing). */
    static List<String> problems(String llmMode, boolean requireKey, boolean nerinKey, boolean analyzerKey, boolean oidc,
            List<String> audience) {
        List<String> problems = new ArrayList<>();
        if (requireKey && !"offline".equalsIgnoreCase(llmMode.trim()) && !(nerinKey && analyzerKey)) {
            problems.add("no model API key (set OPENAI_API_KEY, or NERIN_API_KEY and ANALYZER_API_KEY; or set "
                    + "LLM_MODE=offline to run the offline, non-AI interviewer and analyzer on purpose)");
        }
        if (oidc && audience.stream().allMatch(String::isBlank)) {
            problems.add("OIDC_ISSUER_URL is set but OIDC_AUDIENCE is not (the audience this service's tokens must carry)");
        }
        return problems;
    }
}
