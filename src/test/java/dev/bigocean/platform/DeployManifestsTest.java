package dev.bigocean.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/** The deploy files parse and carry what a production run needs (probes, hardening, settings, a pinned image). */
class DeployManifestsTest {

    private static final Path KUBERNETES = Path.of("deploy", "kubernetes");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final Map<String, String> API_VERSIONS = Map.of("Deployment", "apps/v1", "Service", "v1", "ConfigMap", "v1",
            "Secret", "v1", "HorizontalPodAutoscaler", "autoscaling/v2", "PodDisruptionBudget", "policy/v1",
            "Kustomization", "kustomize.config.k8s.io/v1beta1");
    /** Every variable a production run needs, in the ConfigMap or the Secret. */
    private static final Set<String> REQUIRED_VARIABLES = Set.of("DATABASE_URL", "REDIS_URL", "OPENAI_API_KEY",
            "INTERNAL_API_SECRET", "FRONTEND_URL", "TRUSTED_PROXY_HEADER", "AUTH_COOKIE_SAME_SITE", "AUTH_COOKIE_SECURE",
            "LLM_MODE");
    private static final Set<String> SECRET_VARIABLES = Set.of("DATABASE_URL", "REDIS_URL", "OPENAI_API_KEY",
            "INTERNAL_API_SECRET");

    static List<JsonNode> documents = new ArrayList<>();

