package dev.bigocean.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.bigocean.web.WebConfig;

class ProfileServiceTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://bigocean.dev", "https://bigocean.dev/", "https://bigocean.dev//"})
    void shareableUrlIsFrontendUrlWithoutTrailingSlashPlusProfilePath(String frontendUrl) {
        UUID id = UUID.fromString("6f1c2d3e-0000-4000-8000-000000000001");
        WebConfig.Frontend frontend = (WebConfig.Frontend) Proxy.newProxyInstance(WebConfig.class.getClassLoader(),
                new Class<?>[] { WebConfig.Frontend.class }, (proxy, method, args) -> Map.of("url", frontendUrl).get(method.getName()));
        ProfileService service = new ProfileService(null, null, null, null, null, null, frontend, null, null);
        assertEquals("https://bigocean.dev/profile/" + id, service.shareableUrl(id));
    }
}
