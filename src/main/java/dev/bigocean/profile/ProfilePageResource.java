package dev.bigocean.profile;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.bigocean.assessment.JsonMemo;
import dev.bigocean.platform.Sha256;
import dev.bigocean.site.SiteAssets;
import dev.bigocean.web.ApiException;
import dev.bigocean.web.SecurityHeaders;
import io.quarkus.qute.Template;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * The shareable profile page, rendered by the server ({@code /profile/{id}}), and its Open Graph preview image
 * ({@code /profile/{id}/og.png}). Both read the profile as the API does (one query for the profile, one for its
 * evidence: the cost of a {@code results} read); the rendered HTML and the PNG are kept by what they are drawn from
 * (the session's facet aggregates, the profile, the viewer's ownership, the page's address), with a version hashed
 * from what they show when drawn, which is their ETag ({@code 304} on {@code If-None-Match}). A private profile is a
 * friendly 403 page (its owner, signed in, sees it), an unknown one a 404 page; the image answers them with the API's
 * JSON errors ({@code ProfilePrivate}, {@code ProfileNotFound}).
 */
@Path("/profile")
class ProfilePageResource {

    static final String HTML = MediaType.TEXT_HTML + ";charset=UTF-8";
    static final String IMAGE_CACHE = "public, max-age=3600";
    private static final int CACHED = 256;
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");

    /** A page or image as drawn, with the version of what it shows. */
    private record Drawn(String version, byte[] bytes) {
    }

    private final ProfileService service;
    private final Template profile;
    private final Template profileError;
    /** The version of the stylesheet the pages link: part of the page's ETag, so a new build's page is fetched anew. */
    private final String assets;
    private final Cache<JsonMemo.Key, Drawn> rendered = drawings();
    private final Cache<JsonMemo.Key, Drawn> images = drawings();

    ProfilePageResource(ProfileService service, Template profile, Template profileError, SiteAssets assets) {
        this.service = service;
        this.profile = profile;
        this.profileError = profileError;
        this.assets = assets.version();
    }

    @GET
    @Path("/{publicProfileId}")
    @Produces(MediaType.TEXT_HTML)
    @Operation(hidden = true) // a page, not API
    public Uni<Response> page(@PathParam("publicProfileId") String publicProfileId, @Context UriInfo uri,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Optional<UUID> id = uuid(publicProfileId);
        if (id.isEmpty()) {
            return Uni.createFrom().item(error(404));
        }
        String base = TRAILING_SLASHES.matcher(uri.getBaseUri().toString()).replaceFirst("");
        return service.card(id.get(), true).map(card -> {
            String cacheControl = (card.isPublic() ? "public" : "private") + ", no-cache";
            Drawn page = rendered.get(key("html", card, base + '|' + assets), k -> {
                String pageUrl = base + "/profile/" + card.id();
                String version = version("html", card, base + '|' + assets);
                return new Drawn(version, profile
                        .data("p", ProfilePage.of(card, pageUrl, pageUrl + "/og.png?v=" + version.substring(0, 12)))
                        .data("assets", assets).render().getBytes(StandardCharsets.UTF_8));
            });
            if (matches(ifNoneMatch, page.version())) {
                return Response.notModified(page.version()).header(HttpHeaders.CACHE_CONTROL, cacheControl)
                        .header("Vary", "Cookie").build();
            }
            return SecurityHeaders.page(Response.ok(page.bytes(), HTML))
                    .header(HttpHeaders.ETAG, '"' + page.version() + '"').header(HttpHeaders.CACHE_CONTROL, cacheControl)
                    .header("Vary", "Cookie").build();
        }).onFailure(ApiException.class).recoverWithItem(failure -> error(((ApiException) failure).status()));
    }

    @GET
    @Path("/{publicProfileId}/og.png")
    @Produces("image/png")
    @Operation(hidden = true) // an image, not API
    public Uni<Response> image(@PathParam("publicProfileId") String publicProfileId,
            @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        Optional<UUID> id = uuid(publicProfileId);
        if (id.isEmpty()) {
            return Uni.createFrom().failure(ApiException.profileNotFound(publicProfileId));
        }
        return service.card(id.get(), false).flatMap(card -> {
            String cacheControl = card.isPublic() ? IMAGE_CACHE : "private, no-cache";
            JsonMemo.Key key = key("png", card, "");
            Drawn cached = images.getIfPresent(key);
            // Drawing takes a few milliseconds of CPU (more the first time fonts load): never on the event loop.
            Uni<Drawn> png = cached != null ? Uni.createFrom().item(cached)
                    : Uni.createFrom().item(() -> images.get(key, k -> new Drawn(version("png", card, ""),
                            OgImage.png(card)))).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
            return png.map(image -> matches(ifNoneMatch, image.version())
                    ? Response.notModified(image.version()).header(HttpHeaders.CACHE_CONTROL, cacheControl).build()
                    : Response.ok(image.bytes(), "image/png").header(HttpHeaders.ETAG, '"' + image.version() + '"')
                            .header(HttpHeaders.CACHE_CONTROL, cacheControl).build());
        }); // an unknown or private profile: the API's JSON error (ProfileNotFound, ProfilePrivate), with its request id
    }

    private Response error(int status) {
        boolean isPrivate = status == 403;
        String html = profileError.data("status", status).data("assets", assets)
                .data("title", isPrivate ? "This profile is private" : "Profile not found")
                .data("message", isPrivate
                        ? "Its owner has chosen to keep it private. If it is yours, sign in to see it."
                        : "There is no profile at this address. The link may be mistyped, or the profile was removed.")
                .render();
        return SecurityHeaders.page(Response.status(status).entity(html).type(HTML)).header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** What a page or image is drawn from: the scores, the profile, its visibility, the viewer, {@code base}. */
    private static JsonMemo.Key key(String kind, ProfileService.Card card, String base) {
        return JsonMemo.Key.of(kind, card.facets().rawScores(), card.facets().confidences(), card.id(), card.isPublic(),
                card.owner(), base);
    }

    /** What a response shows: the scores, archetype and visibility (and whether the viewer owns it), hashed. */
    static String version(String kind, ProfileService.Card card, String base) {
        String data = kind + '|' + card.id() + '|' + card.isPublic() + '|' + card.owner() + '|' + base + '|'
                + card.archetype() + '|' + card.sheet();
        return HexFormat.of().formatHex(Sha256.digest(data), 0, 16);
    }

    static boolean matches(String ifNoneMatch, String version) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String t = tag.trim().replaceFirst("^W/", "");
            if (t.equals("*") || t.equals('"' + version + '"')) {
                return true;
            }
        }
        return false;
    }

    private static Optional<UUID> uuid(String text) {
        try {
            return Optional.of(UUID.fromString(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The last {@link #CACHED} pages or images drawn (upkeep on the calling thread: a few map operations). */
    private static Cache<JsonMemo.Key, Drawn> drawings() {
        return Caffeine.newBuilder().maximumSize(CACHED).executor(Runnable::run).build();
    }
}