    @BeforeAll
    static void parse() throws IOException {
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
                    while (it.hasNext()) {
                        JsonNode doc = it.next();
                        if (doc != null && !doc.isNull() && !doc.isEmpty()) {
                            documents.add(doc);
                        }
                    }
                }
            }
        }
    }

    private static JsonNode only(String kind) {
        List<JsonNode> found = documents.stream().filter(d -> kind.equals(d.path("kind").asText())).toList();
        assertEquals(1, found.size(), "one " + kind);
        return found.get(0);
    }

    @Test
    void everyDocumentHasAKnownKindAndItsApiVersion() {
        assertEquals(API_VERSIONS.keySet(), new HashSet<>(documents.stream().map(d -> d.path("kind").asText()).toList()));
        for (JsonNode doc : documents) {
            String kind = doc.path("kind").asText();
            assertEquals(API_VERSIONS.get(kind), doc.path("apiVersion").asText(), kind);
            if (!"Kustomization".equals(kind)) {
                assertEquals("big-ocean-api", doc.path("metadata").path("name").asText(), kind);
            }
        }
    }

    @Test
    void theKustomizationListsEveryManifest() throws IOException {
        Set<String> listed = new HashSet<>();
        only("Kustomization").path("resources").forEach(r -> listed.add(r.asText()));
        try (Stream<Path> files = Files.list(KUBERNETES)) {
            Set<String> manifests = new HashSet<>(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml")).toList());
            assertEquals(manifests, listed);
        }
    }

    @Test
    void theDeploymentIsHardenedProbedAndPinned() {
        JsonNode pod = only("Deployment").path("spec").path("template").path("spec");
        assertTrue(pod.path("securityContext").path("runAsNonRoot").asBoolean());
        JsonNode container = pod.path("containers").get(0);
        String image = container.path("image").asText();
        assertTrue(image.contains(":"), "image has a tag: " + image);
        String tag = image.substring(image.lastIndexOf(':') + 1);
        assertFalse(tag.isBlank() || tag.equals("latest"), "image tag is pinned: " + image);

        JsonNode security = container.path("securityContext");
        assertTrue(security.path("readOnlyRootFilesystem").asBoolean());
        assertFalse(security.path("allowPrivilegeEscalation").asBoolean(true));
        assertEquals("ALL", security.path("capabilities").path("drop").get(0).asText());
        boolean tmpMounted = false;
        for (JsonNode mount : container.path("volumeMounts")) {
            String volume = mount.path("name").asText();
            if ("/tmp".equals(mount.path("mountPath").asText())) {
                for (JsonNode v : pod.path("volumes")) {
                    tmpMounted |= volume.equals(v.path("name").asText()) && v.has("emptyDir");
                }
            }
        }
        assertTrue(tmpMounted, "an emptyDir is mounted on /tmp");

        assertEquals("/q/health/started", container.path("startupProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/live", container.path("livenessProbe").path("httpGet").path("path").asText());
        assertEquals("/q/health/ready", container.path("readinessProbe").path("httpGet").path("path").asText());
        // Production serves /q/health only on the management port.
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertEquals("management", container.path(probe).path("httpGet").path("port").asText(), probe);
        }
        assertFalse(container.path("resources").path("requests").path("memory").asText().isEmpty());
        assertFalse(container.path("resources").path("limits").path("memory").asText().isEmpty());

        Set<String> sources = new HashSet<>();
        container.path("envFrom").forEach(s -> {
            if (s.has("configMapRef")) {
                sources.add("ConfigMap/" + s.path("configMapRef").path("name").asText());
            }
            if (s.has("secretRef")) {
                sources.add("Secret/" + s.path("secretRef").path("name").asText());
            }
        });
        assertEquals(Set.of("ConfigMap/big-ocean-api", "Secret/big-ocean-api"), sources);
    }

    @Test
    void theConfigMapAndSecretHoldEveryProductionVariable() {
        Set<String> config = new HashSet<>();
        only("ConfigMap").path("data").fieldNames().forEachRemaining(config::add);
        Set<String> secret = new HashSet<>();
        only("Secret").path("stringData").fieldNames().forEachRemaining(secret::add);
        assertTrue(secret.containsAll(SECRET_VARIABLES), "secrets: " + secret);
        Set<String> all = new HashSet<>(config);
        all.addAll(secret);
        assertTrue(all.containsAll(REQUIRED_VARIABLES), "missing: " + REQUIRED_VARIABLES.stream()
                .filter(v -> !all.contains(v)).toList());
        assertEquals("X-Forwarded-For", only("ConfigMap").path("data").path("TRUSTED_PROXY_HEADER").asText());
        for (String name : SECRET_VARIABLES) {
            assertFalse(config.contains(name), name + " is a secret, not ConfigMap data");
        }
    }

    @Test
    void theAutoscalerAndDisruptionBudgetTargetTheDeployment() {
        JsonNode hpa = only("HorizontalPodAutoscaler").path("spec");
        assertEquals("Deployment", hpa.path("scaleTargetRef").path("kind").asText());
        assertEquals("big-ocean-api", hpa.path("scaleTargetRef").path("name").asText());
        assertTrue(hpa.path("minReplicas").asInt() >= 2);
        assertTrue(hpa.path("maxReplicas").asInt() >= hpa.path("minReplicas").asInt());
        JsonNode labels = only("Deployment").path("spec").path("template").path("metadata").path("labels");
        only("PodDisruptionBudget").path("spec").path("selector").path("matchLabels").fields()
                .forEachRemaining(e -> assertEquals(e.getValue(), labels.path(e.getKey())));
        only("Service").path("spec").path("selector").fields()
                .forEachRemaining(e -> assertEquals(e.getValue(), labels.path(e.getKey())));
    }

    @Test
    void composeAndRailwayFilesParse() throws IOException {
        JsonNode compose = YAML.readTree(Path.of("deploy", "compose.yaml").toFile());
        Set<String> services = new HashSet<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        assertEquals(Set.of("api", "postgres", "redis"), services);
        JsonNode env = compose.path("services").path("api").path("environment");
        assertTrue(env.path("DATABASE_URL").asText().startsWith("postgresql://"));
        assertTrue(env.path("REDIS_URL").asText().startsWith("redis://"));

        JsonNode railway = new ObjectMapper().readTree(Path.of("railway.json").toFile());
        assertEquals("deploy/Dockerfile", railway.path("build").path("dockerfilePath").asText());
        assertTrue(Files.exists(Path.of(railway.path("build").path("dockerfilePath").asText())));
        assertEquals("/health", railway.path("deploy").path("healthcheckPath").asText()); // the public port
    }

    @Test
    void theDockerfileFailsLoudlyRunsAsNonRootAndChecksHealth() throws IOException {
        String dockerfile = Files.readString(Path.of("deploy", "Dockerfile"));
        assertFalse(dockerfile.contains("|| true"), "no ignored failures");
        assertTrue(dockerfile.contains("\nUSER 1001"), "non-root user");
        assertTrue(dockerfile.contains("\nHEALTHCHECK "), "a health check");
        assertTrue(dockerfile.contains("LOG_JSON=true"), "JSON logs");
        assertTrue(dockerfile.contains("-Xmx") || dockerfile.contains("-XX:MaxRAMPercentage="), "a heap cap");
        assertTrue(dockerfile.contains("maven.test.skip=true"), "no test classes");
        assertTrue(Files.readString(Path.of(".dockerignore")).contains("src/test/"), "test sources stay out of the context");
    }

    @Test
    void theClassDataTrainingScriptTheImageRunsIsInTheBuildContext() throws IOException {
        String dockerfile = Files.readString(Path.of("deploy", "Dockerfile"));
        assertTrue(dockerfile.contains("COPY deploy/cds-training.sh deploy/cds-training.sh")
                && dockerfile.contains("RUN bash deploy/cds-training.sh target/quarkus-app"), "the build stage trains the archive");
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));
        assertTrue(ignored.indexOf("!deploy/cds-training.sh") > ignored.indexOf("deploy/"),
                "deploy/ is left out of the context except the training script (the exception must follow the exclusion)");
    }
}
