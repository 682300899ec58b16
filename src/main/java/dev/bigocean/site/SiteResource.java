package dev.bigocean.site;

import java.nio.charset.StandardCharsets;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import dev.bigocean.platform.LlmConfig;
import dev.bigocean.web.SecurityHeaders;
import io.quarkus.qute.Template;

/**
 * The web client's page at {@code /}: plain HTML linking the versioned assets, revalidated on every visit
 * ({@code no-cache} with an ETag, {@code 304} when unchanged). Rendered once: it depends only on the asset version and
 * the model mode.
 */
@Path("/")
class SiteResource {

    private final byte[] page;
    private final String etag;

    SiteResource(Template site, SiteAssets assets, LlmConfig llm) {
        boolean offline = llm.nerinOffline() || llm.analyzerOffline();
        this.page = site.data("version", assets.version()).data("offline", offline).render().getBytes(StandardCharsets.UTF_8);
        this.etag = '"' + assets.version() + (offline ? "-offline" : "") + '"';
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true) // a page, not API
    public Response index(@HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
        }
        return SecurityHeaders.page(Response.ok(page, MediaType.TEXT_HTML + ";charset=UTF-8")).header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache").build();
    }
}
